/* Decision-tree stepper: one question at a time, with the path so far, back and restart.
   Reads the tree from the static page (macros/components/templates/decision_tree.html); the path is in the
   URL as ?pad=<answer numbers> so it can be shared and the browser's back button works. */
import { copyLink, el, onEveryPage } from './util.js';

function readTree(root) {
  var nodes = {};
  root.querySelectorAll("[data-pb-node]").forEach(function (sec) {
    var title = sec.querySelector("[data-pb-title]");
    var numberEl = title.querySelector(".pb-node__nr");
    nodes[sec.getAttribute("data-pb-node")] = {
      id: sec.getAttribute("data-pb-node"),
      soort: sec.getAttribute("data-soort"),
      section: sec,
      titel: title.textContent.replace(numberEl ? numberEl.textContent : "", "").trim(),
      answers: Array.prototype.map.call(sec.querySelectorAll("[data-pb-answer]"), function (a) {
        return { label: a.textContent.trim(), naar: a.getAttribute("data-naar") };
      })
    };
  });
  return nodes;
}

/* The answer numbers in ?pad=, or null where the value is not a list of numbers ("1-x", "1--2"). */
function pathFromUrl() {
  var raw = new URLSearchParams(window.location.search).get("pad");
  if (raw === null || raw === "") return { path: [], raw: raw };
  var parts = raw.split("-");
  if (!parts.every(function (x) { return /^[0-9]{1,3}$/.test(x); })) return { path: null, raw: raw };
  return { path: parts.map(function (x) { return parseInt(x, 10); }), raw: raw };
}

/* Walk the answers from the start; stop at the first answer number that does not exist. */
function walk(nodes, start, path) {
  var steps = [], node = nodes[start], valid = [];
  for (var i = 0; i < path.length && node && node.soort === "vraag"; i++) {
    var a = node.answers[path[i]];
    if (!a) break;
    steps.push({ node: node, answer: a, index: i });
    valid.push(path[i]);
    node = nodes[a.naar];
  }
  return { steps: steps, current: node, path: valid, complete: valid.length === path.length };
}

/* With the stepper, the static tree is hidden: its headings leave the page outline and the contents
   lists. This runs as soon as a tree is in the page (a mutation observer: on a full load when the
   script runs, after instant navigation as soon as the new content is in, before the scripts'
   load and document$), before the theme maps its contents list to the headings
   (else the hidden headings, all at the stepper's position, would be "scrolled past" at once and the
   theme would write their anchor into the address while the reader scrolls). */
function takeOver() {
  var root = document.querySelector("[data-pb-tree]");
  var stat = root && root.querySelector("[data-pb-static]");
  if (!stat || stat.hasAttribute("data-pb-detached")) return;
  stat.setAttribute("data-pb-detached", "");
  stat.hidden = true;
  var gone = {};
  stat.querySelectorAll("h2[id], h3[id]").forEach(function (h) { gone["#" + h.id] = true; h.removeAttribute("id"); });
  /* The theme may have made these links absolute already: compare their fragment. */
  document.querySelectorAll(".md-nav--secondary a, .pb-contents a").forEach(function (a) {
    var li = a.closest("li");
    if (gone[a.hash] && li) li.remove();
  });
}

function init() {
  takeOver();
  var root = document.querySelector("[data-pb-tree]");
  if (!root || root.getAttribute("data-pb-ready")) return;
  root.setAttribute("data-pb-ready", "1");
  var nodes = readTree(root), start = root.getAttribute("data-start");
  var pathBox = root.querySelector("[data-pb-path]"), current = root.querySelector("[data-pb-current]");
  var back = root.querySelector("[data-pb-back]"), restart = root.querySelector("[data-pb-restart]");
  var problem = root.querySelector("[data-pb-problem]");
  /* "Kopieer link": the address holds the answers, so the link leads a colleague to this step. */
  var copy = copyLink("Kopieer link naar deze stap");
  back.parentNode.appendChild(copy.button);
  back.parentNode.appendChild(copy.status);

  function urlFor(path) {
    var url = new URL(window.location.href);
    if (path.length) url.searchParams.set("pad", path.join("-")); else url.searchParams.delete("pad");
    return url.pathname + url.search + url.hash;
  }

  function go(path, focus) {
    window.history.pushState({ pbTree: true }, "", urlFor(path));
    render(path, focus);
  }

  /* A ?pad= that does not fit this tree (an old link after the tree changed, or a typing error):
     say so, show the questions as far as the path fits, and offer to start over. The address
     then holds only the part that fits. */
  function report(raw, fitting) {
    problem.innerHTML = "";
    problem.hidden = raw === null;
    if (raw === null) return;
    problem.appendChild(el("p", {}, "Het adres van deze pagina bevat antwoorden die niet bij deze beslisboom passen " +
      "(pad=" + raw + "). Misschien is de beslisboom gewijzigd sinds de link is gemaakt. " +
      (fitting ? "Hieronder zie je je antwoorden tot waar ze wel passen." : "Je begint daarom bij de eerste vraag.")));
    var again = el("button", { type: "button", "class": "md-button md-button--primary" }, "Opnieuw beginnen");
    again.addEventListener("click", function () { go([], true); });
    problem.appendChild(again);
  }

  function render(path, focus) {
    var w = walk(nodes, start, path);
    pathBox.innerHTML = "";
    if (w.steps.length) {
      pathBox.appendChild(el("h2", { id: "pb-pad-titel" }, "Je antwoorden tot nu toe"));
      var ol = pathBox.appendChild(el("ol", { "aria-labelledby": "pb-pad-titel" }));
      w.steps.forEach(function (s) {
        var li = ol.appendChild(el("li"));
        li.appendChild(el("span", { "class": "pb-path__q" }, s.node.titel + " "));
        li.appendChild(el("strong", {}, s.answer.label + " "));
        var change = el("button", { type: "button", "class": "pb-link-button" }, "Wijzig");
        change.setAttribute("aria-label", "Wijzig antwoord op: " + s.node.titel);
        change.addEventListener("click", function () { go(w.path.slice(0, s.index), true); });
        li.appendChild(change);
      });
    }
    current.innerHTML = "";
    var node = w.current;
    var heading = el("h2", { tabindex: "-1", "class": "pb-stepper__title" });
    if (node.soort === "vraag") {
      heading.textContent = "Vraag " + (w.steps.length + 1) + ": " + node.titel;
      current.appendChild(heading);
      var help = node.section.querySelector("[data-pb-help]");
      if (help) current.appendChild(help.cloneNode(true));
      var origin = node.section.querySelector("[data-pb-herkomst]");
      if (origin) current.appendChild(origin.cloneNode(true));
      var ul = current.appendChild(el("ul", { "class": "pb-stepper__answers" }));
      node.answers.forEach(function (a, i) {
        var b = el("button", { type: "button", "class": "md-button pb-answer-button" }, a.label);
        b.addEventListener("click", function () { go(w.path.concat([i]), true); });
        ul.appendChild(el("li")).appendChild(b);
      });
    } else {
      heading.textContent = "Uitkomst: " + node.titel;
      current.appendChild(heading);
      Array.prototype.forEach.call(node.section.children, function (c) {
        if (!c.hasAttribute("data-pb-title")) current.appendChild(c.cloneNode(true));
      });
    }
    copy.clear();  // the message spoke of the step before
    back.disabled = w.steps.length === 0;
    restart.disabled = w.steps.length === 0;
    if (focus) {
      problem.hidden = true;
      heading.focus({ preventScroll: true });
      /* On a phone the new question goes to the top of the screen (below the header): the answers
         so far push it down. On a larger screen only when it is out of view. */
      var box = heading.getBoundingClientRect(), phone = window.matchMedia("(max-width: 44.9375em)").matches;
      if (phone ? box.top > 80 || box.top < 0 : box.top < 0 || box.bottom > window.innerHeight) {
        heading.scrollIntoView({ block: "start" });
      }
    }
    return w;
  }

  /* Show the state in the address bar; an unfitting path is reported and cut back. */
  function fromUrl(focus) {
    var u = pathFromUrl(), w = render(u.path || [], focus);
    if (u.path && w.complete) { report(null); return; }
    report(u.raw, w.steps.length > 0);
    window.history.replaceState({ pbTree: true }, "", urlFor(w.path));
  }

  back.addEventListener("click", function () { var w = walk(nodes, start, pathFromUrl().path || []); go(w.path.slice(0, -1), true); });
  restart.addEventListener("click", function () { go([], true); });
  window.addEventListener("popstate", function () {
    if (document.querySelector("[data-pb-tree]") === root) fromUrl(true);
  });
  fromUrl(false);
  document.documentElement.classList.remove("pb-tree-pending");  // overrides/assets/state_pending.js
}

takeOver();
new MutationObserver(takeOver).observe(document.documentElement, { childList: true, subtree: true });
/* A module runs once per window; the stepper is set up on every page that has a tree. */
onEveryPage(init);
