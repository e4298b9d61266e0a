/* Comparison picker on /vergelijken/: choose up to 4 products, compare them side by side.
   Progressive enhancement of the checkbox form rendered by macros/components/templates/comparison_picker.html.
   The facts come pre-formatted from vergelijken/producten.json (macros/components/compare.py). */
import { el, onEveryPage } from './util.js';

var MAX = 4;
var cache = null;

function load(root) {
  if (!cache) cache = fetch(root + "vergelijken/producten.json").then(function (r) { return r.json(); });
  return cache;
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

function table(data, refs, root) {
  var byRef = {};
  data.producten.forEach(function (p) { byRef[p.ref] = p; });
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

function init() {
  var form = document.querySelector("[data-pb-picker]");
  if (!form || form.getAttribute("data-pb-ready")) return;
  form.setAttribute("data-pb-ready", "1");
  var root = form.getAttribute("data-root") || "";
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"][name="p"]'));
  var status = form.querySelector("[data-pb-picker-status]");
  var result = document.querySelector("[data-pb-picker-result]");
  var filter = form.querySelector("[data-pb-picker-filter]");
  var order = fromUrl();

  function update(announce) {
    var picked = order.filter(function (r) { return boxes.some(function (b) { return b.value === r && b.checked; }); });
    order = picked;
    boxes.forEach(function (b) { b.disabled = !b.checked && picked.length >= MAX; });
    var msg = picked.length === 0 ? "Nog geen producten gekozen." :
      picked.length === 1 ? "1 product gekozen; kies er nog minstens één." :
      picked.length + " producten gekozen en hieronder vergeleken.";
    if (picked.length >= MAX) msg += " Dat is het maximum van " + MAX + ": haal er een weg om een ander te kiezen.";
    if (announce) status.textContent = msg;
    toUrl(picked);
    result.innerHTML = "";
    if (picked.length >= 2) load(root).then(function (data) { result.innerHTML = ""; result.appendChild(table(data, picked, root)); });
  }

  boxes.forEach(function (b) {
    b.checked = order.indexOf(b.value) >= 0;
    b.addEventListener("change", function () {
      if (b.checked && order.indexOf(b.value) < 0) order.push(b.value);
      update(true);
    });
  });
  if (filter) filter.addEventListener("input", function () {
    var q = filter.value.trim().toLowerCase();
    form.querySelectorAll("[data-pb-picker-item]").forEach(function (li) {
      li.hidden = q !== "" && li.getAttribute("data-zoek").indexOf(q) < 0;
    });
  });
  update(order.length > 0);
}

/* A module runs once per window; the picker is set up on every page that has one (init skips a
   form it has set up). */
onEveryPage(init);
