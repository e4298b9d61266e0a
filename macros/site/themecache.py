"""The theme's per-page work that gives the same answer on every page, done once per build (issue 25 §3).

- ``translations``: the theme's words (``lang.t(key)``, about 25 calls on every page). Material's
  ``partials/languages/<language>.html`` builds its whole table of some 50 words on every call, and the
  English one too for a key the language lacks; ``overrides/partials/language.html`` calls the function
  made here instead, which asks Material's own macros once per key and keeps the answer.
- ``render_once``: a partial whose output is the same on every page of a build (the header's search box,
  ``overrides/partials/search.html``: the site's address, the theme's icons and words) is rendered on its first
  use and its HTML reused. Only for a partial that reads nothing of the page; the template says so.

Like ``macros.site.navcache``, a compiled partial is wrapped in place (``Template.root_render_func``, what
``{% include %}`` calls); a new build has a new template environment, so nothing is kept from one build to the
next. No MkDocs import (the seam): ``macros.site.hooks`` passes the template environment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator


def translations(env, language: str) -> Callable[[str], str]:
    """``t(key)`` as Material's ``partials/language.html`` renders it: the language's word, else the English
    one, else the key itself, as text."""
    lang = env.get_template(f"partials/languages/{language}.html").module
    fallback = env.get_template("partials/languages/en.html").module
    known: dict[str, str] = {}

    def t(key: str) -> str:
        if key not in known:
            known[key] = str(lang.t(key) or fallback.t(key) or key)
        return known[key]

    return t


def render_once(env, name: str) -> None:
    """Render the partial ``name`` once in this template environment (one build) and reuse its HTML."""
    template = env.get_template(name)
    render = template.root_render_func
    if getattr(render, "pb_render_once", False):
        return
    done: list[str] = []

    def once(context) -> Iterator[str]:
        if not done:
            done.append("".join(render(context)))
        yield done[0]

    once.pb_render_once = True  # type: ignore[attr-defined]
    template.root_render_func = once
