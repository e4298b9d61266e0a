/* Loaded in the <head> of a decision-tree page and of the comparison page only, before the page is drawn (a
   classic, blocking script of a few lines: the content policy allows no inline script). When the address holds
   a state that the page's script draws after load, the part it draws is kept invisible (its space kept) until
   it is drawn, so nothing first shows and then jumps away (issue 29: layout shift):
   - a tree with answers (?pad=): decision_tree.js draws the question they lead to and removes pb-tree-pending;
   - a comparison with products (?p=): compare.js draws the chosen list and the comparison and removes
     pb-compare-pending.
   CSS shows the part after 2 s whatever happens. */
if (/[?&]pad=/.test(window.location.search)) document.documentElement.classList.add("pb-tree-pending");
if (/[?&]p=/.test(window.location.search)) document.documentElement.classList.add("pb-compare-pending");
