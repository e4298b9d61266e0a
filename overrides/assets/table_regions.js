/* Tables written in a hand-written page's Markdown are put by the theme in a box that scrolls sideways
 * on a phone (.md-typeset__scrollwrap). Chromium makes such a scroller a tab stop, but the box has no
 * role or name: a screen reader announced an unnamed group. Each box becomes a named region, named by
 * its table's column heads, as the site's own table boxes are (macros/components/richtext.py).
 * Runs on every page the theme shows (document$, also after instant navigation). */
(() => {
  "use strict";
  const name = (box) => {
    const heads = [...box.querySelectorAll("thead th")].map((th) => th.textContent.trim().replace(/\s+/g, " ")).filter(Boolean);
    let label = heads.join(", ");
    if (label.length > 80) label = label.slice(0, 79).replace(/\s+\S*$/, "") + "…";
    return label ? `Tabel: ${label}` : "Tabel";
  };
  const label = () => {
    for (const box of document.querySelectorAll(".md-typeset__scrollwrap:not([role])")) {
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", name(box));
    }
  };
  if (window.document$) window.document$.subscribe(label);
  else document.addEventListener("DOMContentLoaded", label);
})();
