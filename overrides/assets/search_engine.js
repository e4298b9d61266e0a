/* The finder's search over zoeken/producten.json and zoeken/woorden.json (see macros/search/words.py
   for the index layout). Imported by finder.js and by the header search's worker; no DOM here.

   A query is read as: a code (exact first, then codes that start with it), municipality names
   (exact, or their nearest spelling; variants from data/synoniemen.yaml), and words. Every word
   must match (AND), in three tiers that never mix up: the word's key (its stem, so 'ouders' finds
   'ouder' and compounds that contain it), words that start with it (typing), and words one or two
   edits away (typos: one edit for 4-7 letters, two from 8; never for codes). A word that matched
   only by a typo makes a suggestion ("Bedoelde je …?"). */
import { searchLanguage } from './search_language.js';

var CAP_PREFIX = 400;  /* words a prefix may expand to */

function lowerBound(list, x) {
  var lo = 0, hi = list.length;
  while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < x) lo = mid + 1; else hi = mid; }
  return lo;
}

function SearchEngine(data, index, manifest, taal) {
  var self = this;
  taal = taal || searchLanguage;
  this.data = data; this.ix = index; this.m = manifest; this.taal = taal; this.n = data.producten.length;
  this.codes = [];
  data.producten.forEach(function (p, i) { if (p.c) self.codes.push([taal.fold(p.c), i]); });
  this.codes.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]; });
  this.codeKeys = this.codes.map(function (c) { return c[0]; });
  this.byLength = [];
  index.w.forEach(function (w, i) { (self.byLength[w.length] = self.byLength[w.length] || []).push(i); });
  this.all = [];
  for (var i = 0; i < this.n; i++) this.all.push(i);
  this.facets = this.facetIndex(data, manifest);
  this.places = [];  /* every spelling of every municipality, as tokens */
  (manifest.gemeenten || []).forEach(function (g) {
    [g[0]].concat(g[3] || []).forEach(function (name) { self.places.push({ t: taal.tokens(name), g: g }); });
  });
}

/* Product numbers whose code is n, then those whose code starts with n, in code order. */
SearchEngine.prototype.codeHits = function (n) {
  var out = [], exact = [], i = lowerBound(this.codeKeys, n);
  for (; i < this.codes.length && this.codes[i][0].indexOf(n) === 0; i++) (this.codes[i][0] === n ? exact : out).push(this.codes[i][1]);
  return exact.concat(out);
};

SearchEngine.prototype.nearCodes = function (n) {
  return this.codes.map(function (c) { var k = 0; while (k < n.length && c[0][k] === n[k]) k++; return [k, c]; })
    .filter(function (x) { return x[0] >= 2; }).sort(function (a, b) { return b[0] - a[0]; })
    .slice(0, 6).map(function (x) { return x[1][1]; });
};

/* Add a key's postings to acc (the best score per product), scored by tier and where the word occurs. */
SearchEngine.prototype.add = function (key, acc, score) {
  var post = this.ix.p[key], nr = 0;
  for (var j = 0; j < post.length; j++) {
    nr += post[j] >> 3;
    var s = score(post[j] & 7);
    if (s > acc[nr]) acc[nr] = s;
  }
};

/* One query word: per product its best score, and whether it matched other than by a typo. */
SearchEngine.prototype.term = function (t) {
  var self = this, ix = this.ix, taal = this.taal, acc = new Float64Array(this.n), seen = {};
  var res = { acc: acc, exact: false, near: null };
  var key = lowerBound(ix.s, taal.stem(t));
  if (ix.s[key] === taal.stem(t)) { this.add(key, acc, function (w) { return 10 + w; }); seen[key] = res.exact = true; }
  if (t.length >= 2 || taal.isCode(t)) {
    for (var i = lowerBound(ix.w, t), c = 0; i < ix.w.length && ix.w[i].indexOf(t) === 0 && c < CAP_PREFIX; i++, c++) {
      if (seen[ix.k[i]]) continue;
      seen[ix.k[i]] = res.exact = true;
      this.add(ix.k[i], acc, function (w) { return 4 + w / 2; });
    }
  }
  var max = taal.maxEdits(t), last = max ? t.length + max : -1;  /* no typo search without edits */
  for (var len = t.length - max; len <= last; len++) {
    (this.byLength[len] || []).forEach(function (i) {
      var d = taal.distance(t, ix.w[i], max), k = ix.k[i];
      if (d > max || seen[k]) return;
      seen[k] = true;
      self.add(k, acc, function (w) { return w * (d === 1 ? 0.3 : 0.2); });
      var df = ix.p[k].length;
      if (!res.near || d < res.near.d || (d === res.near.d && df > res.near.df)) res.near = { word: ix.w[i], d: d, df: df };
    });
  }
  return res;
};

/* Municipality names in the query (longest spelling first), with the tokens left over. */
SearchEngine.prototype.findPlaces = function (toks) {
  var self = this, found = [], rest = [], fixes = {}, i = 0;
  while (i < toks.length) {
    var best = null;
    this.places.forEach(function (pl) {
      var L = pl.t.length;
      if (L && (!best || L > best.t.length) && toks.slice(i, i + L).join(" ") === pl.t.join(" ")) best = pl;
    });
    if (!best && !this.taal.isCode(toks[i]) && !this.isWord(toks[i])) {
      /* not a word of the catalogue: perhaps a municipality misspelt */
      var t = toks[i], max = this.taal.maxEdits(t), bestD = max + 1;
      this.places.forEach(function (pl) {
        if (pl.t.length !== 1) return;
        var d = self.taal.distance(t, pl.t[0], max);
        if (d < bestD) { bestD = d; best = pl; }
      });
      if (best) fixes[i] = best.g[0];
    }
    if (best) {
      if (found.indexOf(best.g) < 0) found.push(best.g);
      i += best.t.length;
    } else { rest.push([i, toks[i]]); i++; }
  }
  return { found: found, rest: rest, fixes: fixes };
};

SearchEngine.prototype.isWord = function (t) {
  var i = lowerBound(this.ix.w, t);
  return i < this.ix.w.length && this.ix.w[i].indexOf(t) === 0;
};

/* Does product p apply in municipality g ([name, regions, …])? true, false, or null: p is of one of
   g's regions but its source names no municipalities (m null), so nobody can say. */
SearchEngine.scope = function (regios, p, g) {
  if (g[1].indexOf(p.r) < 0) return false;
  if (p.m === null) return null;
  return (p.m === "alle" ? regios[p.r].gemeenten : p.m).indexOf(g[0]) >= 0;
};

SearchEngine.prototype.appliesIn = function (i, g) { return SearchEngine.scope(this.data.regios, this.data.producten[i], g) === true; };
SearchEngine.prototype.unstatedIn = function (i, g) { return SearchEngine.scope(this.data.regios, this.data.producten[i], g) === null; };

/* hits: product numbers, best first; gemeenten: municipalities named, each with its product count;
   suggestion: the query with misspelt words replaced, when a word matched only by its nearest spelling. */
SearchEngine.prototype.search = function (q) {
  var self = this, taal = this.taal, all = this.all;
  var raw = taal.tokens(q), code = taal.fold(q).replace(/\s+/g, "");
  var hits = /^[a-z0-9]{1,8}$/.test(code) && /[0-9]/.test(code) ? this.codeHits(code) : [];
  var places = this.findPlaces(raw), fixes = places.fixes;
  var words = places.rest.filter(function (x) { return !taal.isStop(x[1]); });
  var pool = raw.length ? [] : all;
  if (words.length) {
    var total = new Float64Array(this.n), ok = new Uint8Array(this.n).fill(1);
    words.forEach(function (x) {
      var r = self.term(x[1]);
      if (!r.exact && r.near) fixes[x[0]] = r.near.word;
      for (var j = 0; j < self.n; j++) { if (r.acc[j] > 0) total[j] += r.acc[j]; else ok[j] = 0; }
    });
    /* best first, then in the finder's order: one numeric sort on (rounded score, product number) */
    var keys = [];
    for (var j = 0; j < this.n; j++) if (ok[j]) keys.push(-Math.round(total[j] * 1000) * 1048576 + j);
    var sorted = Float64Array.from(keys).sort();
    pool = new Array(sorted.length);
    for (j = 0; j < sorted.length; j++) pool[j] = ((sorted[j] % 1048576) + 1048576) % 1048576;
  } else if (places.found.length) pool = all;
  if (places.found.length) {  /* where it applies first, then those whose source names no municipalities */
    var some = function (test) { return function (j) { return places.found.some(function (g) { return test.call(self, j, g); }); }; };
    pool = pool.filter(some(this.appliesIn)).concat(pool.filter(some(this.unstatedIn)));
  }
  var inHits = {};
  hits.forEach(function (j) { inHits[j] = true; });
  pool.forEach(function (j) { if (!inHits[j]) { inHits[j] = true; hits.push(j); } });
  var suggestion = Object.keys(fixes).length ? raw.map(function (t, k) { return fixes[k] || t; }).join(" ") : null;
  return {
    hits: hits, suggestion: suggestion,
    gemeenten: places.found.map(function (g) {
      return { g: g, count: all.filter(function (j) { return self.appliesIn(j, g); }).length,
               unstated: all.filter(function (j) { return self.unstatedIn(j, g); }).length };
    })
  };
};

/* Per filter: its values, and per product the numbers of its values (municipalities: those where it
   applies, 'alle' read as the region's list). Counting and matching then touch integers only. */
SearchEngine.prototype.facetIndex = function (data, manifest) {
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
};

SearchEngine.prototype.matches = function (i, s) {
  for (var k in this.facets) {
    if (!s[k]) continue;
    var f = this.facets[k], want = f.number[s[k]];
    if (want === undefined || f.of[i].indexOf(want) < 0) return false;
  }
  return true;
};

/* Per filter, per value: how many of base match all the other filters. Every municipality of the
   data is listed, also with 0. One pass over base. */
SearchEngine.prototype.counts = function (base, s, filters) {
  var facets = this.facets, active = [], counts = {}, out = {}, a, k;
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
};

/* zoeken/producten.json (macros/search/index.py producten_json) as one object per product:
   c code, n name, u page, r region, m municipalities ("alle" for all of the region), t type,
   e unit, s status, d maximum duration ("" where the source publishes none). */
SearchEngine.products = function (json) {
  var L = json.lijsten, taal = searchLanguage;
  function at(list, i) { return i >= 0 ? list[i] : ""; }
  return {
    regios: json.regios,
    woorden: json.woorden,
    producten: json.producten.map(function (r) {
      return { c: r[0], n: r[1], r: r[2], m: r[3] === 0 ? "alle" : r[3], t: at(L.t, r[4]), e: at(L.e, r[5]),
               s: at(L.s, r[6]), d: at(L.d, r[7]), u: r[2] + "/" + (r.length > 8 ? r[8] : taal.fold(r[0])) + "/" };
    })
  };
};

export { SearchEngine };
