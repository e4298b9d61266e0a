/* The finder's result cards (finder.js): a product, a product as the search's data says it, a municipality.
   Data is untrusted text: every value lands through textContent or an attribute (util.js el), never as HTML. */
import { el, plural } from './util.js';

/* A product's card: its code and name, linking its page under root, and its facts in one line. */
export function card(root, p, facts) {
  var li = el("li", { "class": "pb-result" });
  var a = el("a", { href: root + p.u, "class": "pb-result__link" });
  if (p.c) a.appendChild(el("span", { "class": "pb-code" }, p.c + " "));
  a.appendChild(document.createTextNode(p.n));
  li.appendChild(el("h3", { "class": "pb-result__title" })).appendChild(a);
  li.appendChild(el("p", { "class": "pb-result__facts" }, facts.join(" \u00b7 ")));
  return li;
}

/* A municipality named in the query (g: [name, regions, page]): its page, its regions (regionNames: region id
   -> name), how many products apply there and of how many the source names no municipalities. */
export function municipalityCard(root, regionNames, g, count, unstated) {
  var li = el("li", { "class": "pb-result pb-result--gemeente" });
  var a = el("a", { href: root + g[2], "class": "pb-result__link" }, "Gemeente " + g[0]);
  li.appendChild(el("h3", { "class": "pb-result__title" })).appendChild(a);
  var names = g[1].map(function (r) { return regionNames[r] || r; });
  li.appendChild(el("p", { "class": "pb-result__facts" }, (names.length === 1 ? "Regio " : "Regio's ") + names.join(" en ") +
    " \u00b7 " + plural(count, "product geldt hier", "producten gelden hier") +
    (unstated ? " \u00b7 van " + unstated + " noemt de bron geen gemeenten" : "") + " \u00b7 de pagina van de gemeente"));
  return li;
}

/* A product of the search's data (search_engine.js products) as a card: region, unit, duration, and where they
   say something, municipalities and status. */
export function productCard(root, manifest, p) {
  /* unit, duration and status come as the product page says them (macros/search/index.py), and the labels
     and state words from the manifest (macros/view/words.py): this file has no copy of them */
  var w = manifest.teksten, label = w.velden, blank = w.staat.leeg;
  var facts = [manifest.regios[p.r] || p.r,
    label.eenheid + ": " + (p.e || blank),
    (p.d.indexOf(w.richtlijn) >= 0 ? w.richtduur : label.duur) + ": " + (p.d || blank)];
  if (p.m === null) facts.push(label.gemeenten + ": " + w.staat["niet-vermeld"]);
  if (p.s !== w.vastgesteld) facts.push(label.status + ": " + p.s);
  return card(root, p, facts);
}
