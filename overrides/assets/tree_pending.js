/* Loaded in the <head> of a decision-tree page only, before the page is drawn (a classic, blocking
   script of one line: the content policy allows no inline script). With answers in the address
   (?pad=), the stepper draws the question they lead to once decision_tree.js runs; until then the tree
   is kept invisible (its space kept), so the first question does not flash and then jump away (issue 29:
   layout shift). decision_tree.js removes the class; CSS shows the tree after 2 s whatever happens. */
if (/[?&]pad=/.test(window.location.search)) document.documentElement.classList.add("pb-tree-pending");
