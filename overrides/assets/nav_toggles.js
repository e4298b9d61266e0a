/* The menu's section toggles ("Regio's", "Over") open and close a section by a hidden checkbox, which
 * the theme's CSS follows. macros/theme.py writes them as native buttons with aria-expanded and
 * data-pb-toggle naming the checkbox (a label of a checkbox may carry no role or state); this makes
 * pressing one (click, Enter, Space: native) toggle that checkbox and keeps aria-expanded in sync. The header's menu and
 * search buttons stay labels of their checkboxes: Enter is the theme's own (its keyboard handler clicks
 * a focused label), Space is added here. Listeners sit on the document, so they survive instant
 * navigation. */
(() => {
  "use strict";
  const toggle = (button) => {
    const box = document.getElementById(button.dataset.pbToggle || "");
    if (!(box instanceof HTMLInputElement)) return;
    box.checked = !box.checked;
    box.dispatchEvent(new Event("change", { bubbles: true }));
  };
  document.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.classList.contains("md-nav__toggle")) return;
    for (const button of document.querySelectorAll("[data-pb-toggle]")) {
      if (button.dataset.pbToggle !== box.id || !button.hasAttribute("aria-expanded")) continue;
      button.setAttribute("aria-expanded", String(box.checked));
      const nav = document.querySelector(`nav[aria-labelledby="${CSS.escape(button.id)}"]`);
      if (nav) nav.setAttribute("aria-expanded", String(box.checked));
    }
  });
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-pb-toggle]") : null;
    if (button) toggle(button);
  });
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    if (event.key === " " && target.matches("label.md-header__button[tabindex]")) {
      event.preventDefault();
      if (!event.repeat) target.click();
    }
  });
})();
