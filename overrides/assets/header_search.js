/* "Bedoelde je …?" in the header search. Material's search worker (with the site's Dutch file,
   javascripts/lunr/min/lunr.nl.min.js) searches a word that matches nothing by its nearest spellings
   and sends that spelling over a BroadcastChannel; this shows it under the result count, as a link
   that searches that spelling in the same box. Text only, never HTML. On every page (mkdocs.yml),
   as a module: it runs once per window, and the header stays across instant navigation. */
import { fold } from './util.js';

function words(s) {
  return (fold(s).match(/[a-z0-9]+/g) || []).filter(w => /^[a-z]+$/.test(w));
}

if (typeof BroadcastChannel === 'function') {
  new BroadcastChannel('pb-header-search').onmessage = e => {
    const input = document.querySelector('input[data-md-component="search-query"]');
    const meta = document.querySelector('.md-search-result__meta');
    let box = document.querySelector('.pb-kopzoek-suggestie');
    if (!input || !meta || !e.data || words(input.value).join(' ') !== (e.data.words || []).join(' ')) return;
    if (!e.data.suggestion) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement('p');
      box.className = 'pb-kopzoek-suggestie';
      box.setAttribute('role', 'status');
      meta.parentNode.insertBefore(box, meta.nextSibling);
    }
    const term = String(e.data.suggestion), a = document.createElement('a');
    box.textContent = 'Geen exacte treffer. Bedoelde je ';
    a.href = `?q=${encodeURIComponent(term)}`;
    a.textContent = term;
    a.addEventListener('click', ev => { /* search it here: Material searches on keyup */
      ev.preventDefault();
      input.value = term;
      input.focus();
      input.dispatchEvent(new KeyboardEvent('keyup', { bubbles: true }));
    });
    box.appendChild(a);
    box.appendChild(document.createTextNode('?'));
  };
}
