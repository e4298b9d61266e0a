"""The theme's words and constant partials done once per build (macros/site/themecache.py) give what Material's
own templates give: every word of the theme's Dutch table, a word only English has, and an unknown key."""

from __future__ import annotations

from pathlib import Path

import material
from jinja2 import DictLoader, Environment, FileSystemLoader

from macros.site.themecache import bytecode_cache, render_once, translations

MATERIAL = Path(material.__file__).parent / "templates"
OURS = Path(__file__).resolve().parent.parent / "overrides"


def _material_env() -> Environment:
    return Environment(loader=FileSystemLoader(str(MATERIAL)), auto_reload=False)  # as MkDocs' theme: no autoescape


def _keys() -> list[str]:
    """Every key of the English table (a superset of the Dutch one), plus keys only one side or none has."""
    text = (MATERIAL / "partials" / "languages" / "en.html").read_text(encoding="utf-8")
    keys = [line.split('"')[1] for line in text.splitlines() if line.strip().startswith('"')]
    assert len(keys) > 40
    return [*keys, "bestaat.niet", ""]


def test_the_words_are_materials_for_every_key():
    env = _material_env()
    theirs = env.get_template("partials/language.html").make_module({"config": {"theme": {"language": "nl"}}})
    ours = translations(env, "nl")
    for key in _keys():
        assert ours(key) == str(theirs.t(key)), key
        assert ours(key) == str(theirs.t(key)), key  # the kept answer too


def test_our_language_partial_renders_materials_words_with_and_without_the_table():
    """overrides/partials/language.html: with the hooks' table, and without it (the benchmarks' baseline)."""
    env = Environment(loader=FileSystemLoader([str(OURS), str(MATERIAL)]), auto_reload=False)
    page = env.from_string('{% import "partials/language.html" as lang with context %}'
                           '{% for k in keys %}[{{ lang.t(k) }}]{% endfor %}')
    context = {"config": {"theme": {"language": "nl"}}, "keys": _keys()}
    without = page.render(context)
    env.globals["pb_translations"] = translations(_material_env(), "nl")
    assert page.render(context) == without
    assert "[Zoeken]" in without and "[bestaat.niet]" in without


def test_a_constant_partial_is_rendered_once_per_environment():
    calls = []
    env = Environment(loader=DictLoader({"p.html": "{{ count() }}", "page.html": "<{% include 'p.html' %}>"}))
    env.globals["count"] = lambda: calls.append(1) or len(calls)
    render_once(env, "p.html")
    render_once(env, "p.html")  # installing twice wraps once
    assert [env.get_template("page.html").render() for _ in range(3)] == ["<1>"] * 3
    assert calls == [1]


def test_compiled_templates_are_kept_per_syntax_and_an_edited_template_is_compiled_again(tmp_path):
    (tmp_path / "t.html").write_text("{% if 1 %}\n  a\n{% endif %}", encoding="utf-8")

    def render(**settings) -> tuple[str, str]:
        env = Environment(loader=FileSystemLoader(str(tmp_path)), auto_reload=False, **settings)
        bytecode_cache(env)
        return env.get_template("t.html").render(), env.bytecode_cache.pattern

    plain, pattern = render()
    trimmed, other = render(trim_blocks=True, lstrip_blocks=True)
    assert pattern != other  # another syntax compiles to other code: never the same cache entry
    assert (plain, trimmed) == ("\n  a\n", "  a\n")
    assert render() == (plain, pattern)  # from the cache: the same
    (tmp_path / "t.html").write_text("b", encoding="utf-8")
    assert render()[0] == "b"
    env = Environment(bytecode_cache=None)
    env.bytecode_cache = kept = object()
    bytecode_cache(env)  # one the build set already (mkdocs serve --dirty's, in memory) is kept
    assert env.bytecode_cache is kept
