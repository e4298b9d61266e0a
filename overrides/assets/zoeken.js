/* Product finder on /zoeken/: code lookup from zoeken/codes.json at once; words through a
   lunr index (zoeken/index.json, lunr.js from the site itself) loaded in the background;
   filters with counts; query and filters in the URL. Enhances the page's static form. */
(function () {
  "use strict";
  var FILTERS = [
    { key: "regio", label: "Regio" }, { key: "gemeente", label: "Gemeente" }, { key: "type", label: "Producttype" },
    { key: "eenheid", label: "Eenheid" }, { key: "status", label: "Status" }
  ];
  var CODE = /^[a-z0-9]{1,5}$/;

  function norm(s) { return (s || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function tokens(s) { return norm(s).match(/[a-z0-9]+/g) || []; }
  function getJSON(url) { return fetch(url).then(function (r) { if (!r.ok) throw new Error(url); return r.json(); }); }
  function loadScript(src) {
    return new Promise(function (ok, fail) {
      if (window.lunr) return ok();
      var s = document.createElement("script"); s.src = src; s.onload = ok; s.onerror = fail; document.head.appendChild(s);
    });
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function Finder(root, form) {
    this.root = root; this.form = form;
    this.input = form.querySelector("[data-pb-q]");
    this.status = document.querySelector("[data-pb-finder-status]");
    this.list = document.querySelector("[data-pb-finder-results]");
    this.filterBox = document.querySelector("[data-pb-finder-filters]");
    this.codes = null; this.data = null; this.index = null; this.full = null;
  }

  Finder.prototype.state = function () {
    var p = new URLSearchParams(window.location.search), s = { q: p.get("zoek") || "" };
    FILTERS.forEach(function (f) { s[f.key] = p.get(f.key) || ""; });
    return s;
  };

  Finder.prototype.push = function (s, replace) {
    var p = new URLSearchParams();
    if (s.q) p.set("zoek", s.q);
    FILTERS.forEach(function (f) { if (s[f.key]) p.set(f.key, s[f.key]); });
    var url = window.location.pathname + (p.toString() ? "?" + p.toString() : "");
    if (url !== window.location.pathname + window.location.search) {
      window.history[replace ? "replaceState" : "pushState"]({ pbFinder: true }, "", url);
    }
  };

  Finder.prototype.loadFull = function () {
    var self = this;
    if (!this.full) {
      this.full = Promise.all([
        getJSON(this.root + "zoeken/producten.json"),
        getJSON(this.root + "zoeken/index.json"),
        loadScript(this.root + "assets/vendor/lunr.js")
      ]).then(function (r) { self.data = r[0]; self.index = window.lunr.Index.load(r[1]); });
    }
    return this.full;
  };

  /* Exact code first, then codes that start with the query; each as a product number. */
  Finder.prototype.codeHits = function (q) {
    var n = norm(q).replace(/\s+/g, "");
    if (!CODE.test(n) || !/[0-9]/.test(n)) return [];
    var exact = [], prefix = [];
    this.codes.codes.forEach(function (row) {
      if (row[0] === n) exact.push(row[1]); else if (row[0].indexOf(n) === 0) prefix.push(row[1]);
    });
    return exact.concat(prefix);
  };

  Finder.prototype.wordHits = function (q) {
    var terms = tokens(q);
    if (!terms.length || !this.index) return [];
    var lunr = window.lunr;
    return this.index.query(function (query) {
      terms.forEach(function (t) {
        query.term(t, { boost: 10, presence: lunr.Query.presence.OPTIONAL });
        query.term(t, { wildcard: lunr.Query.wildcard.TRAILING, presence: lunr.Query.presence.REQUIRED });
      });
    }).map(function (r) { return +r.ref; });
  };

  Finder.prototype.matches = function (i, s) {
    var p = this.data.producten[i], self = this;
    if (s.regio && p.r !== s.regio) return false;
    if (s.gemeente) {
      var inRegio = (self.data.regios[p.r].gemeenten || []).indexOf(s.gemeente) >= 0;
      if (p.m === "alle" ? !inRegio : p.m.indexOf(s.gemeente) < 0) return false;
    }
    if (s.type && p.t !== s.type) return false;
    if (s.eenheid && p.e !== s.eenheid) return false;
    if (s.status && p.s !== s.status) return false;
    return true;
  };

  Finder.prototype.values = function (i, key) {
    var p = this.data.producten[i];
    if (key === "regio") return [p.r];
    if (key === "gemeente") return p.m === "alle" ? this.data.regios[p.r].gemeenten : p.m;
    if (key === "type") return [p.t];
    if (key === "eenheid") return p.e ? [p.e] : [];
    return [p.s];
  };

  Finder.prototype.run = function (s, announce) {
    var self = this;
    this.latest = s;  /* the search box is not written here: it may hold what someone is typing */
    if (!this.codes) return Promise.resolve();
    var hits = this.codeHits(s.q), isCode = hits.length > 0;
    if (!this.data) {
      /* Only the code table is here yet: show code hits at once, the rest follows. */
      if (isCode) this.renderCodes(hits, s, announce);
      /* Re-run the newest query once the index is in: an older, slower run must not win. */
      return this.loadFull().then(function () { if (self.latest === s) self.run(s, announce); });
    }
    var base;
    if (!s.q) base = this.data.producten.map(function (_, i) { return i; });
    else {
      base = hits.slice();
      this.wordHits(s.q).forEach(function (i) { if (base.indexOf(i) < 0) base.push(i); });
    }
    var shown = base.filter(function (i) { return self.matches(i, s); });
    this.renderFilters(base, s);
    this.render(shown, s, announce, isCode);
    return Promise.resolve();
  };

  Finder.prototype.card = function (i, fromCodes) {
    var li = el("li", { "class": "pb-result" }), p;
    if (fromCodes) {
      var row = this.codes.codes.filter(function (r) { return r[1] === i; })[0];
      p = { c: row[2], n: row[3], u: this.codes.urls[i], g: this.codes.regios[row[4]] };
    } else {
      p = this.data.producten[i]; p.g = this.data.regios[p.r].naam;
    }
    var a = el("a", { href: this.root + p.u, "class": "pb-result__link" });
    if (p.c) a.appendChild(el("span", { "class": "pb-code" }, p.c + " "));
    a.appendChild(document.createTextNode(p.n));
    li.appendChild(el("h3", { "class": "pb-result__title" })).appendChild(a);
    var facts = [p.g];
    if (!fromCodes) {
      facts.push(p.e ? "Eenheid: " + p.e : "Eenheid: niet gepubliceerd in de bron");
      facts.push(p.d ? "Maximale duur: " + p.d : "Maximale duur: niet gepubliceerd in de bron");
      if (p.s !== "vastgesteld") facts.push(p.s);
    }
    li.appendChild(el("p", { "class": "pb-result__facts" }, facts.join(" · ")));
    return li;
  };

  Finder.prototype.renderCodes = function (hits, s, announce) {
    var self = this;
    this.list.innerHTML = "";
    hits.slice(0, 50).forEach(function (i) { self.list.appendChild(self.card(i, true)); });
    if (announce) this.say(hits.length, s);
  };

  Finder.prototype.say = function (n, s) {
    this.status.textContent = (n === 0 ? "Geen producten gevonden" : n === 1 ? "1 product gevonden" : n + " producten gevonden") +
      (s.q ? " voor \u201c" + s.q + "\u201d" : "") + ".";
  };

  Finder.prototype.render = function (shown, s, announce, isCode) {
    var self = this;
    this.list.innerHTML = "";
    shown.slice(0, 200).forEach(function (i) { self.list.appendChild(self.card(i, false)); });
    this.say(shown.length, s);
    var empty = document.querySelector("[data-pb-finder-empty]");
    empty.innerHTML = "";
    empty.hidden = shown.length > 0;
    if (!shown.length) this.renderEmpty(empty, s);
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
    var n = norm(s.q).replace(/\s+/g, "");
    if (/[0-9]/.test(n)) {
      var near = this.codes.codes.map(function (r) {
        var k = 0; while (k < n.length && r[0][k] === n[k]) k++; return [k, r];
      }).filter(function (x) { return x[0] >= 2; }).sort(function (a, b) { return b[0] - a[0]; }).slice(0, 6);
      if (near.length) {
        box.appendChild(el("p", {}, "Codes die erop lijken:"));
        var ul = box.appendChild(el("ul"));
        near.forEach(function (x) {
          ul.appendChild(el("li")).appendChild(el("a", { href: self.root + self.codes.urls[x[1][1]] }, x[1][2] + " " + x[1][3]));
        });
      }
    }
  };

  Finder.prototype.label = function (key, value) {
    return key === "regio" && this.data.regios[value] ? this.data.regios[value].naam : value;
  };

  Finder.prototype.renderFilters = function (base, s) {
    var self = this;
    this.filterBox.innerHTML = "";
    FILTERS.forEach(function (f) {
      var counts = {};
      base.forEach(function (i) {
        var t = Object.assign({}, s); t[f.key] = "";
        if (!self.matches(i, t)) return;
        self.values(i, f.key).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
      });
      var id = "pb-filter-" + f.key;
      var wrap = el("div", { "class": "pb-filter" });
      wrap.appendChild(el("label", { "for": id }, f.label));
      var sel = el("select", { id: id, name: f.key });
      sel.appendChild(el("option", { value: "" }, "Alle"));
      Object.keys(counts).sort(function (a, b) { return self.label(f.key, a).localeCompare(self.label(f.key, b), "nl"); }).forEach(function (v) {
        var o = el("option", { value: v }, self.label(f.key, v) + " (" + counts[v] + ")");
        if (v === s[f.key]) o.selected = true;
        sel.appendChild(o);
      });
      if (s[f.key] && !counts[s[f.key]]) {
        var o = el("option", { value: s[f.key] }, self.label(f.key, s[f.key]) + " (0)"); o.selected = true; sel.appendChild(o);
      }
      sel.addEventListener("change", function () { var t = self.state(); t.q = self.input.value.trim(); t[f.key] = sel.value; self.push(t); self.run(t, true); });
      wrap.appendChild(sel);
      self.filterBox.appendChild(wrap);
    });
  };

  function init() {
    var form = document.querySelector("[data-pb-finder]");
    if (!form || form.getAttribute("data-pb-ready")) return;
    form.setAttribute("data-pb-ready", "1");
    document.querySelectorAll("[data-pb-finder-static]").forEach(function (e) { e.hidden = true; });
    document.querySelector("[data-pb-finder-live]").hidden = false;
    var finder = new Finder(form.getAttribute("data-root") || "", form);
    form.pbFinder = finder;  // for benchmarks/search_bench.py, which times queries in the page
    var timer = null;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var s = finder.state(); s.q = finder.input.value.trim(); finder.push(s); finder.run(s, true);
    });
    finder.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { var s = finder.state(); s.q = finder.input.value.trim(); finder.push(s, true); finder.run(s, true); }, 80);
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
    getJSON(finder.root + "zoeken/codes.json").then(function (codes) {
      finder.codes = codes;
      var s = finder.state();
      /* Someone may have typed before this script was ready (e.g. right after instant navigation). */
      if (!s.q && finder.input.value.trim()) { s.q = finder.input.value.trim(); finder.push(s, true); }
      else finder.input.value = s.q;
      finder.run(s, !!s.q);
      var idle = window.requestIdleCallback || function (f) { setTimeout(f, 200); };
      idle(function () { finder.loadFull(); });
    });
  }

  /* Loaded by each page that uses it, again on every instant navigation to one: subscribe once
     (document$ replays the current page to a new subscriber). */
  if (window.pbFinderScript) return;
  window.pbFinderScript = true;
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
