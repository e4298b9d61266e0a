"""The change report on /wijzigingen/ (and in a preview): the data is ``macros.changes.report.report_data``,
handed over by the site layer (outputs do not import each other)."""

from __future__ import annotations

from markupsafe import Markup

from macros.components.render import render


def change_report(data: dict, root: str = "") -> Markup:
    """The body of /wijzigingen/: per region a heading, per kind of change a list; each product's entry has
    id="<regio>-<id>" so its page can link to it. `root` is the relative path from the page to the site root."""
    return render("wijzigingen.html", root=root, **data)
