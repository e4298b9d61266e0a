/* The header search on every page (partials/search.html), with the product finder's engine
   (search_engine.js, loaded by search_data.js) instead of Material's search plugin. Nothing is
   fetched until the box is first focused (then only the small manifest); the first query is answered
   from the code shards or the pieces of the word index that can hold it, as the finder's is, and
   the whole index follows. Then the answer follows each keystroke, from the same index and ranking
   as the finder: a municipality's page first, then the products, best first, "Bedoelde je …?"
   when a word only matched by its nearest spelling, and the finder's note when every word is in
   most products (util.js generalNote).

   Accessible: the result count is a polite live region (one sentence), the results are a list of
   links named by their text (code, product, region), without headings or landmarks; arrow keys move
   between the box and the results, Escape closes, Enter opens the first result (or, before there is
   one, the finder with the query); "/", "s" or "f" outside a field opens the box, as the theme's did. Data is untrusted text: it lands through textContent only.
   A module runs once per window; the handlers are on the document, so they hold for a header that
   instant navigation keeps or replaces. */
import { codeOf, el, generalNote, plural, preloadSearch } from './util.js';

var SHOWN = 20;  /* results in the panel (a generic abbreviation such as SKJ is on two dozen products); the rest is one link away, in the finder */
var data = null, full = null, manifest = null, searched = "";

function box() { return document.querySelector("[data-pb-kopzoeken]"); }
function part(root, name) { return root.querySelector("[data-pb-kopzoeken-" + name + "]"); }

/* The theme's search toggle: open shows the panel (and, on a phone, the whole-screen search). */
function setOpen(open) {
  var toggle = document.getElementById("__search");
  if (!toggle || toggle.checked === open) return;
  toggle.checked = open;
  toggle.dispatchEvent(new Event("change"));
}

/* search_data.js and the manifest (small): on the first focus. */
function start() {
  if (!manifest) {
    preloadSearch();
    manifest = import("./search_data.js").then(function (m) {
      data = m;
      return m.getJSON(m.siteRoot() + "zoeken/manifest.json");
    });
    manifest.catch(function () { manifest = null; });
  }
  return manifest;
}

/* The whole engine (search_data.js loadEngine): after the first answer, which comes from pieces. */
function engine() {
  if (!full) {
    full = start().then(function (m) { return data.loadEngine(m); }).then(function (r) { r.root = data.siteRoot(); return r; });
    full.catch(function () { full = null; });
  }
  return full;
}

/* The finder's note when every word of the query is in most products ("" hides it). */
function note(root, text) { var p = part(root, "note"); p.hidden = !text; p.textContent = text; }

function finderUrl(root, q) { return root + "zoeken/?zoek=" + encodeURIComponent(q); }

function item(href, title, facts, code) {
  var li = el("li", { "class": "md-search-result__item" });
  var a = li.appendChild(el("a", { href: href, "class": "md-search-result__link" }));
  var art = a.appendChild(el("div", { "class": "md-search-result__article md-typeset pb-kopzoek-treffer" }));
  var t = art.appendChild(el("p", { "class": "pb-kopzoek-titel" }));
  if (code) t.appendChild(el("span", { "class": "pb-code" }, code + " "));
  t.appendChild(document.createTextNode(title));
  art.appendChild(el("p", { "class": "pb-kopzoek-feiten" }, facts));
  return li;
}

/* The first answer, from the code shards or the pieces of the word index (search_data.js). */
function renderQuick(root, res, q, m) {
  var list = part(root, "results"), all = part(root, "all"), regionNames = m.regios || {}, rootUrl = data.siteRoot();
  list.textContent = ""; part(root, "suggest").hidden = true;
  note(root, res.note || "");
  res.hits.slice(0, SHOWN).forEach(function (i) {
    var p = res.products[i];
    list.appendChild(item(rootUrl + p.u, p.n, [regionNames[p.r] || p.r, p.t].filter(Boolean).join(" \u00b7 "), p.c));
  });
  part(root, "status").textContent = plural(res.total, "product", "producten") + " voor \u201c" + q + "\u201d" +
    (res.total > SHOWN ? "; de eerste " + SHOWN + " staan hieronder." : ".");
  all.hidden = false;
  all.firstChild.href = finderUrl(rootUrl, q);
  all.firstChild.textContent = res.total > SHOWN ? "Alle " + res.total + " resultaten in de productzoeker" : "In de productzoeker, met filters";
}

function render(root, r, q) {
  var status = part(root, "status"), list = part(root, "results"), all = part(root, "all"), suggest = part(root, "suggest");
  list.textContent = ""; suggest.textContent = "";
  if (!q) {
    status.textContent = "Typ om te beginnen met zoeken";
    suggest.hidden = all.hidden = true;
    note(root, "");
    return;
  }
  var res = r.engine.search(q), data = r.data, regionNames = r.manifest.regios || {};
  note(root, res.general && res.general.length ? generalNote(res.general, q, r.engine.language.tokens, res.hits.length > 0) : "");
  res.gemeenten.forEach(function (m) {
    var g = m.g;
    list.appendChild(item(r.root + g[2], "Gemeente " + g[0], g[1].map(function (x) { return regionNames[x] || x; }).join(" en ") +
      " \u00b7 " + plural(m.count, "product geldt hier", "producten gelden hier") +
      (m.unstated ? " \u00b7 van " + m.unstated + " noemt de bron geen gemeenten" : "")));
  });
  res.hits.slice(0, SHOWN).forEach(function (i) {
    var p = data.producten[i];
    list.appendChild(item(r.root + p.u, p.n, [data.regios[p.r].naam, p.t].filter(Boolean).join(" \u00b7 "), p.c));
  });
  var n = res.hits.length, places = res.gemeenten.length, forQuery = " voor \u201c" + q + "\u201d";
  status.textContent = (places ? plural(places, "gemeente", "gemeenten") + " en " : "") +
    (n === 0 ? (places ? "geen producten" : "Geen resultaten") : plural(n, "product", "producten")) + forQuery +
    (n > SHOWN ? "; de eerste " + SHOWN + " staan hieronder." : ".");
  all.hidden = n === 0;
  all.firstChild.href = finderUrl(r.root, q);
  all.firstChild.textContent = n > SHOWN ? "Alle " + n + " resultaten in de productzoeker" : "In de productzoeker, met filters";
  suggest.hidden = !res.suggestion;
  if (res.suggestion) {
    var term = String(res.suggestion), a = el("a", { href: finderUrl(r.root, term) }, term);
    suggest.appendChild(document.createTextNode("Geen exacte treffer. Bedoelde je "));
    suggest.appendChild(a);
    suggest.appendChild(document.createTextNode("? De resultaten zijn voor die schrijfwijze."));
    a.addEventListener("click", function (e) {
      e.preventDefault();
      var input = part(root, "q");
      input.value = term; input.focus(); search(root);
    });
  }
  root.setAttribute("data-pb-kopzoeken-shown", q);  /* the panel shows this query's answer (tests wait for it) */
}

function search(root) {
  var q = part(root, "q").value.trim();
  searched = q;
  if (!q && !full) { part(root, "status").textContent = "Typ om te beginnen met zoeken"; part(root, "results").textContent = ""; part(root, "all").hidden = true; return start(); }
  var ready = root.hasAttribute("data-pb-kopzoeken-ready");
  if (!ready) part(root, "status").textContent = "Zoeken\u2026";
  var first = ready ? Promise.resolve() : start().then(function (m) {
    var code = codeOf(q);
    return (code ? data.codeSearch(m, code) : data.quickSearch(m, q)).then(function (res) {
      if (res && searched === q && !root.hasAttribute("data-pb-kopzoeken-ready") && box() === root) renderQuick(root, res, q, m);
    }, function () {});
  });
  /* one letter typed: the pieces answer when they can, the whole index waits for the next letter */
  return first.then(function () { return ready || q.length >= 2 ? engine() : Promise.reject(null); }).then(function (r) {
    root.setAttribute("data-pb-kopzoeken-ready", "");
    if (searched === q && box() === root) render(root, r, q);
  }, function (e) {
    if (e !== null) part(root, "status").textContent = "De zoekgegevens konden niet worden geladen. Probeer de productzoeker.";
    else if (searched === q && root.querySelector(".md-search-result__list li") === null) part(root, "status").textContent = "Typ verder om te zoeken";
  });
}

function links(root) { return Array.prototype.slice.call(root.querySelectorAll(".md-search-result__list a, .pb-kopzoek-alles a")); }

document.addEventListener("focusin", function (e) {
  var root = box();
  if (!root || !root.contains(e.target)) return;
  if (e.target === part(root, "q")) { setOpen(true); if (part(root, "q").value.trim()) search(root); else start(); }
});

/* The theme's header button (below 960 px) opens the search: the box gets focus. */
document.addEventListener("change", function (e) {
  var root = box();
  if (root && e.target && e.target.id === "__search" && e.target.checked && document.activeElement !== part(root, "q")) {
    part(root, "q").focus();
  }
});

document.addEventListener("input", function (e) {
  var root = box();
  if (root && e.target === part(root, "q")) search(root);
});

document.addEventListener("reset", function (e) {
  var root = box();
  if (root && e.target === root.querySelector("form")) setTimeout(function () { part(root, "q").focus(); search(root); });
});

document.addEventListener("focusout", function (e) {
  var root = box();
  if (root && root.contains(e.target) && !(e.relatedTarget && root.contains(e.relatedTarget))) {
    /* focus left the search (Tab past it, a click elsewhere): close, unless the tab was left */
    if (document.hasFocus()) setOpen(false);
  }
});

document.addEventListener("click", function (e) {
  var root = box();
  if (root && e.target instanceof Element && e.target.closest("[data-pb-kopzoeken] .md-search__output a")) setOpen(false);
});

/* The theme's shortcuts to the search box ("/", "s", "f" outside a field), which went with its search. */
document.addEventListener("keydown", function (e) {
  var root = box(), t = e.target;
  if (!root || e.ctrlKey || e.metaKey || e.altKey || ["/", "s", "f"].indexOf(e.key) < 0) return;
  if (t instanceof Element && (t.closest("input, textarea, select, [contenteditable]") || root.contains(t))) return;
  e.preventDefault();
  setOpen(true);
  part(root, "q").focus();
});

document.addEventListener("keydown", function (e) {
  var root = box();
  if (!root || !root.contains(document.activeElement)) return;
  var input = part(root, "q"), all = links(root), at = all.indexOf(document.activeElement);
  if (e.key === "Escape") {
    e.preventDefault();
    setOpen(false);
    input.blur();
  } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    if (document.activeElement !== input && at < 0) return;
    e.preventDefault();
    if (e.key === "ArrowDown") (document.activeElement === input ? all[0] : all[at + 1] || all[at] || input).focus();
    else (at > 0 ? all[at - 1] : input).focus();
  } else if (e.key === "Enter" && document.activeElement === input) {
    var first = root.querySelector(".md-search-result__list a");
    if (first && root.getAttribute("data-pb-kopzoeken-shown") === input.value.trim()) {
      e.preventDefault();
      first.click();
    }  /* else the form goes to the finder with the query */
  }
});
