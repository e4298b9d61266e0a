/* Loading the finder's engine and its data, once per window, for both searches: the finder on
   /zoeken/ (finder.js) and the header search on every page (header_search.js). Nothing is fetched
   until one of them asks, which they do when a search box is used.

   Files (macros/search/index.py): zoeken/manifest.json (regions, municipalities, code shards; the
   /zoeken/ page carries it itself), zoeken/producten.json (cards and filters) and zoeken/woorden.json
   (the word index); the search code is search_engine.js with search_language.js. */

var ROOT = new URL("../", import.meta.url).href;  /* this module is assets/search_data.js */
var loaded = null;

function getJSON(url) {
  return fetch(url).then(function (r) { if (!r.ok) throw new Error(url); return r.json(); });
}

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

export { loadEngine, siteRoot, getJSON };
