/* The finder's filters over the search's products (search_engine.js decodes them from zoeken/producten.json):
   per filter its values and per product the numbers of its values, which products match the filters chosen,
   and per value how many products it would leave. No DOM here; the finder draws the filters (finder.js). */

/* Per filter: its values, and per product the numbers of its values (municipalities: those where it
   applies, 'alle' read as the region's list). Counting and matching then touch integers only. */
export function filterIndex(data, manifest) {
  var keys = ["regio", "gemeente", "type", "eenheid", "status"], out = {};
  keys.forEach(function (k) { out[k] = { values: [], number: {}, of: [] }; });
  function number(f, v) { if (!(v in f.number)) { f.number[v] = f.values.length; f.values.push(v); } return f.number[v]; }
  (manifest.gemeenten || []).forEach(function (g) { number(out.gemeente, g[0]); });  /* every municipality, also with 0 */
  data.producten.forEach(function (p, i) {
    out.regio.of[i] = [number(out.regio, p.r)];
    out.gemeente.of[i] = (p.m === "alle" ? data.regios[p.r].gemeenten : p.m || []).map(function (g) { return number(out.gemeente, g); });
    out.type.of[i] = [number(out.type, p.t)];
    out.eenheid.of[i] = p.e ? [number(out.eenheid, p.e)] : [];
    out.status.of[i] = [number(out.status, p.s)];
  });
  return out;
}

/* Does product i have every value chosen in s (filter key -> value, "" for none)? */
export function matchesFilters(facets, i, s) {
  for (var k in facets) {
    if (!s[k]) continue;
    var f = facets[k], want = f.number[s[k]];
    if (want === undefined || f.of[i].indexOf(want) < 0) return false;
  }
  return true;
}

/* Per filter, per value: how many of base match all the other filters. Every municipality of the
   data is listed, also with 0. One pass over base. */
export function countFilters(facets, base, s, filters) {
  var active = [], counts = {}, out = {}, a, k;
  filters.forEach(function (f) {
    var fc = facets[f.key];
    counts[f.key] = new Int32Array(fc.values.length);
    if (s[f.key]) active.push({ key: f.key, want: s[f.key] in fc.number ? fc.number[s[f.key]] : -1 });
  });
  for (var b = 0; b < base.length; b++) {
    var i = base[b], failed = null, twice = false;
    for (a = 0; a < active.length; a++) {
      if (facets[active[a].key].of[i].indexOf(active[a].want) < 0) { if (failed) { twice = true; break; } failed = active[a].key; }
    }
    if (twice) continue;
    for (var f = 0; f < filters.length; f++) {
      k = filters[f].key;
      if (failed && failed !== k) continue;
      var vs = facets[k].of[i], c = counts[k];
      for (var v = 0; v < vs.length; v++) c[vs[v]]++;
    }
  }
  filters.forEach(function (f) {
    var o = out[f.key] = {}, values = facets[f.key].values, c = counts[f.key];
    for (var v = 0; v < values.length; v++) if (c[v] || f.key === "gemeente") o[values[v]] = c[v];
  });
  return out;
}
