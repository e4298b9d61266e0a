/* Comparison picker on /vergelijken/: find products with the finder's search, choose up to 4, compare
   them side by side. Progressive enhancement of macros/components/templates/comparison_picker.html.
   - Search: the finder's engine (search_engine.js over zoeken/producten.json and zoeken/woorden.json,
     loaded by search_data.js), loaded when the reader first focuses the search box; results are checkboxes.
     A comparison opened from its address (?p=) does not load it: the chosen list and the table come from the
     facts of the chosen products' regions alone (issue 29: no work at load that nobody asked for).
   - The facts come pre-formatted per region from vergelijken/<regio>.json (macros/components/compare.py),
     fetched for the regions of the chosen products only.
   - The choice lives in the URL: ?p=regio/id,regio/id (shareable).
   Data is untrusted text: every value lands through textContent or an attribute, never as HTML. */
import { copyLink, el, getJSON, onEveryPage } from './util.js';

var MAX = 4;
var HITS = 20;  /* search results shown at once */
var regionFacts = {};


function facts(root, region) {
  if (!regionFacts[region]) regionFacts[region] = getJSON(root + "vergelijken/" + region + ".json");
  return regionFacts[region];
}

/* The finder's engine and its products, once per window: search_data.js, which the finder and the header
   search share (one download of the index per window, whichever box is used first). */
function loadEngine() {
  return import("./search_data.js").then(function (m) { return m.loadEngine(); });
}

function refOf(p) { return p.u.replace(/\/$/, ""); }

/* A product as a checkbox shows it (ref, code, name, region's name): from the engine's data or from a region's facts
   (vergelijken/<regio>.json: "titel" is the code and the name, "waarden" holds the region's name). */
function itemOf(p, regions) { return { ref: refOf(p), c: p.c, n: p.n, region: (regions[p.r] || {}).naam || p.r }; }
function itemOfFacts(p) {
  var code = p.waarden.code || "", coded = code && p.titel.indexOf(code + " ") === 0;
  return { ref: p.ref, c: coded ? code : "", n: coded ? p.titel.slice(code.length + 1) : p.titel, region: p.waarden.regio || p.ref.split("/")[0] };
}

function fromUrl() {
  var refs = [];
  new URLSearchParams(window.location.search).getAll("p").forEach(function (v) {
    v.split(",").forEach(function (r) { r = r.trim().toLowerCase(); if (r && refs.indexOf(r) < 0) refs.push(r); });
  });
  return refs.slice(0, MAX);
}

function toUrl(refs) {
  var url = new URL(window.location.href);
  if (refs.length) url.searchParams.set("p", refs.join(",")); else url.searchParams.delete("p");
  window.history.replaceState(window.history.state, "", url.pathname + url.search.replace(/%2F/gi, "/").replace(/%2C/gi, ",") + url.hash);
}

function table(parts, refs, root) {
  var byRef = {}, data = parts[0];
  parts.forEach(function (part) { part.producten.forEach(function (p) { byRef[p.ref] = p; }); });
  var chosen = refs.map(function (r) { return byRef[r]; }).filter(Boolean);
  var wrap = el("div", { "class": "pb-table-wrap", role: "region", "aria-labelledby": "pb-picked-caption", tabindex: "0" });
  var t = el("table", { "class": "pb-table pb-compare", id: "pb-picked" });
  t.appendChild(el("caption", { id: "pb-picked-caption" }, "Jouw vergelijking (" + chosen.length + " producten)"));
  var head = el("tr");
  head.appendChild(el("th", { scope: "col" }, "Kenmerk"));
  chosen.forEach(function (p) {
    var th = el("th", { scope: "col" });
    th.appendChild(el("a", { href: root + p.url }, p.titel));
    head.appendChild(th);
  });
  t.appendChild(el("thead")).appendChild(head);
  var body = t.appendChild(el("tbody"));
  data.rijen.forEach(function (row) {
    var values = chosen.map(function (p) { return p.waarden[row.key]; });
    var differs = values.some(function (v) { return v !== values[0]; });
    var tr = el("tr", differs ? { "class": "pb-differs" } : {});
    var th = el("th", { scope: "row" }, row.label);
    if (differs) { th.appendChild(document.createTextNode(" ")); th.appendChild(el("span", { "class": "pb-differs__tag" }, "verschilt")); }
    tr.appendChild(th);
    values.forEach(function (v) {
      var td = el("td");
      if ((data.leeg || []).indexOf(v) >= 0) td.appendChild(el("span", { "class": "pb-blank" }, v)); else td.textContent = v;
      tr.appendChild(td);
    });
    body.appendChild(tr);
  });
  wrap.appendChild(t);
  return wrap;
}

/* The same comparison one product under the other: on a phone the table's second product starts off-screen.
   Per product a heading and a list of its facts, a fact that differs between the products marked as in the
   table. */
function stacked(parts, refs, root) {
  var byRef = {}, data = parts[0];
  parts.forEach(function (part) { part.producten.forEach(function (p) { byRef[p.ref] = p; }); });
  var chosen = refs.map(function (r) { return byRef[r]; }).filter(Boolean);
  var box = el("div", { "class": "pb-compare-stacked", id: "pb-picked", role: "region", "aria-labelledby": "pb-picked-caption" });
  box.appendChild(el("h2", { id: "pb-picked-caption" }, "Jouw vergelijking (" + chosen.length + " producten)"));
  chosen.forEach(function (p) {
    var section = box.appendChild(el("section", { "class": "pb-compare-stacked__product" }));
    section.appendChild(el("h3")).appendChild(el("a", { href: root + p.url }, p.titel));
    var dl = section.appendChild(el("dl"));
    data.rijen.forEach(function (row) {
      var values = chosen.map(function (q) { return q.waarden[row.key]; });
      var differs = values.some(function (v) { return v !== values[0]; });
      var dt = dl.appendChild(el("dt", differs ? { "class": "pb-differs" } : {}, row.label));
      if (differs) { dt.appendChild(document.createTextNode(" ")); dt.appendChild(el("span", { "class": "pb-differs__tag" }, "verschilt")); }
      var v = p.waarden[row.key], dd = dl.appendChild(el("dd", differs ? { "class": "pb-differs" } : {}));
      if ((data.leeg || []).indexOf(v) >= 0) dd.appendChild(el("span", { "class": "pb-blank" }, v)); else dd.textContent = v;
    });
  });
  return box;
}

/* "Naast elkaar" / "Onder elkaar": two toggle buttons above the comparison; a phone starts with the stacked view. */
var PHONE = "(max-width: 44.9375em)";
var view = null;

function viewSwitch(onChange) {
  var bar = el("div", { "class": "pb-compare-switch", role: "group", "aria-label": "Weergave van de vergelijking" });
  [["naast", "Naast elkaar"], ["onder", "Onder elkaar"]].forEach(function (v) {
    var b = bar.appendChild(el("button", { type: "button", "class": "md-button", "aria-pressed": String(view === v[0]) }, v[1]));
    b.addEventListener("click", function () { if (view !== v[0]) { view = v[0]; onChange(v[0]); } });
  });
  var copy = copyLink("Kopieer link naar deze vergelijking");  /* the address holds the chosen products */
  bar.appendChild(copy.button);
  bar.appendChild(copy.status);
  return bar;
}

function init() {
  var form = document.querySelector("[data-pb-picker]");
  if (!form || form.getAttribute("data-pb-ready")) return;
  form.setAttribute("data-pb-ready", "1");
  var root = form.getAttribute("data-root") || "";
  var status = form.querySelector("[data-pb-picker-status]");
  var result = document.querySelector("[data-pb-picker-result]");
  var filter = form.querySelector("[data-pb-picker-filter]");
  var hits = form.querySelector("[data-pb-picker-hits]");
  var chosenBox = form.querySelector("[data-pb-picker-chosen-box]");
  var chosenList = form.querySelector("[data-pb-picker-chosen]");
  var byRef = null;  /* ref -> product of the engine's data, once loaded */
  var order = fromUrl(), shown = [], latest = 0;
  form.querySelector("[data-pb-picker-live]").hidden = false;

  function label(p) {  /* p: itemOf / itemOfFacts */
    var l = el("label");
    var box = el("input", { type: "checkbox", name: "p", value: p.ref });
    l.appendChild(box);
    l.appendChild(document.createTextNode(" "));
    if (p.c) { l.appendChild(el("span", { "class": "pb-code" }, p.c)); l.appendChild(document.createTextNode(" ")); }
    l.appendChild(document.createTextNode(p.n + " (" + p.region + ")"));
    box.checked = order.indexOf(p.ref) >= 0;
    box.disabled = !box.checked && order.length >= MAX;
    box.addEventListener("change", function () {
      var ref = box.value;
      if (box.checked && order.indexOf(ref) < 0 && order.length < MAX) order.push(ref);
      if (!box.checked) order = order.filter(function (r) { return r !== ref; });
      update(true);
    });
    return l;
  }

  function renderLists() {
    if (!byRef) return;
    chosenList.innerHTML = "";
    order.forEach(function (ref) {
      var p = byRef.map[ref];
      if (p) chosenList.appendChild(el("li")).appendChild(label(itemOf(p, byRef.data.regios)));
    });
    chosenBox.hidden = order.length === 0;
    hits.innerHTML = "";
    shown.forEach(function (i) { hits.appendChild(el("li")).appendChild(label(itemOf(byRef.data.producten[i], byRef.data.regios))); });
  }

  /* The chosen list of a comparison opened from its address, before the engine is loaded: from the facts. */
  function chosenFromFacts(parts) {
    if (byRef) return;
    var byFacts = {};
    parts.forEach(function (part) { part.producten.forEach(function (p) { byFacts[p.ref] = p; }); });
    chosenList.innerHTML = "";
    order.forEach(function (ref) { if (byFacts[ref]) chosenList.appendChild(el("li")).appendChild(label(itemOfFacts(byFacts[ref]))); });
    chosenBox.hidden = chosenList.children.length === 0;
  }

  function regionsOf(refs) {
    return refs.map(function (r) { return r.split("/")[0]; }).filter(function (r, i, a) { return a.indexOf(r) === i; });
  }
  function factsOf(regions) {
    return Promise.all(regions.map(function (r) { return facts(root, r).catch(function () { return { rijen: [], producten: [] }; }); }));
  }

  /* Returns a promise, settled when the comparison is drawn (or there is none to draw). */
  function update(announce) {
    var msg = order.length === 0 ? "Nog geen producten gekozen." :
      order.length === 1 ? "1 product gekozen; kies er nog minstens één." :
      order.length + " producten gekozen en hieronder vergeleken.";
    if (order.length >= MAX) msg += " Dat is het maximum van " + MAX + ": haal er een weg om een ander te kiezen.";
    if (announce) status.textContent = msg;
    toUrl(order);
    /* the boxes in place (focus stays where it is): checked and disabled as the choice says */
    form.querySelectorAll('input[name="p"]').forEach(function (b) {
      b.checked = order.indexOf(b.value) >= 0;
      b.disabled = !b.checked && order.length >= MAX;
    });
    if (byRef) {  /* a newly chosen product joins the chosen list; one taken away stays there, unchecked, until the
                     next search (the box under the keyboard focus is never removed) */
      var listed = Array.prototype.map.call(chosenList.querySelectorAll('input[name="p"]'), function (b) { return b.value; });
      order.forEach(function (ref) {
        var p = byRef.map[ref];
        if (p && listed.indexOf(ref) < 0) chosenList.appendChild(el("li")).appendChild(label(itemOf(p, byRef.data.regios)));
      });
      chosenBox.hidden = chosenList.children.length === 0;
    }
    var picked = order.slice();
    result.innerHTML = "";
    if (picked.length >= 2) {
      return factsOf(regionsOf(picked))
        .then(function (parts) {
          if (picked.join() !== order.join()) return;  /* a newer choice is on its way */
          result.innerHTML = "";
          var withRows = parts.filter(function (p) { return p.rijen.length; });
          if (!withRows.length) return;
          if (view === null) view = window.matchMedia(PHONE).matches ? "onder" : "naast";
          var draw = function (focusSwitch) {
            result.innerHTML = "";
            var bar = result.appendChild(viewSwitch(function () { draw(true); }));
            result.appendChild(view === "onder" ? stacked(withRows, picked, root) : table(withRows, picked, root));
            if (focusSwitch) bar.querySelector('[aria-pressed="true"]').focus();
          };
          draw(false);
        });
    }
    return Promise.resolve();
  }

  function ready() {
    return loadEngine().then(function (e) {
      if (!byRef) {
        var map = {};
        e.data.producten.forEach(function (p) { map[refOf(p)] = p; });
        byRef = { data: e.data, engine: e.engine, map: map };
      }
      return byRef;
    });
  }

  function search() {
    var q = filter.value.trim(), run = ++latest;
    if (!q) { shown = []; renderLists(); status.textContent = ""; return; }
    if (!byRef) status.textContent = "Zoeken\u2026";
    ready().then(function (b) {
      if (run !== latest) return;
      var all = b.engine.search(q).hits;
      shown = all.slice(0, HITS);
      renderLists();
      form.setAttribute("data-pb-shown", q);  /* the results on screen are for this query (tests wait for it) */
      status.textContent = all.length === 0 ? "Geen producten gevonden voor \u2018" + q + "\u2019." :
        all.length > HITS ? all.length + " producten gevonden; de eerste " + HITS + " staan hieronder. Typ meer om te verfijnen." :
        (all.length === 1 ? "1 product gevonden." : all.length + " producten gevonden.");
    }, function () { status.textContent = "Zoeken lukt nu niet; probeer het later opnieuw."; });
  }

  filter.addEventListener("input", search);
  filter.addEventListener("focus", function () { ready(); }, { once: true });  /* fetch while the reader types */
  /* typed before this ran (instant navigation swaps the page in first) or kept by the browser on going back */
  if (filter.value.trim()) search();
  var listed = order.length ? factsOf(regionsOf(order)).then(chosenFromFacts) : Promise.resolve();
  var drawn = update(order.length > 0);
  /* all drawn: show what assets/state_pending.js kept invisible for a comparison opened with ?p= */
  var reveal = function () { document.documentElement.classList.remove("pb-compare-pending"); };
  Promise.all([listed, drawn]).then(reveal, reveal);
}

/* A module runs once per window; the picker is set up on every page that has one (init skips a
   form it has set up). */
onEveryPage(init);
