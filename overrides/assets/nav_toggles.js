/* The menu's section toggles ("Regio's", "Over") and the header's menu and search buttons are the theme's
 * labels of hidden checkboxes.
 * macros/theme.py gives them role="button" and aria-expanded from the checkbox; this keeps that state in
 * sync when a toggle opens or closes, and lets Space work as on any button. Enter is the theme's own
 * (its keyboard handler clicks a focused label), so it is left alone here: handling it twice would
 * open and close the section at once. Listeners sit on the document, so they survive instant navigation. */
(() => {
  "use strict";
  const sync = (box) => {
    for (const label of document.querySelectorAll("label.md-nav__link[role=button]")) {
      if (label.htmlFor === box.id) label.setAttribute("aria-expanded", String(box.checked));
    }
  };
  document.addEventListener("change", (event) => {
    const box = event.target;
    if (box instanceof HTMLInputElement && box.classList.contains("md-nav__toggle")) sync(box);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== " " || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const label = event.target instanceof Element ? event.target.closest("label[role=button]") : null;
    if (!label) return;
    event.preventDefault();  // no page scroll
    if (!event.repeat) label.click();
  });
})();
