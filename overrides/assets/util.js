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
