"""The theme's per-page work that gives the same answer on every page, done once per build (issue 25 §3).

- ``translations``: the theme's words (``lang.t(key)``, about 25 calls on every page). Material's
  ``partials/languages/<language>.html`` builds its whole table of some 50 words on every call, and the
  English one too for a key the language lacks; ``overrides/partials/language.html`` calls the function
  made here instead, which asks Material's own macros once per key and keeps the answer.
- ``bytecode_cache``: the theme's templates compiled once, not on every build (36 templates, 0.17 s CPU of a
  build at 500 products, and of every ``mkdocs serve`` rebuild): Jinja's cache of compiled templates on disk,
  as the components have it (``macros.components.render``), under a name of its own that also holds what the
  compiled code depends on besides the source (Jinja's version, the environment's syntax settings and
  extensions). Jinja checks every entry against a hash of the template's source, so an edited template is
  compiled again.
- ``render_once``: a partial whose output is the same on every page of a build (the header's search box,
  ``overrides/partials/search.html``: the site's address, the theme's icons and words) is rendered on its first
  use and its HTML reused. Only for a partial that reads nothing of the page; the template says so.
- ``THEME_BYTECODE``: under ``mkdocs serve --dirty`` the compiled templates kept in memory between rebuilds
  (``macros.site.incremental`` sets it on each build's environment).

Like ``macros.site.navcache``, a compiled partial is wrapped in place (``Template.root_render_func``, what
``{% include %}`` calls); a new build has a new template environment, so nothing is kept from one build to the
next. No MkDocs import (the seam): ``macros.site.hooks`` passes the template environment.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator

import jinja2
from jinja2 import FileSystemBytecodeCache


def _name(value) -> str:
    return getattr(value, "__qualname__", None) or repr(value)


def bytecode_cache(env) -> None:
    """Give the theme's template environment a cache of compiled templates on disk, unless it has one."""
    if env.bytecode_cache is not None:
        return
    settings = (jinja2.__version__, sorted(env.extensions), _name(env.autoescape), _name(env.finalize), env.optimized,
                env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
                env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
                env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline)
    digest = hashlib.sha256(repr(settings).encode()).hexdigest()[:16]
    with contextlib.suppress(OSError, RuntimeError):  # no private temporary folder: compile every build, as before
        env.bytecode_cache = FileSystemBytecodeCache(pattern=f"__productenboek_theme_{digest}_%s.cache")


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


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Under `mkdocs serve --dirty` (``macros.site.incremental``): the theme's compiled templates, kept between rebuilds (MkDocs makes a new template environment for
    every build, which compiled Material's 50 templates again: a quarter of a rebuild). Jinja checks each
    entry against the template's source, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self.store.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


THEME_BYTECODE = MemoryBytecodeCache()
