/* Loading the finder's engine and its data, once per window, for both searches: the finder on
   /zoeken/ (finder.js) and the header search on every page (header_search.js). Nothing is fetched
   until one of them asks, which they do when a search box is used.

   Files (macros/search/index.py): zoeken/manifest.json (regions, municipalities, code and word
   shards; the /zoeken/ page carries it itself), zoeken/producten.json (cards and filters) and
   zoeken/woorden.json (the word index); the search code is search_engine.js with search_language.js.

   The first answer to a word query comes before those two large files (quickSearch): the pieces of
   the word index that can hold the query's words (zoeken/woorden/<n>.json, keyed by prefix, in the
   index's own layout) are merged into a small index, searched by the same engine, and the top
   results' card facts come from blocks of products (zoeken/producten/<n>.json). A query that needs
   more (a municipality, filters, nothing found in the pieces) waits for the whole index. */

import { generalNote, getJSON } from './util.js';

var ROOT = new URL("../", import.meta.url).href;  /* this module is assets/search_data.js */
var loaded = null;

/* The site's root address (ends in "/"), for links to pages and data. */
function siteRoot() { return ROOT; }

/* The engine with its products and manifest: {engine, data, manifest}. `manifest` is the page's own
   when it carries one (the finder), else zoeken/manifest.json is fetched. */
function loadEngine(manifest) {
  if (!loaded) {
    loaded = Promise.all([
      getJSON(ROOT + "zoeken/producten.json"), getJSON(ROOT + "zoeken/woorden.json"),
      manifest ? Promise.resolve(manifest) : getJSON(ROOT + "zoeken/manifest.json"),
      import("./search_engine.js")
    ]).then(function (r) {
      var SearchEngine = r[3].SearchEngine, data = SearchEngine.products(r[0]);
      return { engine: new SearchEngine(data, r[1], r[2]), data: data, manifest: r[2] };
    });
    loaded.catch(function () { loaded = null; });  /* a failed fetch may be tried again */
  }
  return loaded;
}

var pieces = {}, blocks = {};
var QUICK_PIECES = 12;  /* more pieces than this (a one-letter word, say): wait for the whole index */
var QUICK_BLOCKS = 6;   /* blocks of card facts fetched for a first answer at most */

function cached(store, path, n) {
  if (!store[n]) { store[n] = getJSON(ROOT + path + n + ".json"); store[n].catch(function () { delete store[n]; }); }
  return store[n];
}

/* Pieces of the word index merged into one index of the same layout (w, k, s, p). */
function merge(parts) {
  var post = {}, keyOf = {};
  parts.forEach(function (pc) {
    pc.w.forEach(function (w, i) { var key = pc.s[pc.k[i]]; keyOf[w] = key; if (!(key in post)) post[key] = pc.p[pc.k[i]]; });
  });
  var s = Object.keys(post).sort(), w = Object.keys(keyOf).sort(), at = {};
  s.forEach(function (key, j) { at[key] = j; });
  return { w: w, k: w.map(function (x) { return at[keyOf[x]]; }), s: s, p: s.map(function (key) { return post[key]; }) };
}

/* A card's facts from a block row: as SearchEngine.products gives them, the texts written out. */
function product(r, fold) {
  return { c: r[0], n: r[1], r: r[2], m: r[3] === 0 ? "alle" : r[3], t: r[4], e: r[5], s: r[6], d: r[7],
           u: r[2] + "/" + (r.length > 8 ? r[8] : fold(r[0])) + "/" };
}

/* The first answer to query q from pieces of the index: {hits (product numbers, best first, those
   whose facts are in), total, products (number -> card facts), note (util.js generalNote, or "")},
   or null when the whole index is needed. */
function quickSearch(manifest, q) {
  var keys = manifest.woorden, n = manifest.producten, blok = manifest.blok;
  if (!keys || !n || !blok) return Promise.resolve(null);
  return Promise.all([import("./search_engine.js"), import("./search_language.js")]).then(function (m) {
    var SearchEngine = m[0].SearchEngine, taal = m[1].searchLanguage;
    var words = taal.tokens(q).filter(function (t) { return !taal.isStop(t) && !taal.isCode(t); });
    if (!words.length || words.some(function (t) { return t.length < 2; })) return null;
    var need = [];
    words.forEach(function (t) {
      [t, taal.stem(t)].forEach(function (x) {
        keys.forEach(function (key, i) { if ((x.indexOf(key) === 0 || key.indexOf(x) === 0) && need.indexOf(i) < 0) need.push(i); });
      });
    });
    if (need.length > QUICK_PIECES) return null;
    return Promise.all(need.map(function (i) { return cached(pieces, "zoeken/woorden/", i); })).then(function (parts) {
      /* products as numbers only: the engine ranks from the index; no facts are needed for that */
      var none = [], regios = {};
      for (var i = 0; i < n; i++) none.push({ c: "", n: "", r: "", m: [], t: "", e: "", s: "", d: "" });
      Object.keys(manifest.regios || {}).forEach(function (r) { regios[r] = { naam: manifest.regios[r], gemeenten: [] }; });
      var res = new SearchEngine({ regios: regios, producten: none }, merge(parts), manifest).search(q);
      if (res.gemeenten.length || !res.hits.length) return null;
      var want = [], top = [];  /* the best hits, in order, as far as QUICK_BLOCKS blocks reach (at most a page) */
      for (var h = 0; h < res.hits.length && top.length < 50; h++) {
        var b = Math.floor(res.hits[h] / blok);
        if (want.indexOf(b) < 0) { if (want.length >= QUICK_BLOCKS) break; want.push(b); }
        top.push(res.hits[h]);
      }
      return Promise.all(want.map(function (b) { return cached(blocks, "zoeken/producten/", b); })).then(function (rows) {
        var facts = {};
        top.forEach(function (h) { facts[h] = product(rows[want.indexOf(Math.floor(h / blok))][h % blok], taal.fold); });
        return { hits: top, total: res.hits.length, products: facts,
                 note: res.general.length ? generalNote(res.general, q, taal.tokens, true) : "" };
      });
    });
  });
}

/* The first answer to a code or code prefix (letters and digits, with a digit) from the code shards
   alone, in quickSearch's form, or null: the products whose code is n, then those that start with it. */
var codeShards = {};
function codeSearch(manifest, n) {
  var load = [];
  (manifest.shards || []).forEach(function (sh, i) { if (sh[0].indexOf(n) === 0 || n.indexOf(sh[0]) === 0) load.push(i); });
  if (!load.length || load.length > QUICK_PIECES) return Promise.resolve(null);
  return Promise.all(load.map(function (i) { return cached(codeShards, "zoeken/codes/", i); })).then(function (parts) {
    var exact = [], prefix = [], facts = {};
    parts.forEach(function (part) {
      part.forEach(function (r) {
        if (r[0].indexOf(n) !== 0) return;
        (r[0] === n ? exact : prefix).push(r[1]);
        facts[r[1]] = { c: r[2], n: r[3], r: r[4], t: "", u: r[4] + "/" + (r[5] || r[0]) + "/" };
      });
    });
    var hits = exact.concat(prefix);
    return hits.length ? { hits: hits.slice(0, 50), total: hits.length, products: facts } : null;
  });
}

export { loadEngine, quickSearch, codeSearch, siteRoot, getJSON };
