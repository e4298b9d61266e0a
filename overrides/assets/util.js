// The helpers every script of the site shares (ES module; the finder, the compare picker, the
// decision tree, the header search, the search language and the CMS's scripts import them).

/** A plain object: not null, not a list. */
export const isObject = v => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Text folded for matching: accents off, lower case ("Één" → "een"); the same fold as
    macros/search/language.py. */
export function fold(s) {
  return String(s || '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
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
