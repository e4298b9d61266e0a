/* html-validate configuration for the built site (run by tests/test_quality.py).
 * Every relaxed rule says why. Rules relaxed for the Material theme's own markup are
 * quirks we cannot change from overrides/ without copying theme templates into the repo. */
module.exports = {
  root: true,
  extends: ["html-validate:recommended"],
  rules: {
    // Indentation whitespace from the theme's Jinja templates; not a validity or accessibility issue.
    "no-trailing-whitespace": "off",
    // The theme writes "<!doctype html>"; lower case is valid HTML5.
    "doctype-style": "off",
    // The theme's ids start with "__" (__drawer, __search, __nav_3): valid HTML5 ids. Relaxed keeps checking
    // that ids are non-empty and have no whitespace, which is what HTML5 requires; ours start with a letter.
    "valid-id": ["error", { relaxed: true }],
    // A group of checkboxes (the comparison picker) shares one name by design.
    "form-dup-name": ["error", { shared: ["radio", "checkbox", "submit", "button", "reset"] }],
    // Table scroll wrappers are focusable <div role="region" aria-labelledby=caption>, so keyboard users
    // can scroll wide tables (axe: scrollable-region-focusable); a <section> per table would only add
    // outline sections without headings.
    "prefer-native-element": ["error", { exclude: ["region"] }],
    // Product names are the official names from the sources (up to ~90 characters with the code);
    // we do not shorten them for search engines.
    "long-title": "off",
    // Pages without a right-hand table of contents (wide tables) still carry the theme's hidden TOC
    // sidebar, so "Inhoudsopgave" appears twice in the markup; axe checks landmarks on the rendered page.
    "unique-landmark": "off",
  },
};
