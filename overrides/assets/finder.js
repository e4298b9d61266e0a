/* Product finder on /zoeken/, loaded by that page only. Enhances its static form (which works without JavaScript).
   - Codes: the page carries a manifest (data-pb-manifest: regions, municipalities, code shards);
     an exact or prefix code lookup fetches one shard of zoeken/codes/ and shows cards at once.
   - Words, municipalities, filters: zoeken/producten.json, zoeken/woorden.json and the shared Dutch
     word forms (search_language.js), fetched in the background or on the first word query by
     search_data.js (which the header search shares); the search itself is in search_engine.js (ES
     modules, imported when first needed). A query in the address on a phone is answered from pieces
     of the index alone when they give the whole index's answer (Finder.run, `light`).
   This module runs the finder on its page; the result cards are finder_cards.js, the code lookup
   finder_codes.js, the filters and the address finder_filters.js.
   Data is untrusted text: every value lands through textContent or an attribute, never as HTML. */
import { codeOf, el, generalNote, onEveryPage, plural, preloadSearch } from './util.js';
import { card, municipalityCard, productCard } from './finder_cards.js';
import { codeRows } from './finder_codes.js';
import { FILTERS, drawFilters, pushAddress, stateFromAddress } from './finder_filters.js';

var PAGE = 50;  /* cards rendered at once; "Toon meer" adds the next ones */

function Finder(form) {
  this.form = form; this.root = form.getAttribute("data-root") || "";
  this.manifest = JSON.parse(form.getAttribute("data-pb-manifest") || "{}");
  this.input = form.querySelector("[data-pb-q]");
  this.status = document.querySelector("[data-pb-finder-status]");
  this.suggest = document.querySelector("[data-pb-finder-suggest]");
  this.list = document.querySelector("[data-pb-finder-results]");
  this.more = document.querySelector("[data-pb-finder-more]");
  this.filterBox = document.querySelector("[data-pb-finder-filters]");
  this.toggle = document.querySelector("[data-pb-finder-toggle]");
  this.heading = document.querySelector("[data-pb-finder-heading]");
  this.note = document.querySelector("[data-pb-finder-note]");
  this.empty = document.querySelector("[data-pb-finder-empty]");
  this.live = document.querySelector("[data-pb-finder-live]");
  this.shards = {}; this.data = null; this.engine = null; this.full = null;
}

/* The query and filters in the address, and back (finder_filters.js). */
Finder.prototype.state = stateFromAddress;
Finder.prototype.push = pushAddress;

/* Products, words and the search code, once (search_data.js, shared with the header search); the
   newest query is re-run when they are in. */
Finder.prototype.loadFull = function () {
  var self = this;
  if (!this.full) {
    this.full = import("./search_data.js").then(function (m) { return m.loadEngine(self.manifest); }).then(function (r) {
      self.data = r.data;
      self.engine = r.engine;
      /* compile the typo path before someone types (the first run of a function is the slow one) */
      (window.requestIdleCallback || setTimeout)(function () { self.engine.search("xxxx xxxxxxxx"); });
    });
  }
  return this.full;
};

/* Code rows for a code or prefix, from its shards of zoeken/codes/ (finder_codes.js). */
Finder.prototype.codeRows = function (n) { return codeRows(this.root, this.manifest, this.shards, n, PAGE); };

/* The live results replace the lists for use without JavaScript once the finder is used. */
Finder.prototype.start = function () {
  if (this.started) return;
  this.started = true;
  document.querySelectorAll("[data-pb-finder-static]").forEach(function (e) { e.hidden = true; });
  this.live.hidden = false;
};

/* `light`: the query came in the address and the filters are folded away (a narrow screen): when the first
   answer from pieces of the index is certainly the whole index's (search_data.js `sure`, for every card it
   shows), it stays, and the whole index is loaded only when it is needed: the filters opened, "Toon meer",
   another query typed. On a wide screen the filters are in view with their counts, which need the whole index. */
Finder.prototype.run = function (s, announce, light) {
  var self = this;
  this.start();
  this.latest = s;  /* the search box is not written here: it may hold what someone is typing */
  this.quick = null;
  if (!this.engine) {
    /* A code is answered from its shard alone, before anything else is fetched; the rest follows. */
    var code = codeOf(s.q), filtered = FILTERS.some(function (f) { return s[f.key]; }), early = code ? this.codeRows(code).then(function (res) {
      if (self.latest === s && !self.engine && res.rows.length) self.renderCodeRows(res, s, announce);
    }, function () {}) : s.q && !filtered ? import("./search_data.js").then(function (m) { return m.quickSearch(self.manifest, s.q, light); }).then(function (res) {
      /* words: the first answer from pieces of the index (search_data.js), before the whole of it */
      if (res && self.latest === s && !self.engine) { self.renderQuick(res, s, announce); return res; }
    }, function () {}) : Promise.resolve();
    if (!code && s.q && announce) this.status.textContent = "Zoeken\u2026";
    return early.then(function (res) {
      if (light && res && res.sure >= Math.min(PAGE, res.total) && self.latest === s) {
        self.quick = res;
        self.form.setAttribute("data-pb-shown", s.q);  /* this is the answer, as the whole index gives it */
        return;
      }
      /* Re-run the newest query once everything is in: an older, slower run must not win. */
      return self.loadFull().then(function () { if (self.latest === s) return self.run(s, announce); });
    });
  }
  var res = this.engine.search(s.q);
  var shown = res.hits.filter(function (i) { return self.engine.matches(i, s); });
  this.renderFilters(res.hits, s);
  this.render(shown, res, s, announce);
  this.form.setAttribute("data-pb-shown", s.q);  /* the answer on screen is for this query (tests wait for it) */
  return Promise.resolve();
};

Finder.prototype.productCard = function (i, p) { return productCard(this.root, this.manifest, p || this.data.producten[i]); };

Finder.prototype.renderCodeRows = function (res, s, announce) {
  var self = this;
  this.list.textContent = ""; this.suggest.hidden = true; this.more.hidden = true;
  this.renderNote("");
  res.rows.slice(0, PAGE).forEach(function (r) {
    self.list.appendChild(card(self.root, { c: r[2], n: r[3], u: r[4] + "/" + (r[5] || r[0]) + "/" }, [self.manifest.regios[r[4]] || r[4]]));
  });
  if (announce) this.say(res.total, s);
};

/* One sentence for the live region, counting what the list shows: municipality cards and products.
   A municipality card says how many products apply there; when none of them fits the other words or
   the filters, the sentence says that, never a bare "Geen producten gevonden" above the card. */
/* The first answer to a word query, from pieces of the index: the best cards, counted; the whole
   answer (with typos, filters and "Toon meer") replaces it when the index is in. */
Finder.prototype.renderQuick = function (res, s, announce) {
  var self = this;
  this.list.textContent = ""; this.suggest.hidden = true;
  this.renderNote(res.note || "");
  res.hits.forEach(function (i) { self.list.appendChild(self.productCard(i, res.products[i])); });
  var left = res.total - res.hits.length;  /* "Toon meer" loads the whole index (see wholeThen) */
  this.more.hidden = left <= 0;
  this.more.textContent = "Toon meer resultaten (nog " + left + ")";
  if (announce) this.say(res.total, s);
};

/* The whole index for a first answer that stayed (run's `light`), then `then`: the newest query is answered
   again from it, the same cards, now with filters and all the results; nothing is announced again. */
Finder.prototype.wholeThen = function (then) {
  var self = this;
  if (this.engine) { then(); return; }
  var s = this.latest;
  this.loadFull().then(function () { if (self.latest === s) return self.run(s, false); }).then(then);
};

Finder.prototype.say = function (n, s, places) {
  var forQuery = s.q ? " voor \u201c" + s.q + "\u201d" : "";
  places = places || 0;
  if (!places) {
    this.status.textContent = (n === 0 ? "Geen producten gevonden" : plural(n, "product gevonden", "producten gevonden")) + forQuery + ".";
  } else if (n === 0) {
    this.status.textContent = plural(places, "gemeente", "gemeenten") + " gevonden" + forQuery +
      "; geen product dat ook bij de andere zoekwoorden en filters past.";
  } else {
    this.status.textContent = plural(places, "gemeente", "gemeenten") + " en " + plural(n, "product", "producten") + " gevonden" + forQuery + ".";
  }
};

Finder.prototype.render = function (shown, res, s) {
  var self = this;
  this.list.textContent = "";
  res.gemeenten.forEach(function (m) { self.list.appendChild(municipalityCard(self.root, self.manifest.regios, m.g, m.count, m.unstated)); });
  this.shown = shown; this.rendered = 0; this.showMore(false);
  this.say(shown.length, s, res.gemeenten.length);
  this.renderSuggestion(res, s);
  var empty = this.empty;
  empty.textContent = "";
  empty.hidden = shown.length > 0 || res.gemeenten.length > 0;
  if (!empty.hidden) this.renderEmpty(empty, s);
};

Finder.prototype.showMore = function (focus) {
  var self = this, from = this.rendered, next = this.shown.slice(from, from + PAGE);
  next.forEach(function (i) { self.list.appendChild(self.productCard(i)); });
  this.rendered += next.length;
  var left = this.shown.length - this.rendered;
  this.more.hidden = left <= 0;
  this.more.textContent = "Toon meer resultaten (nog " + left + ")";
  if (focus && next.length) this.list.querySelectorAll("li.pb-result:not(.pb-result--gemeente) a")[from].focus();
};

/* The note for a query whose every word is in most products ("" hides it). */
Finder.prototype.renderNote = function (text) {
  this.note.hidden = !text;  /* the page's own element: a late answer after instant navigation lands nowhere */
  this.note.textContent = text;
};

/* "Bedoelde je …?": when a word only matched by its nearest spelling, say so and link that search. */
Finder.prototype.renderSuggestion = function (res, s) {
  var self = this;
  /* words in most products: said plainly (util.js generalNote, which the header search says too) */
  this.renderNote(res.general && res.general.length ? generalNote(res.general, s.q, this.engine.language.tokens, res.hits.length > 0) : "");
  this.suggest.textContent = "";
  this.suggest.hidden = !res.suggestion;
  if (!res.suggestion) return;
  this.suggest.appendChild(document.createTextNode("Geen exacte treffer voor \u201c" + s.q + "\u201d. Bedoelde je "));
  var p = new URLSearchParams(); p.set("zoek", res.suggestion);
  var a = this.suggest.appendChild(el("a", { href: "?" + p.toString() }, res.suggestion));
  this.suggest.appendChild(document.createTextNode("? De resultaten hieronder zijn voor die schrijfwijze."));
  a.addEventListener("click", function (e) {
    e.preventDefault();
    var t = self.state(); t.q = res.suggestion; self.input.value = t.q; self.push(t); self.run(t, true);
  });
};

Finder.prototype.renderEmpty = function (box, s) {
  var self = this;
  box.appendChild(el("p", {}, "Geen product past bij deze zoekvraag en filters."));
  var active = FILTERS.filter(function (f) { return s[f.key]; });
  if (active.length) {
    box.appendChild(el("p", {}, "Probeer een filter weg te halen:"));
    active.forEach(function (f) {
      var b = el("button", { type: "button", "class": "md-button" }, "Zonder filter " + f.label.toLowerCase() + ": " + self.label(f.key, s[f.key]));
      b.addEventListener("click", function () { var t = Object.assign({}, s); t[f.key] = ""; self.push(t); self.run(t, true); });
      box.appendChild(b);
    });
  }
  var near = codeOf(s.q) ? this.engine.nearCodes(codeOf(s.q)) : [];
  if (near.length) {
    box.appendChild(el("p", {}, "Codes die erop lijken:"));
    var ul = box.appendChild(el("ul"));
    near.forEach(function (i) {
      var p = self.data.producten[i];
      ul.appendChild(el("li")).appendChild(el("a", { href: self.root + p.u }, p.c + " " + p.n));
    });
  }
};

Finder.prototype.label = function (key, value) {
  return key === "regio" && this.data.regios[value] ? this.data.regios[value].naam : value;
};

Finder.prototype.renderFilters = function (base, s) {
  var self = this;
  drawFilters(this.filterBox, this.toggle, this.engine.counts(base, s, FILTERS), s, function (key, value) { return self.label(key, value); },
    function (key, value) { var t = self.state(); t.q = self.input.value.trim(); t[key] = value; self.push(t); self.run(t, true); });
};

function init() {
  var form = document.querySelector("[data-pb-finder]");
  if (!form || form.getAttribute("data-pb-ready")) return;
  form.setAttribute("data-pb-ready", "1");
  var finder = new Finder(form);
  form.pbFinder = finder;  // for benchmarks/search_bench.py, which times queries in the page
  var timer = null;
  function fromBox(replace) { var s = finder.state(); s.q = finder.input.value.trim(); finder.push(s, replace); finder.run(s, true); }
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); fromBox(false); });
  finder.input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { fromBox(true); }, 80); });
  finder.more.addEventListener("click", function () { finder.wholeThen(function () { finder.showMore(true); }); });
  /* On a narrow screen the filters fold away behind one button (CSS shows the button there only). */
  finder.toggle.addEventListener("click", function () {
    var open = finder.toggle.getAttribute("aria-expanded") !== "true";
    finder.toggle.setAttribute("aria-expanded", open ? "true" : "false");
    finder.filterBox.classList.toggle("pb-finder__filters--open", open);
    if (open) finder.wholeThen(function () {});  /* the filters and their counts come from the whole index */
  });
  /* Arrow keys move between the search box and the result links. */
  form.parentNode.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(finder.list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (document.activeElement === finder.input && e.key === "ArrowDown" && links.length) { links[0].focus(); e.preventDefault(); }
    else if (at >= 0) { e.preventDefault(); (e.key === "ArrowDown" ? links[at + 1] || links[at] : links[at - 1] || finder.input).focus(); }
  });
  window.addEventListener("popstate", function () {
    if (document.querySelector("[data-pb-finder]") !== form) return;
    var s = finder.state(); finder.input.value = s.q; finder.run(s, true);
  });
  var s = finder.state(), arrived = !!s.q;
  /* Someone may have typed before this script was ready (e.g. right after instant navigation). */
  if (!s.q && finder.input.value.trim()) { s.q = finder.input.value.trim(); finder.push(s, true); }
  else { finder.input.value = s.q; if (new URLSearchParams(window.location.search).has("q")) finder.push(s, true); }
  /* Nothing is fetched until the finder is used (issue 27): a query or filter in the address, or the
     first focus in its form. Until then the page shows its lists for use without JavaScript. */
  var used = FILTERS.some(function (f) { return s[f.key]; }) || !!s.q;
  if (!used) {
    var first = function () {
      form.removeEventListener("focusin", first);
      preloadSearch();
      var t = finder.state(); t.q = finder.input.value.trim(); finder.run(t, !!t.q);
    };
    form.addEventListener("focusin", first);
    return;
  }
  /* arrived with words or filters: the modules at once, not one after another (a code is answered from
     its shard first; the rest follows it) */
  if (!codeOf(s.q)) preloadSearch();
  var folded = window.getComputedStyle(finder.toggle).display !== "none";  /* the filters behind their button */
  finder.run(s, !!s.q, folded).then(function () {
    /* Arrived with a query (the home page's box, the header's "all results", a link): the results are
       announced by the status line, and focus goes to their heading, one Tab before the first result,
       unless the reader has already moved on (typing in the box, say). */
    var active = document.activeElement;
    if (arrived && finder.heading && (!active || active === document.body)) finder.heading.focus();
  });
}

/* The /zoeken/ page loads this module right after the form (async), so the form is there: start at
   once. A module runs once per window: after instant navigation to the page, document$ sets up the
   new form (init skips a form it has set up). */
init();
onEveryPage(init);
