/* Loading the finder's engine and its data, once per window, for both searches: the finder on
   /zoeken/ (finder.js) and the header search on every page (header_search.js). Nothing is fetched
   until one of them asks, which they do when a search box is used.

   Files (macros/search/index.py): zoeken/manifest.json (regions, municipalities, code and word
   shards; the /zoeken/ page carries it itself), zoeken/producten.json (cards and filters) and
   zoeken/woorden.json (the word index); the search code is search_engine.js with
   search_language.js, search_filters.js and search_order.js.

   The first answer to a word query comes before those two large files (quickSearch): the pieces of
   the word index that can hold the query's words (zoeken/woorden/<n>.json, keyed by prefix, in the
   index's own layout) are merged into a small index, searched by the same engine with every product's
   family (zoeken/families.json: variants are ordered as the whole index orders them, search_order.js
   diversify), and the first page's card facts come from blocks of products (zoeken/producten/<n>.json), or
   from zoeken/producten.json at once when they lie in more than QUICK_BLOCKS blocks (a common word at 5,000
   products): the large word index is still not needed. A query that needs more (a municipality, filters,
   nothing found in the pieces) waits for the whole index. The first answer says how many of its hits are
   certainly the whole index's first ones (sure): every word the search looked up, and every compound part it
   tried, lay in pieces that were loaded, and none matched by a typo only; a reader who only reads those needs
   nothing more (finder.js). */

import { codeOf, generalNote, getJSON } from './util.js';
import { searchLanguage as language } from './search_language.js';

var ROOT = new URL("../", import.meta.url).href;  /* this module is assets/search_data.js */
var loaded = null;

/* The site's root address (ends in "/"), for links to pages and data. */
function siteRoot() { return ROOT; }

/* The engine with its products and manifest: {engine, data, manifest}. `manifest` is the page's own
   when it carries one (the finder), else zoeken/manifest.json is fetched. */
function loadEngine(manifest) {
  if (!loaded) {
    loaded = Promise.all([
      allCards(), getJSON(ROOT + "zoeken/woorden.json"),
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

var pieces = {}, blocks = {}, whole = {};
var QUICK_PIECES = 12;  /* more pieces than this (a one-letter word, say): wait for the whole index */
var QUICK_BLOCKS = 12;  /* blocks of card facts fetched for a first answer at most; beyond, zoeken/producten.json */

function cached(store, path, n) {
  if (!store[n]) { store[n] = getJSON(ROOT + path + n + ".json"); store[n].catch(function () { delete store[n]; }); }
  return store[n];
}

/* Every product's card facts and filters (zoeken/producten.json), and every product's family
   (zoeken/families.json): each fetched once, for the first answer and the whole index alike. */
function allCards() { return cached(whole, "zoeken/", "producten"); }
function families() { return cached(whole, "zoeken/", "families"); }

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

/* The word pieces that can hold word t or its stem (keyed by prefix), added to need. */
function piecesFor(keys, t, need) {
  [t, language.stem(t)].forEach(function (x) {
    keys.forEach(function (key, i) { if ((x.indexOf(key) === 0 || key.indexOf(x) === 0) && need.indexOf(i) < 0) need.push(i); });
  });
  return need;
}

function loadPieces(need) { return Promise.all(need.map(function (i) { return cached(pieces, "zoeken/woorden/", i); })); }

function sortedHas(list, x) {
  var lo = 0, hi = list.length;
  while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < x) lo = mid + 1; else hi = mid; }
  return lo < list.length && list[lo] === x;
}

/* The piece that holds word w: the one keyed by the longest prefix of w (the pieces cut the sorted words). */
function pieceOf(keys, w) {
  var best = -1;
  keys.forEach(function (key, i) { if (w.indexOf(key) === 0 && (best < 0 || key.length > keys[best].length)) best = i; });
  return best;
}

/* The engine also matches a long query word where all the parts of a compound do ('gezinsbehandeling':
   gezin + behandeling), and those parts lie in other pieces: after each head that the loaded pieces know (a
   word of at least 4 letters, a linking 's', 'e' or 'en' after it), the piece of the rest is loaded too, and in
   a second round those of the rest's own parts. Within QUICK_PIECES in all: beyond that the first answer goes
   without them (the whole index follows and answers in full). Resolves to all pieces loaded; their numbers are
   added to `loaded`. */
var MIN_PART = 4, MIN_COMPOUND = 8;
function compoundPieces(keys, words, need, parts, loaded) {
  function note(got) { got.forEach(function (i) { if (loaded.indexOf(i) < 0) loaded.push(i); }); }  /* pieces merged */
  note(need);
  var round = 0, todo = words.filter(function (t) { return !language.isCode(t) && t.length >= MIN_COMPOUND; });
  function more(parts) {
    note(need);
    var ix = merge(parts), extra = need.slice(), next = [];
    todo.forEach(function (t) {
      for (var i = MIN_PART; i <= t.length - MIN_PART; i++) {
        var head = t.slice(0, i);
        if (!sortedHas(ix.w, head) && !sortedHas(ix.s, head)) continue;
        ["", "s", "e", "en"].forEach(function (link) {
          var rest = t.slice(i + link.length), at = pieceOf(keys, rest);
          if (t.slice(i, i + link.length) !== link || rest.length < MIN_PART || at < 0) return;
          if (extra.indexOf(at) < 0 && extra.length < QUICK_PIECES) extra.push(at);
          if (rest.length >= MIN_COMPOUND && next.indexOf(rest) < 0) next.push(rest);  /* perhaps a compound too */
        });
      }
    });
    if (extra.length === need.length || round++ >= 2) return Promise.resolve(parts);
    need = extra; todo = next;
    return loadPieces(extra).then(more);
  }
  return todo.length ? more(parts) : Promise.resolve(parts);
}

/* The pieces that the split of word t into a compound's parts can depend on (handed to lack): splitCompound
   (search_language.js) asks known() about every stretch of t, but its answer depends only on the stretches that
   start where t does or right after a stretch the index knows (and a linking 's', 'e' or 'en'). A stretch whose
   pieces are not all loaded (covered) may be known, so it is followed too, and its pieces are needed. */
function splitPieces(t, known, covered, lack) {
  if (t.length < MIN_COMPOUND || language.isCode(t)) return;
  var reach = [0], seen = { 0: true };
  for (var r = 0; r < reach.length; r++) {
    for (var i = reach[r], j = i + MIN_PART; j <= t.length; j++) {
      var part = t.slice(i, j);
      if (!covered(part)) lack(part);
      else if (!known(part)) continue;
      ["", "s", "e", "en"].forEach(function (link) {
        var k = j + link.length;
        if (k < t.length && t.slice(j, k) === link && !seen[k]) { seen[k] = true; reach.push(k); }
      });
    }
  }
}

/* The first answer to query q from pieces of the index: {hits (product numbers, best first, those
   whose facts are in), total, products (number -> card facts), note (util.js generalNote, or ""), sure
   (how many of the first hits are certainly the whole index's first ones; 0 when the answer may differ)},
   or null when the whole index is needed. `certain`: the answer is to stay if it can (the finder's query in
   the address), so pieces that the search needs but were not loaded (those of the parts a compound may be split
   into: splitPieces) are loaded and the query searched again, up to SURE_PIECES pieces in all. */
var SURE_PIECES = 20;
function quickSearch(manifest, q, certain) {
  var keys = manifest.woorden, n = manifest.producten, blok = manifest.blok;
  if (!keys || !n || !blok) return Promise.resolve(null);
  /* every word the index may hold, abbreviations as printed ('j&o', 'wo+', '18+') and codes among them */
  var words = language.tokens(q).filter(function (t) { return !language.isStop(t) && !/^[0-9]{1,2}$/.test(t); });
  if (!words.length || words.some(function (t) { return t.length < 2; })) return Promise.resolve(null);
  var need = [], loaded = [];
  words.forEach(function (t) { piecesFor(keys, t, need); });
  if (need.length > QUICK_PIECES) return Promise.resolve(null);
  /* the pieces and the families are asked for at once, while the engine's script loads; then the pieces of
     compounds' parts */
  var fams;
  return Promise.all([import("./search_engine.js"), loadPieces(need), families()]).then(function (got) {
    fams = got[2];
    return compoundPieces(keys, words, need, got[1], loaded).then(function (parts) { return [got[0], parts]; });
  }).then(function (got) {
    var SearchEngine = got[0].SearchEngine;
    /* products as numbers only: the engine ranks from the index; no facts are needed for that */
    var none = [], regions = {};
    for (var i = 0; i < n; i++) none.push({ c: "", n: "", r: "", m: [], t: "", e: "", s: "", d: "" });
    Object.keys(manifest.regios || {}).forEach(function (r) { regions[r] = { naam: manifest.regios[r], gemeenten: [] }; });
    /* Every word the search depends on must lie in loaded pieces (all that can hold it or its stem), or the
       answer may differ from the whole index's: the query's words, and the parts a compound may be split into. */
    function search(parts) {
      var missing = [], engine = new SearchEngine({ regios: regions, producten: none, families: fams }, merge(parts), manifest);
      var covered = function (w) { return piecesFor(keys, w, []).every(function (k) { return loaded.indexOf(k) >= 0; }); };
      var lack = function (w) {
        piecesFor(keys, w, []).forEach(function (k) { if (loaded.indexOf(k) < 0 && missing.indexOf(k) < 0) missing.push(k); });
      };
      var res = engine.search(q);
      res.terms.forEach(function (t) {
        lack(t); language.diminutives(t).forEach(lack);
        splitPieces(t, function (w) { return engine.known(w); }, covered, lack);
      });
      if (certain && missing.length && loaded.length + missing.length <= SURE_PIECES && !res.loose && !res.gemeenten.length) {
        return loadPieces(missing).then(function (more) {
          missing.forEach(function (k) { loaded.push(k); });
          return search(parts.concat(more));
        });
      }
      return [res, !missing.length && !res.loose && !codeOf(q)];
    }
    return search(got[1]);
  }).then(function (got) {
    var res = got[0], sure = got[1];
    if (res.gemeenten.length || !res.hits.length) return null;
    /* the first page of hits (already in the whole index's order) and the blocks that hold their facts */
    var top = res.hits.slice(0, 50), want = [];
    top.forEach(function (h) { var b = Math.floor(h / blok); if (want.indexOf(b) < 0) want.push(b); });
    var facts = {}, rows = want.length > QUICK_BLOCKS ? allCards().then(function (json) {
      top.forEach(function (h) { facts[h] = product(blockRow(json.producten[h], json.lijsten), language.fold); });
    }) : Promise.all(want.map(function (b) { return cached(blocks, "zoeken/producten/", b); })).then(function (got) {
      top.forEach(function (h) { facts[h] = product(got[want.indexOf(Math.floor(h / blok))][h % blok], language.fold); });
    });
    return rows.then(function () {
      return { hits: top, total: res.hits.length, products: facts, sure: sure ? top.length : 0,
               note: res.general.length ? generalNote(res.general, q, language.tokens, true) : "" };
    });
  });
}

/* A row of zoeken/producten.json as a block row (macros/search/index.py product_block): its texts written out. */
function blockRow(r, texts) {
  var at = function (list, i) { return i >= 0 ? texts[list][i] : ""; };
  return [r[0], r[1], r[2], r[3], at("t", r[4]), at("e", r[5]), at("s", r[6]), at("d", r[7])].concat(r.slice(8));
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
