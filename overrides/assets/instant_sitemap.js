/* The theme's instant navigation (navigation.instant) opens a link in place only when its address is in
 * the site's sitemap.xml, which it fetches and parses with every full page load; it does so once more for
 * every <link rel="alternate"> in the head (the changes feeds: the sitemap next to a feed at the root is
 * the same file). The sitemap lists every page, so that work grew with the catalogue: at 5,000 products
 * 0.5 MB of XML (5,671 pages), parsed two or three times on every page on a phone (issue 32).
 *
 * This classic script runs just before the theme's bundle and points the theme's requests for the site's
 * sitemap.xml to assets/instant.xml (overrides/assets/instant.xml): the same format, listing the pages
 * instant navigation opens in place: the site's structure (hand-written pages, overviews, regions and their
 * subpages, decision trees), not the leaves whose number grows with the catalogue (a product, municipality
 * or source document: macros/site/pages.py, opens_in_place). A leaf opens with an ordinary page load (the
 * theme's style and scripts come from the browser's cache). sitemap.xml itself stays whole for search
 * engines (robots.txt points to it). Any other request is left alone. */
(function () {
  "use strict";
  var config = document.getElementById("__config");
  if (!config || typeof XMLHttpRequest === "undefined") return;
  var sitemap, instant;
  try {
    var base = new URL(JSON.parse(config.textContent).base, window.location.href);
    sitemap = new URL("sitemap.xml", base).href;
    instant = new URL("assets/instant.xml", base).href;
  } catch {
    return; /* no usable base: the theme does as it always did */
  }
  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    try {
      if (String(method).toUpperCase() === "GET" && new URL(String(url), window.location.href).href === sitemap) args[1] = instant;
    } catch {
      /* not an address: passed on unchanged */
    }
    return open.apply(this, args);
  };
})();
