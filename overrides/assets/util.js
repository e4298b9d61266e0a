// The helpers every script of the site shares (ES module; the finder, the compare picker, the
// decision tree, the header search, the search language and the CMS's scripts import them).

/** A plain object: not null, not a list. */
export const isObject = v => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Text folded for matching: accents off, lower case ("Één" → "een"); the same fold as
    macros/search/language.py. */
export function fold(s) {
  return String(s || '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** What a search says when every word of query `q` is in most products (search_engine.js `general`): the
    words as typed when the query is that one word (`tokens`: searchLanguage.tokens), else as the search
    read them; `some`: whether any product has them in its name. The finder and the header search say it alike. */
export function generalNote(general, q, tokens, some) {
  const words = general.length === 1 && tokens(q).join(' ') === general[0] ? [String(q).trim()] : general;
  const one = words.length === 1, quoted = words.map(w => '\u201c' + w + '\u201d').join(' en ');
  return quoted + (one ? ' staat' : ' staan') + ' bij de meeste producten' + (some
    ? '. Hieronder alleen de producten met ' + (one ? 'dit woord' : 'deze woorden') + ' in de naam.'
    : ', maar in geen productnaam.') +
    ' Zoek specifieker, bijvoorbeeld op een doelgroep, een vorm van zorg, een afkorting of een productcode.';
}

/** The JSON at `url`; rejects on an HTTP error. */
export function getJSON(url) {
  return fetch(url).then(r => { if (!r.ok) throw new Error(url); return r.json(); });
}

/** "1 product" or "3 producten": `n` with the singular or the plural word. */
export function plural(n, one, more) { return n === 1 ? '1 ' + one : n + ' ' + more; }

/** The query as a product code ("45 F21" → "45f21"): 1 to 8 letters and digits with at least one digit, else null. */
export function codeOf(q) {
  const n = fold(q).replace(/\s+/g, '');
  return /^[a-z0-9]{1,8}$/.test(n) && /[0-9]/.test(n) ? n : null;
}

/** Ask for the search's modules at once (`<link rel="modulepreload">`, once each), when a search box is used:
    each would otherwise be found only when the one before it has run (search_data.js, then search_language.js
    and search_engine.js, then the engine's search_filters.js and search_order.js). Scripts, not an index:
    nothing is fetched before a box is used. */
export function preloadSearch() {
  ['search_data.js', 'search_language.js', 'search_engine.js', 'search_filters.js', 'search_order.js'].forEach(name => {
    const href = new URL(name, import.meta.url).href;
    if (document.querySelector('link[rel="modulepreload"][href="' + href + '"]')) return;
    document.head.appendChild(el('link', { rel: 'modulepreload', href }));
  });
}

/** A new element with attributes and text; values land through setAttribute and textContent, never as HTML. */
export function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Run `init` for every page the reader sees: now, and again after each of the theme's instant
    navigations (Material's document$, which replays the current page to a new subscriber). A module
    runs once per window, so this is how a page script survives instant navigation; `init` must
    skip a page it has already enhanced. */
export function onEveryPage(init) {
  const start = () => {
    const doc$ = window.document$;
    if (doc$ && typeof doc$.subscribe === 'function') doc$.subscribe(() => init());
    else init();
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}

/** A "Kopieer link" button and its short status message: copies the page's address (which holds the state: a
    tree's answers, a comparison's products); where the clipboard is refused, the link is shown selected to copy
    by hand. Returns both elements; the caller places them and may clear the message with `clear()`. */
export function copyLink(label) {
  const button = el('button', { type: 'button', 'class': 'md-button pb-copy-link' }, label);
  const status = el('span', { 'class': 'pb-copy-link__status', role: 'status' });
  button.addEventListener('click', () => {
    const link = window.location.href;
    const byHand = () => {
      status.textContent = 'Kopieer de link hieronder (Ctrl+C): ';
      status.appendChild(el('input', { type: 'text', readonly: '', value: link, 'aria-label': label, 'class': 'pb-copy-link__url' })).select();
    };
    status.textContent = '';
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(link).then(() => { status.textContent = 'Link gekopieerd.'; }, byHand);
    } else byHand();
  });
  return { button, status, clear: () => { status.textContent = ''; } };
}
