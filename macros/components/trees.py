"""Decision trees (beslisbomen): a complete static page, a build-time SVG overview, and the index.

The static page is the tree itself: every question with its answers as links to anchors
further down, every outcome with its products. overrides/assets/decision_tree.js turns that
same markup into a one-question-at-a-time stepper; it reads the structure from the page.
"""

from __future__ import annotations

import textwrap
from collections import deque

from markupsafe import Markup

from macros.catalogue.loader import Catalogue
from macros.catalogue.provenance import locate
from macros.catalogue.records import ProductRecord, TreeRecord
from macros.components.render import render
from macros.model import notes_about
from macros.view import product as facts
from macros.view.product import view_of

# What an outcome shows of each product, and so the notes about those fields it must show too.
OUTCOME_FIELDS = ("eenheid", "normenkader", "status", "gemeenten")

# Diagram geometry in SVG pixels; the SVG is drawn at this size (never scaled down, its box scrolls).
BOX_W, GAP_X, GAP_Y, PAD = 200, 28, 84, 10
LINE_H, BOX_PAD = 16, 10      # node text: 12 px lines, padding inside the box
CHARS = 28                    # characters per line of node text (never cut: the box grows)
LABEL_CHARS, LABEL_LINES, LABEL_H = 22, 2, 14  # answer labels: at most two lines, then "…"


def bfs_order(tree: TreeRecord) -> list[str]:
    """Node ids in breadth-first order from the start: the reading order of the static page."""
    following = {v.id: [a.naar for a in v.antwoorden] for v in tree.vragen}
    seen, queue, order = {tree.start}, deque([tree.start]), []
    while queue:
        node = queue.popleft()
        order.append(node)
        for nxt in following.get(node, []):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return order


def decision_tree(cat: Catalogue, tree: TreeRecord, root: str = "") -> Markup:
    questions = {v.id: v for v in tree.vragen}
    outcomes = {u.id: u for u in tree.uitkomsten}
    order = bfs_order(tree)
    number = {nid: i + 1 for i, nid in enumerate(n for n in order if n in questions)}
    sources_ = [tree.bron, *tree.aanvullende_bronnen]

    def origin(node) -> dict:
        """A question or outcome grounded in the source's words (linked to the section), or an editorial aid."""
        h = node.herkomst
        place = locate(cat, sources_, h.citaat) if h.citaat else None
        return {"citaat": h.citaat, "redactie": h.redactie, "url": place.url if place else None}

    items = []
    for nid in order:
        if nid in questions:
            items.append({"soort": "vraag", "node": questions[nid], "nr": number[nid], "herkomst": origin(questions[nid])})
        else:
            u = outcomes[nid]
            items.append({"soort": "uitkomst", "node": u, "herkomst": origin(u),
                          "producten": [outcome_product(cat, cat.product(r)) for r in u.producten]})
    labels = {**{v.id: f"vraag {number[v.id]}" for v in tree.vragen}, **{u.id: f"uitkomst: {u.titel}" for u in tree.uitkomsten}}
    return render("decision_tree.html", boom=tree, items=items, labels=labels, root=root,
                  bronregels=[facts.source_line(cat, b) for b in sources_],
                  regio=cat.regios.get(tree.regio) if tree.regio else None, diagram=tree_diagram(tree))


def outcome_product(cat: Catalogue, p: ProductRecord) -> dict:
    """A product in an outcome: unit and duration as the source says them, with the notes about them."""
    v = view_of(cat, p)
    return {"p": p, "eenheid": v["eenheid"].s, "duur": v["duur"].s, "duur_label": v["duur"].label,
            "status": v["status"].s, "notes": notes_about(p, *OUTCOME_FIELDS)}


def _layers(tree: TreeRecord) -> dict[str, int]:
    """Depth of each node: the longest path from the start (the tree is acyclic, tree_checks.py ensures it)."""
    following = {v.id: [a.naar for a in v.antwoorden] for v in tree.vragen}
    depth = {tree.start: 0}
    for node in bfs_order(tree):  # BFS order, then relax edges until stable (small graphs)
        for nxt in following.get(node, []):
            depth[nxt] = max(depth.get(nxt, 0), depth[node] + 1)
    changed = True
    while changed:
        changed = False
        for node, nexts in following.items():
            for nxt in nexts:
                if node in depth and depth.get(nxt, -1) < depth[node] + 1:
                    depth[nxt] = depth[node] + 1
                    changed = True
    return depth


def wrap(text: str, width: int, **kw) -> list[str]:
    """Lines of at most about `width` characters, breaking at spaces and after a slash, never inside a
    word ("vraagbemiddeling/beantwoording" may break after the slash; a longer word sticks out)."""
    mark = "\x00"
    lines = textwrap.wrap(text.replace("/", "/" + mark + " "), width, break_long_words=False, **kw)
    return [line.replace(mark + " ", "").replace(mark, "") for line in lines]


def _box_height(lines: int) -> int:
    return BOX_PAD * 2 + lines * LINE_H


def tree_diagram(tree: TreeRecord) -> Markup:
    """A top-down SVG of the whole tree; its text alternative is the static tree on the same page.

    Node text is wrapped, never cut (the box grows). An answer is written just above the box it leads
    to, where arrows are apart, on at most two lines; a longer answer ends in "…" and keeps its full
    text as the label's tooltip (and in the static tree)."""
    depth = _layers(tree)
    rows: dict[int, list[str]] = {}
    for node in bfs_order(tree):
        rows.setdefault(depth[node], []).append(node)
    questions = {v.id: v for v in tree.vragen}
    titles = {**{v.id: v.vraag for v in tree.vragen}, **{u.id: u.titel for u in tree.uitkomsten}}
    label_lines = {nid: wrap(t, CHARS) or [""] for nid, t in titles.items()}
    incoming: dict[str, list[tuple[str, str]]] = {}
    for v in tree.vragen:
        for a in v.antwoorden:
            incoming.setdefault(a.naar, []).append((v.id, a.label))
    # Room above each row for the stacked answer labels of the edges entering it.
    stack = {d: max((len(incoming.get(n, [])) for n in nodes), default=0) for d, nodes in rows.items()}
    width = max(len(r) for r in rows.values()) * (BOX_W + GAP_X) + GAP_X
    pos, heights, y = {}, {}, PAD
    for d in sorted(rows):
        nodes = rows[d]
        if d:  # below a parent, in the order of the parents (fewer crossing arrows): barycentre, one pass
            nodes.sort(key=lambda n: sum(pos[s][0] for s, _ in incoming[n]) / len(incoming[n]))
        y += max(stack[d] - 1, 0) * (LABEL_LINES * LABEL_H + 4)
        row_h = max(_box_height(len(label_lines[n])) for n in nodes)
        offset = (width - len(nodes) * (BOX_W + GAP_X) + GAP_X) / 2
        for i, node in enumerate(nodes):
            pos[node] = (offset + i * (BOX_W + GAP_X), y)
            heights[node] = row_h
        y += row_h + GAP_Y
    height = y - GAP_Y + PAD
    nodes = [{"x": x, "y": y, "h": heights[nid], "soort": "vraag" if nid in questions else "uitkomst", "regels": label_lines[nid]}
             for nid, (x, y) in pos.items()]
    edges = []
    for target, sources in incoming.items():
        x2, y2 = pos[target][0] + BOX_W / 2, pos[target][1]
        for k, (source, label) in enumerate(sources):
            x1, y1 = pos[source][0] + BOX_W / 2, pos[source][1] + heights[source]
            lines = wrap(label, LABEL_CHARS, max_lines=LABEL_LINES, placeholder=" …")
            ly = y2 - 6 - k * (LABEL_LINES * LABEL_H + 4) - (len(lines) - 1) * LABEL_H  # first line's baseline
            t = (ly - LABEL_H / 2 - y1) / (y2 - y1) if y2 != y1 else 0.5
            edges.append({"x1": x1, "y1": y1, "x2": x2, "y2": y2, "regels": lines, "titel": label,
                          "afgekort": "".join("".join(lines).split()) != "".join(label.split()), "lx": x1 + (x2 - x1) * t, "ly": ly})
    return render("tree_diagram.html", width=width, height=height, nodes=nodes, edges=edges,
                  box_w=BOX_W, line_h=LINE_H, box_pad=BOX_PAD, label_h=LABEL_H, boom=tree)


def tree_index(cat: Catalogue, root: str = "") -> Markup:
    trees = [(b, cat.regios.get(b.regio) if b.regio else None) for b in cat.beslisbomen.values()]
    return render("tree_index.html", bomen=trees, root=root)
