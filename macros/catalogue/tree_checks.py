"""Cross-file checks on decision trees: every answer leads somewhere, every node is reachable from the
start, no cycle, and an outcome names existing products that have not lapsed (``vervallen``)."""

from __future__ import annotations

from collections.abc import Iterator

from macros.catalogue.check_reporter import Reporter, enumeration
from macros.catalogue.errors import DataError
from macros.model.sourced import value_of


def check_trees(m: Reporter) -> Iterator[DataError]:
    cat = m.cat
    for tree in cat.beslisbomen.values():
        questions = {v.id: (i, v) for i, v in enumerate(tree.vragen)}
        outcomes = {u.id: (i, u) for i, u in enumerate(tree.uitkomsten)}
        if tree.regio is not None and tree.regio not in cat.regios and not m.region_failed(tree.pad, ("regio",), tree.regio):
            yield m.error(tree.pad, ("regio",), f"regio '{tree.regio}' bestaat niet", f"kies een van: {enumeration(cat.regios)}")
        if tree.start not in questions:
            yield m.error(tree.pad, ("start",), f"startvraag '{tree.start}' bestaat niet", "noem de id van een vraag uit 'vragen'")
            continue
        for vid, (i, question) in questions.items():
            for j, answer in enumerate(question.antwoorden):
                if answer.naar not in questions and answer.naar not in outcomes:
                    yield m.error(tree.pad, ("vragen", i, "antwoorden", j, "naar"),
                                 f"vraag '{vid}', antwoord '{answer.label}' leidt naar '{answer.naar}', die niet bestaat",
                                 "noem de id van een vraag of uitkomst uit dit bestand")
        reached, cycles = _walk_tree(m, tree, questions, outcomes)
        yield from cycles
        for vid, (i, _) in questions.items():
            if vid not in reached:
                yield m.error(tree.pad, ("vragen", i, "id"), f"vraag '{vid}' is vanaf de start niet bereikbaar",
                             "laat een antwoord naar deze vraag leiden, of verwijder haar")
        for uid, (i, outcome) in outcomes.items():
            if uid not in reached:
                yield m.error(tree.pad, ("uitkomsten", i, "id"), f"uitkomst '{uid}' is vanaf de start niet bereikbaar",
                             "laat een antwoord naar deze uitkomst leiden, of verwijder haar")
            for j, ref in enumerate(outcome.producten):
                if f := m.ref_error(tree.pad, ("uitkomsten", i, "producten", j), ref):
                    yield f
                elif ref in cat.producten and value_of(cat.producten[ref].status) == "vervallen":
                    yield m.error(tree.pad, ("uitkomsten", i, "producten", j), f"uitkomst '{uid}' wijst naar vervallen product {ref}",
                                 "verwijs naar het product dat ervoor in de plaats kwam")


def _walk_tree(m: Reporter, tree, questions: dict, outcomes: dict) -> tuple[set[str], list[DataError]]:
    """Reachability and cycles by depth-first search from the root; iterative, so a long chain cannot overflow."""
    reached, colour, cycles = {tree.start}, {tree.start: 1}, []
    path, position = [tree.start], {tree.start: 0}  # the current path, and where each question on it is
    stack = [(tree.start, iter(questions[tree.start][1].antwoorden))]
    while stack:
        vid, answers = stack[-1]
        answer = next(answers, None)
        if answer is None:
            colour[vid] = 2
            stack.pop()
            del position[path.pop()]
            continue
        nxt = answer.naar
        if nxt in outcomes:
            reached.add(nxt)
        elif nxt in questions:
            if colour.get(nxt) == 1:
                cycle = path[position[nxt]:] + [nxt]
                if len(cycle) > 11:
                    cycle = cycle[:5] + ["…"] + cycle[-5:]
                cycles.append(m.error(tree.pad, ("vragen", questions[vid][0], "antwoorden"),
                                      f"de boom loopt in een kring: {' → '.join(cycle)}",
                                      "laat het antwoord naar een latere vraag of een uitkomst leiden"))
            elif nxt not in colour:
                colour[nxt] = 1
                reached.add(nxt)
                position[nxt] = len(path)
                path.append(nxt)
                stack.append((nxt, iter(questions[nxt][1].antwoorden)))
    return reached, cycles

