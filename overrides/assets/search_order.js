/* The order of the search's hits among variants (search_engine.js ranks them first): the products of one
   region and type, which print one text, are spread so that no family fills the first page. No DOM here. */

/* Variants of one arrangement (one region's products of one type: a complexity-by-duration matrix) print
   one text, so they match a query alike: among products that match the same words (equal cover) about as
   well (a score at least CLOSE times theirs), at most FAMILY of one family come before any other product.
   family(i) gives a product's family, or 0 / "" where the facts are not known (then the order stays). Only the
   first WINDOW hits are reordered (a few pages of results): what lies beyond keeps its order. */
var FAMILY = 3, CLOSE = 0.75, WINDOW = 200;
export function diversify(hits, cover, score, family, info) {
  var out = [], later = [], head = 0, seen = {}, level = null;  /* later[head..]: held back, in order */
  for (var k = 0; k < hits.length && k < WINDOW; k++) {
    var h = hits[k], lv = Math.round(cover[h] * 10000), f = family(h);
    if (lv !== level) { while (head < later.length) out.push(later[head++]); later = []; head = 0; seen = {}; level = lv; }
    while (head < later.length && score[h] < CLOSE * score[later[head]]) out.push(later[head++]);
    seen[f] = (seen[f] || 0) + 1;
    if (f && seen[f] > FAMILY) later.push(h); else out.push(h);
  }
  /* info.settled: how many came out before the held-back ones at the end, which a longer list may place later;
     so the first `settled` of a list's leading part are the first of the whole list too */
  if (info) info.settled = out.length;
  while (head < later.length) out.push(later[head++]);
  return hits.length > WINDOW ? out.concat(hits.slice(WINDOW)) : out;
}

/* Per product its family for diversify: 1 + the number of its region and type, 0 where they are not known;
   data.families when the data brings them (the first answer, which has no facts: zoeken/families.json). */
export function families(data) {
  if (data.families) return Int32Array.from(data.families);
  var ids = {}, next = 1, fam = new Int32Array(data.producten.length);
  data.producten.forEach(function (p, i) {
    if (!p.r) return;
    var key = p.r + "|" + p.t;
    fam[i] = ids[key] || (ids[key] = next++);
  });
  return fam;
}
