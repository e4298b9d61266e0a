/* "Bedoelde je …?" in the header search. Material's search worker (with the site's Dutch file,
   javascripts/lunr/min/lunr.nl.min.js) searches a word that matches nothing by its nearest spellings
   and sends that spelling over a BroadcastChannel; this shows it under the result count, as a link
   that searches that spelling in the same box. Text only, never HTML. */
(function () {
  "use strict";
  if (typeof BroadcastChannel !== "function" || window.pbKopzoeken) return;
  window.pbKopzoeken = true;
  function words(s) {
    return (String(s || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().match(/[a-z0-9]+/g) || [])
      .filter(function (w) { return /^[a-z]+$/.test(w); });
  }
  new BroadcastChannel("pb-kopzoeken").onmessage = function (e) {
    var input = document.querySelector('input[data-md-component="search-query"]');
    var meta = document.querySelector(".md-search-result__meta");
    var box = document.querySelector(".pb-kopzoek-suggestie");
    if (!input || !meta || !e.data || words(input.value).join(" ") !== (e.data.words || []).join(" ")) return;
    if (!e.data.suggestion) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("p");
      box.className = "pb-kopzoek-suggestie";
      box.setAttribute("role", "status");
      meta.parentNode.insertBefore(box, meta.nextSibling);
    }
    var term = String(e.data.suggestion), a = document.createElement("a");
    box.textContent = "Geen exacte treffer. Bedoelde je ";
    a.href = "?q=" + encodeURIComponent(term);
    a.textContent = term;
    a.addEventListener("click", function (ev) {  /* search it here: Material searches on keyup */
      ev.preventDefault();
      input.value = term;
      input.focus();
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });
    box.appendChild(a);
    box.appendChild(document.createTextNode("?"));
  };
})();
