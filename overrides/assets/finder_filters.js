/* The finder's filters (finder.js): which there are, how the address holds them with the query
   (?zoek=…&regio=…, so a search can be linked and the browser's back button works), and their panel: per
   filter a list of its values, each with how many results it would leave (search_filters.js counts them). */
import { el } from './util.js';

export var FILTERS = [
  { key: "regio", label: "Regio" }, { key: "gemeente", label: "Gemeente" }, { key: "type", label: "Producttype" },
  { key: "eenheid", label: "Eenheid" }, { key: "status", label: "Status" }
];
var COLLATOR = new Intl.Collator("nl");  /* one for all sorting: localeCompare(…, "nl") builds one per call */

/* The query and the filters in the address: { q, regio, gemeente, … }, "" where not set. */
export function stateFromAddress() {
  /* ?q= (what other sites and the header's own deep links use) reads as ?zoek= */
  var p = new URLSearchParams(window.location.search), s = { q: p.get("zoek") || p.get("q") || "" };
  FILTERS.forEach(function (f) { s[f.key] = p.get(f.key) || ""; });
  return s;
}

/* State s into the address (a new history entry, or in place with replace), when it differs. */
export function pushAddress(s, replace) {
  var p = new URLSearchParams();
  if (s.q) p.set("zoek", s.q);
  FILTERS.forEach(function (f) { if (s[f.key]) p.set(f.key, s[f.key]); });
  var url = window.location.pathname + (p.toString() ? "?" + p.toString() : "");
  if (url !== window.location.pathname + window.location.search) {
    window.history[replace ? "replaceState" : "pushState"]({ pbFinder: true }, "", url);
  }
}

/* The panel in box: per filter a select of its values with their counts (filter key -> value -> count), the
   value chosen in s selected (with 0 when no result has it); label(key, value) says a value, choose(key, value)
   is called when one is chosen. The toggle (the panel's button on a narrow screen) says how many are active. */
export function drawFilters(box, toggle, counts, s, label, choose) {
  box.textContent = "";
  FILTERS.forEach(function (f) {
    var id = "pb-filter-" + f.key, c = counts[f.key];
    var wrap = el("div", { "class": "pb-filter" });
    wrap.appendChild(el("label", { "for": id }, f.label));
    var sel = el("select", { id: id, name: f.key });
    sel.appendChild(el("option", { value: "" }, "Alle"));
    Object.keys(c).sort(function (a, b) { return COLLATOR.compare(label(f.key, a), label(f.key, b)); }).forEach(function (v) {
      var o = el("option", { value: v }, label(f.key, v) + " (" + c[v] + ")");
      if (v === s[f.key]) o.selected = true;
      sel.appendChild(o);
    });
    if (s[f.key] && c[s[f.key]] === undefined) {
      var o = el("option", { value: s[f.key] }, label(f.key, s[f.key]) + " (0)"); o.selected = true; sel.appendChild(o);
    }
    sel.addEventListener("change", function () { choose(f.key, sel.value); });
    wrap.appendChild(sel);
    box.appendChild(wrap);
  });
  var active = FILTERS.filter(function (f) { return s[f.key]; }).length;
  toggle.textContent = active ? "Filters (" + active + " actief)" : "Filters";
}
