/* The finder's search over zoeken/producten.json and zoeken/woorden.json (see macros/search/words.py
   for the index layout). Imported by finder.js and by the header search's worker; no DOM here.

   A query is read as: a code (exact first, then codes that start with it), municipality names
   (exact, or their nearest spelling; variants from data/synoniemen.yaml), and words. Function words
   ("voor", "met", "welke", …) are left out. Each word matches in three tiers that never mix up: the
   word's key (its stem, so 'ouders' finds 'ouder' and compounds that contain it), words that start
   with it (typing), and, only when neither matched, words one or two edits away (typos: one edit for
   4-7 letters, two from 8; never for codes), which makes a suggestion ("Bedoelde je …?"). A compound
   ('gezinsbehandeling') also matches where all its parts do.
   Every text a product page shows is indexed; name, code and synonyms weigh most. Products are ranked
   by how many of the words they match, then by where (weight) and how rare each word is. A word that
   occurs in more than WEAK of all products is too general to find a product by its body text: it
   finds names only (and ranks the rest), and the result says so (general). */
import { searchLanguage } from './search_language.js';
import { countFilters, filterIndex, matchesFilters } from './search_filters.js';
import { diversify, families } from './search_order.js';

var CAP_PREFIX = 400;  /* words a prefix may expand to */
var WEAK = 0.5;        /* share of products above which a word finds by name only */
var NAME = 8;          /* from this weight (1-15, macros/search/words.py) a word is in a product's name, code,
                          synonyms, group or type */

function lowerBound(list, x) {
  var lo = 0, hi = list.length;
  while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < x) lo = mid + 1; else hi = mid; }
  return lo;
}

function SearchEngine(data, index, manifest, language) {
  var self = this;
  language = language || searchLanguage;
  this.data = data; this.ix = index; this.m = manifest; this.language = language; this.n = data.producten.length;
  this.codes = [];
  data.producten.forEach(function (p, i) { if (p.c) self.codes.push([language.fold(p.c), i]); });
  this.codes.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]; });
  this.codeKeys = this.codes.map(function (c) { return c[0]; });
  this.byLength = [];
  index.w.forEach(function (w, i) { (self.byLength[w.length] = self.byLength[w.length] || []).push(i); });
  this.all = [];
  for (var i = 0; i < this.n; i++) this.all.push(i);
  this.places = [];  /* every spelling of every municipality, as tokens */
  (manifest.gemeenten || []).forEach(function (g) {
    [g[0]].concat(g[3] || []).forEach(function (name) { self.places.push({ t: language.tokens(name), g: g }); });
  });
}

/* The filters' values per product (facetIndex), built when first asked for: the first answer to a query
   (search_data.js quickSearch) ranks without them. */
Object.defineProperty(SearchEngine.prototype, "facets", {
  get: function () { return this._facets || (this._facets = filterIndex(this.data, this.m)); }
});
/* Does product i match the filters in s; per filter, per value, how many of base it would leave (search_filters.js). */
SearchEngine.prototype.matches = function (i, s) { return matchesFilters(this.facets, i, s); };
SearchEngine.prototype.counts = function (base, s, filters) { return countFilters(this.facets, base, s, filters); };

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

/* Add a key's postings to acc (the best score per product), scored by tier and where the word occurs;
   wt keeps the highest weight per product. */
SearchEngine.prototype.add = function (key, acc, score, wt) {
  var post = this.ix.p[key], product = 0;
  for (var j = 0; j < post.length; j++) {
    product += post[j] >> 4;
    var w = post[j] & 15, s = score(w);
    if (s > acc[product]) acc[product] = s;
    if (wt && w > wt[product]) wt[product] = w;
  }
};

/* Is w a word or key of the index (the vocabulary compounds are split against)? */
SearchEngine.prototype.known = function (w) {
  var ix = this.ix, i = lowerBound(ix.w, w), k = lowerBound(ix.s, w);
  return (i < ix.w.length && ix.w[i] === w) || (k < ix.s.length && ix.s[k] === w);
};

/* One query word: per product its best score (acc) and highest weight (wt), whether it matched other
   than by a typo (exact), its nearest spelling (near), how many products its key has (df). A part of
   a compound (part) is looked up by its key only. */
SearchEngine.prototype.term = function (t, part) {
  var self = this, ix = this.ix, language = this.language, acc = new Float64Array(this.n), wt = new Uint8Array(this.n), seen = {};
  var res = { acc: acc, wt: wt, exact: false, near: null, df: 0 };
  var st = language.stem(t), key = lowerBound(ix.s, st);
  if (ix.s[key] !== st && !part) {
    /* a diminutive ('groepje', 'pleegkindje') that is no key: the word it is made of, when that is one */
    language.diminutives(t).some(function (w) {
      var k = lowerBound(ix.s, language.stem(w));
      if (ix.s[k] !== language.stem(w)) return false;
      st = ix.s[k]; key = k; return true;
    });
  }
  if (ix.s[key] === st) {
    this.add(key, acc, function (w) { return 11 + w; }, wt); seen[key] = res.exact = true;
    res.df = ix.p[key].length;  /* how general the word is: its own key, not longer words or its parts */
  }
  if (part) return res;  /* a part of a compound matches by its key alone */
  if (t.length >= 2 || language.isCode(t)) {
    for (var i = lowerBound(ix.w, t), c = 0; i < ix.w.length && ix.w[i].indexOf(t) === 0 && c < CAP_PREFIX; i++, c++) {
      if (seen[ix.k[i]]) continue;
      seen[ix.k[i]] = res.exact = true;
      this.add(ix.k[i], acc, function (w) { return 4 + w / 2; }, wt);
    }
  }
  if (!res.df) for (var d = 0; d < this.n; d++) if (acc[d] > 0) res.df++;  /* a prefix: the words it starts */
  var parts = language.splitCompound(t, function (w) { return self.known(w); });
  if (parts.length > 1) {  /* a compound also matches where all its parts do ('gezinsbehandeling': Gezin, Behandeling) */
    var each = parts.map(function (x) { return self.term(x, true); });
    for (var j = 0; j < this.n; j++) {  /* a tier of its own: 5 + half the weight of the part that weighs least */
      var low = Infinity, top = 15;
      for (var q = 0; q < each.length; q++) { low = Math.min(low, each[q].acc[j]); top = Math.min(top, each[q].wt[j]); }
      if (low > 0 && 5 + top / 2 > acc[j]) { acc[j] = 5 + top / 2; res.exact = true; }
      if (low > 0 && top > wt[j]) wt[j] = top;
    }
  }
  if (res.exact) return res;
  var max = language.maxEdits(t), last = max ? t.length + max : -1;  /* no typo search without edits */
  for (var len = t.length - max; len <= last; len++) {
    (this.byLength[len] || []).forEach(function (i) {
      var d = language.distance(t, ix.w[i], max), k = ix.k[i];
      if (d > max || seen[k]) return;
      seen[k] = true;
      self.add(k, acc, function (w) { return (11 + w) * (d === 1 ? 0.3 : 0.2); }, wt);
      var df = ix.p[k].length;
      if (!res.near || d < res.near.d || (d === res.near.d && df > res.near.df)) res.near = { word: ix.w[i], d: d, df: df };
    });
  }
  return res;
};

/* Municipality names in the query (longest spelling first), with the tokens left over. A name matches
   written together or apart, with or without hyphens: 'Noord-Oostpolder' and 'noord oostpolder' are
   'Noordoostpolder', 'sittardgeleen' is 'Sittard-Geleen' (the tokens compared joined). */
var PLACE_SPAN = 2;  /* query tokens a name may have more than it has itself (written apart) */
SearchEngine.prototype.findPlaces = function (toks) {
  var self = this, found = [], rest = [], fixes = {}, i = 0, language = this.language, longest = 1;
  this.places.forEach(function (pl) { if (pl.t.length > longest) longest = pl.t.length; });
  while (i < toks.length) {
    var best = null, span = 0;
    for (var L = Math.min(longest + PLACE_SPAN, toks.length - i); L >= 1 && !best; L--) {
      var joined = toks.slice(i, i + L).join("");
      this.places.forEach(function (pl) { if (!best && pl.t.length && pl.t.join("") === joined) { best = pl; span = L; } });
    }
    for (L = Math.min(2, toks.length - i); L >= 1 && !best; L--) {
      /* not words of the catalogue: perhaps a municipality misspelt (also written apart) */
      var part = toks.slice(i, i + L);
      if (part.some(function (t) { return language.isCode(t) || self.isWord(t); })) continue;
      var t = part.join(""), max = language.maxEdits(t), bestD = max + 1;
      this.places.forEach(function (pl) {
        if (!pl.t.length) return;
        var d = language.distance(t, pl.t.join(""), max);
        if (d < bestD) { bestD = d; best = pl; span = L; }
      });
      if (best) {
        fixes[i] = best.g[0];
        for (var k = 1; k < span; k++) fixes[i + k] = "";  /* the suggestion writes the name once */
      }
    }
    if (best) {
      if (found.indexOf(best.g) < 0) found.push(best.g);
      i += span;
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
SearchEngine.scope = function (regions, p, g) {
  if (g[1].indexOf(p.r) < 0) return false;
  if (p.m === null) return null;
  return (p.m === "alle" ? regions[p.r].gemeenten : p.m).indexOf(g[0]) >= 0;
};

SearchEngine.prototype.appliesIn = function (i, g) { return SearchEngine.scope(this.data.regios, this.data.producten[i], g) === true; };
SearchEngine.prototype.unstatedIn = function (i, g) { return SearchEngine.scope(this.data.regios, this.data.producten[i], g) === null; };

/* hits: product numbers, best first; gemeenten: municipalities named, each with its product count;
   suggestion: the query with misspelt words replaced, when a word matched only by its nearest spelling;
   general: the query's words when every one of them is too general to find products but by their names;
   terms: the words looked up; loose: how many of them matched only by a typo, or not at all. */
SearchEngine.prototype.search = function (q) {
  var self = this, language = this.language, all = this.all;
  var raw = language.tokens(q), code = language.fold(q).replace(/\s+/g, "");
  var hits = /^[a-z0-9]{1,8}$/.test(code) && /[0-9]/.test(code) ? this.codeHits(code) : [];
  var places = this.findPlaces(raw), fixes = places.fixes;
  /* function words and bare numbers under three digits ('3', '24') find nothing (the index leaves them out) */
  var words = places.rest.filter(function (x) { return !language.isStop(x[1]) && !/^[0-9]{1,2}$/.test(x[1]); });
  places.rest.forEach(function (x, k) {  /* 'niveau 3' also as 'niveau3' */
    var next = places.rest[k + 1];
    if (next && next[0] === x[0] + 1) language.levels([x[1], next[1]]).forEach(function (t) { words.push([x[0], t]); });
  });
  var pool = raw.length ? [] : all;
  var general = [], loose = 0;
  if (words.length) {
    /* per word: where it finds a product (hit), and its score weighed by how rare it is */
    var total = new Float64Array(this.n), cover = new Float64Array(this.n), used = 0;
    words.forEach(function (x) {
      var r = self.term(x[1]), df = 0, j;
      if (!r.exact) loose++;
      if (!r.exact && r.near) fixes[x[0]] = r.near.word;
      for (j = 0; j < self.n; j++) if (r.acc[j] > 0) df++;
      if (!df) return;  /* a word nothing has: the other words answer */
      df = Math.max(r.df, 1);  /* a compound is as general as the word itself, not as its parts */
      var weak = df > WEAK * self.n, idf = Math.log(1 + self.n / df), hits = 0;
      for (j = 0; j < self.n; j++) {
        if (!(r.acc[j] > 0)) continue;
        total[j] += r.acc[j] * idf;
        if (!weak || r.wt[j] >= NAME) { cover[j] += idf; hits++; }
      }
      if (weak) general.push(x[1]);
      if (hits) used++;
    });
    if (general.length < words.length) general = [];  /* said only when every word is that general */
    /* most words matched first (each counted by how rare it is), then by score (where they occur);
       products that cover less than half of what the best one covers drop */
    var best = 0, j;
    for (j = 0; j < this.n; j++) if (cover[j] > best) best = cover[j];
    var keys = [];
    for (j = 0; j < this.n; j++) if (cover[j] > 0 && cover[j] >= best / 2) keys.push(-Math.round(cover[j] * 10000 + total[j] * 10) * 1048576 + j);
    var sorted = Float64Array.from(keys).sort();
    pool = new Array(sorted.length);
    for (j = 0; j < sorted.length; j++) pool[j] = ((sorted[j] % 1048576) + 1048576) % 1048576;
    var fam = this._families || (this._families = families(this.data));
    pool = diversify(pool, cover, total, function (i) { return fam[i]; });
    if (!used && places.found.length) pool = all;  /* only words that add nothing to a municipality */
  } else if (places.found.length) pool = all;
  if (places.found.length) {  /* where it applies first, then those whose source names no municipalities */
    var some = function (test) { return function (j) { return places.found.some(function (g) { return test.call(self, j, g); }); }; };
    pool = pool.filter(some(this.appliesIn)).concat(pool.filter(some(this.unstatedIn)));
  }
  var inHits = new Uint8Array(this.n);  /* the code hits first, then the rest of the pool, each product once */
  for (var h = 0; h < hits.length; h++) inHits[hits[h]] = 1;
  for (h = 0; h < pool.length; h++) if (!inHits[pool[h]]) { inHits[pool[h]] = 1; hits.push(pool[h]); }
  var suggestion = Object.keys(fixes).length ? raw.map(function (t, k) { return k in fixes ? fixes[k] : t; })
    .filter(function (t) { return t; }).join(" ") : null;
  return {
    hits: hits, suggestion: suggestion, general: general, cover: cover, score: total,
    terms: words.map(function (x) { return x[1]; }), loose: loose,
    gemeenten: places.found.map(function (g) {
      return { g: g, count: all.filter(function (j) { return self.appliesIn(j, g); }).length,
               unstated: all.filter(function (j) { return self.unstatedIn(j, g); }).length };
    })
  };
};

/* zoeken/producten.json (macros/search/index.py producten_json) as one object per product:
   c code, n name, u page, r region, m municipalities ("alle" for all of the region), t type,
   e unit, s status, d maximum duration ("" where the source publishes none). */
SearchEngine.products = function (json) {
  var L = json.lijsten, language = searchLanguage;
  function at(list, i) { return i >= 0 ? list[i] : ""; }
  return {
    regios: json.regios,
    producten: json.producten.map(function (r) {
      return { c: r[0], n: r[1], r: r[2], m: r[3] === 0 ? "alle" : r[3], t: at(L.t, r[4]), e: at(L.e, r[5]),
               s: at(L.s, r[6]), d: at(L.d, r[7]), u: r[2] + "/" + (r.length > 8 ? r[8] : language.fold(r[0])) + "/" };
    })
  };
};

export { SearchEngine };
