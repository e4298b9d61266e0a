"""Strict builds: the real data builds; broken data fails with the file's Dutch message."""

from __future__ import annotations

import json

from conftest import ROOT, repo_copy


def test_real_site_builds_strictly_in_dutch(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in home
    assert (built_site / "flevoland/index.html").exists()
    assert (built_site / "flevoland/45f34/index.html").exists()
    assert (built_site / "zuid-limburg/84110/index.html").exists()
    assert (built_site / "gemeenten/lelystad/index.html").exists()


def test_no_unrendered_macros_or_macro_errors(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "{{" not in html and "{%" not in html, f"unrendered Jinja in {page}"
        assert "Macro Rendering Error" not in html, page


def test_product_pages_are_not_in_the_nav(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "45f34/" not in html.split('class="md-content"')[0]


def test_json_schema_is_published(built_site):
    schema = json.loads((built_site / "schema/product.schema.json").read_text(encoding="utf-8"))
    assert schema["additionalProperties"] is False and "code" in schema["properties"]


def test_broken_data_fails_the_build_with_its_message(tmp_path, data_copy, mkdocs_build):
    target = data_copy / "products/flevoland/45f34.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("doelgroep:", "doelgrope:", 1), encoding="utf-8")
    result = mkdocs_build(tmp_path / "site", data_dir=data_copy)
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "products/flevoland/45f34.yaml" in out
    assert "veld 'doelgrope'" in out and "bedoel je 'doelgroep'" in out


def test_macro_error_fails_the_build(tmp_path, mkdocs_build):
    """A page calling a macro for a product that does not exist must fail, not render an error."""
    copy = repo_copy(tmp_path / "repo", without=("data",))  # a page added to a copy of content/, never the repository's
    (copy / "content" / "_test_broken_macro.md").write_text('{{ product_card("flevoland/bestaat-niet") }}\n', encoding="utf-8")
    result = mkdocs_build(tmp_path / "site", data_dir=ROOT / "data", cwd=copy)
    assert result.returncode != 0
    assert "bestaat-niet" in result.stdout + result.stderr and "is undefined" not in result.stdout + result.stderr


def test_macro_output_that_markdown_drops_fails_the_build(tmp_path, mkdocs_build):
    """A macro inside a code block cannot put its HTML back: the build must fail, not lose the content."""
    copy = repo_copy(tmp_path / "repo", without=("data",))
    (copy / "content" / "_test_macro_in_code.md").write_text('# Test\n\n    {{ product_card("flevoland/45f21") }}\n',
                                                             encoding="utf-8")
    result = mkdocs_build(tmp_path / "site", data_dir=ROOT / "data", cwd=copy)
    assert result.returncode != 0
    assert "_test_macro_in_code.md" in result.stderr + result.stdout and "eigen regel" in result.stderr + result.stdout


def test_stash_keys_are_never_reused():
    from macros.site.state import BuildState

    state = BuildState()
    first = state.stash_html("<p>a</p>")
    assert state.put_back(first, "a.md") == "<p>a</p>"
    second = state.stash_html("<p>b</p>")
    assert second != first and state.put_back(second, "b.md") == "<p>b</p>"


def _generated_html(site):
    from macros.catalogue.loader import load_catalogue
    from macros.site.pages import all_pages

    for page in all_pages(load_catalogue(ROOT / "data")):
        rel = page.src_uri.removesuffix(".md").removesuffix("index").strip("/")
        yield page, site / rel / "index.html"


def test_every_generated_page_has_a_skip_link_and_contents_that_resolve(built_site):
    import re

    checked = 0
    for page, path in _generated_html(built_site):
        html = path.read_text(encoding="utf-8")
        ids = set(re.findall(r'\sid="([^"]+)"', html))
        skip = re.search(r'<a href="#([^"]+)" class="md-skip">', html)
        assert skip and skip.group(1) in ids, f"{page.src_uri}: no skip link to the content"
        toc = html.split('data-md-component="toc"', 1)
        assert len(toc) == 2, f"{page.src_uri}: no contents list"
        links = re.findall(r'href="#([^"]+)"', toc[1].split("</nav>", 1)[0])
        assert links, f"{page.src_uri}: empty contents list"
        inline = re.search(r'<nav class="pb-contents".*?</nav>', html, re.S)
        links += re.findall(r'href="#([^"]+)"', inline.group(0)) if inline else []
        assert set(links) <= ids, f"{page.src_uri}: contents link to a missing anchor: {set(links) - ids}"
        checked += 1
    assert checked > 90  # 69 products, 4 regions with sub-pages, municipalities, 5 trees


def test_product_page_contents_lists_its_sections(built_site):
    html = (built_site / "flevoland/45f34/index.html").read_text(encoding="utf-8")
    inline = html.split('<nav class="pb-contents"', 1)[1].split("</nav>", 1)[0]
    for anchor, name in [("omschrijving", "Omschrijving"), ("doelgroep", "Doelgroep"), ("functiemix", "Functiemix"),
                         ("bron", "Bron")]:
        assert f'<a href="#{anchor}">{name}</a>' in inline
