/* A code or code prefix answered from the code shards alone (zoeken/codes/<n>.json, macros/search/index.py),
   before the search's index is fetched: the finder (finder.js) shows these cards at once. */
import { getJSON } from './util.js';

/* Code rows [code, number, printed code, name, region, id?] for code or prefix n, exact first, and how many
   codes start with it: from the shards that can hold it (about `most` rows' worth; the manifest counts the
   rest). cache holds each shard's promise by number, so a shard is fetched once. */
export function codeRows(root, manifest, cache, n, most) {
  var shards = manifest.shards || [], inside = {}, load = [], total = 0, rows = 0;
  shards.forEach(function (sh, i) {
    if (sh[0].indexOf(n) === 0) { total += sh[1]; if (rows < most) { load.push(i); rows += sh[1]; } }
    else if (n.indexOf(sh[0]) === 0) { inside[i] = true; load.push(i); }  /* holds some codes that start with n */
  });
  return Promise.all(load.map(function (i) {
    if (!cache[i]) cache[i] = getJSON(root + "zoeken/codes/" + i + ".json");
    return cache[i];
  })).then(function (parts) {
    var exact = [], prefix = [];
    parts.forEach(function (part, k) {
      part.forEach(function (r) {
        if (r[0].indexOf(n) !== 0) return;
        (r[0] === n ? exact : prefix).push(r);
        if (inside[load[k]]) total++;
      });
    });
    return { rows: exact.concat(prefix), total: total };
  });
}
