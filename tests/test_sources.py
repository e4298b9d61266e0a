"""Source documents: sections from the text's headings, the loader's rules for data/bronnen/, the readable
page per document (escaped, an anchor per section) and the links from every product to its passage."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from conftest import ROOT
from helpers import errors_of, minimal_data, write
from macros.catalogue.loader import load_catalogue
from macros.catalogue.sources import parse_document
from macros.components.sources import source_document

SLIDES = """\

Welkom

- Eerste opzet gedeeld.

Begeleiding

- Groepsbegeleiding
 - Functiemix: 50% HBO

Begeleiding

- Ouderbegeleidingstraject

Met opmerkingen [PM1]: reviewer

Einde
"""

MARKDOWN = """\
## Bijlage 1b Consultatie

Tekst.

### Consultatie

| <b>Logeren</b> |  |
|--|--|
| <b>Code</b> | 62100 |

## Begeleiding groep

| <b>Begeleiding groep</b> |
|--|
| Tweede tabel van dezelfde sectie |

Een losse regel zonder punt

Slot.
"""


def test_slide_titles_are_sections_and_repeated_titles_are_numbered():
    doc = parse_document("slides.txt", SLIDES)
    assert [(s.anchor, s.title) for s in doc.sections] == [
        ("welkom", "Welkom"), ("begeleiding-1", "Begeleiding"), ("begeleiding-2", "Begeleiding"), ("einde", "Einde")]
    assert doc.section("Welkom").line == 2
    assert doc.section("Begeleiding") is None and [s.anchor for s in doc.ambiguous("Begeleiding")] == ["begeleiding-1", "begeleiding-2"]
    assert "50% HBO" in doc.text_of(doc.section("begeleiding-1")) and "Ouderbegeleiding" not in doc.text_of(doc.section("begeleiding-1"))
    assert doc.section("einde") and not any("PM1" in s.title for s in doc.sections)  # a reviewer comment is noise


def test_markdown_headings_table_captions_and_nesting():
    doc = parse_document("bijlage.txt", MARKDOWN)
    titles = [(s.title, s.level) for s in doc.sections]
    assert titles == [("Bijlage 1b Consultatie", 2), ("Consultatie", 3), ("Logeren", 2), ("Begeleiding groep", 2),
                      ("Een losse regel zonder punt", 7)]
    group = doc.section("begeleiding-groep")
    assert "Tweede tabel van dezelfde sectie" in doc.text_of(group)  # a caption repeating the heading continues it
    assert "Slot." in doc.text_of(group)  # the deeper plain-line heading nests inside
    attachment = doc.section("Bijlage 1b Consultatie")
    assert "Consultatie" in doc.text_of(attachment) and "62100" not in doc.text_of(attachment)
    assert doc.locate("62100").anchor == "logeren"
    assert doc.contains(attachment, "Tekst.   ") and doc.contains(group, "Tweede   tabel\nvan dezelfde sectie")  # whitespace folded


def test_a_heading_named_like_an_id_of_the_page_gets_its_own_anchor():
    doc = parse_document("inhoud.txt", "Inhoud\n\nTekst.\n\npb-contents-titel\n\nMeer.\n")
    assert [s.anchor for s in doc.sections] == ["inhoud-sectie", "pb-contents-titel-sectie"]
    assert doc.section("Inhoud").anchor == "inhoud-sectie"  # the heading as printed still finds it


def test_numbered_titles_in_a_plain_document_hold_their_subsections():
    text = "Beschrijving opdracht\n\nInleiding.\n\n1. Product Een\t\nNaam product\tEen\n\nResultaten\n\nMaximaal 9 maanden\n\n2. Product Twee\n\nKlaar.\n"
    doc = parse_document("plain.txt", text)
    product_one = doc.section("1. Product Een")
    assert product_one.level == 1 and "Maximaal 9 maanden" in doc.text_of(product_one) and "Twee" not in doc.text_of(product_one)
    assert doc.section("resultaten").level == 2


def test_the_real_documents_have_the_sections_the_data_uses():
    cat = load_catalogue(ROOT / "data")
    flevoland = cat.bronnen["002_b4979bd38850de40.txt"]
    assert [s.title[:3] for s in flevoland.sections if s.level == 1] == ["1. ", "2. ", "3. ", "4. ", "5. ", "6. ", "7. ", "8. "]
    zl = cat.bronnen["003_b0355b3287057254.txt"]
    individual = zl.section("begeleiding-individueel")
    assert "84110 €" in zl.text_of(individual) and "15 uur" in zl.text_of(individual)  # caption, matrix and notes
    assert zl.section("bijlage-1c-productcodetabel-jeugd") is not None


# --- data/bronnen/ in the loader: every file a plain-text document, every name safe ---------------------


def test_missing_sources_folder_is_an_error(tmp_path):
    data = minimal_data(tmp_path)
    for p in (data / "bronnen").iterdir():
        p.unlink()
    (data / "bronnen").rmdir()
    errors = errors_of(data)
    assert any(f.file == "data/bronnen" and "ontbreekt" in f.problem for f in errors)
    assert any("staat niet in data/bronnen/" in f.problem and f.file.endswith("testregio.yaml") for f in errors)


@pytest.mark.parametrize("name, content, message", [
    ("notities.docx", b"x", "alleen brondocumenten als platte tekst"),
    ("{{ 7*7 }}.txt", b"Titel\n", "bestandsnaam van het brondocument"),
    ("latin1.txt", "Cliënt\n".encode("latin-1"), "geen UTF-8"),
    ("leeg.txt", b"  \n", "is leeg"),
])
def test_bad_files_in_the_sources_folder(tmp_path, name, content, message):
    data = minimal_data(tmp_path)
    (data / "bronnen" / name).write_bytes(content)
    (f,) = [f for f in errors_of(data) if f.file.endswith(name)]
    assert message in f.problem and f.fix


def test_unknown_and_ambiguous_sections_name_the_choices(tmp_path):
    data = minimal_data(tmp_path)
    product = (data / "products/testregio/45f21.yaml").read_text(encoding="utf-8")
    write(data / "products/testregio/45f21.yaml", product.replace(
        "7. Multidisciplinaire Specialistische Jeugdhulp Specialistische Begeleiding – Individueel", "7. Specialistische Begeleiding"))
    write(data / "products/testregio/45f34.yaml", product.replace("45F21", "45F34").replace(
        "7. Multidisciplinaire Specialistische Jeugdhulp Specialistische Begeleiding – Individueel", "Resultaten"))
    errors = {f.file.rsplit("/", 1)[-1]: f for f in errors_of(data)}
    unknown, repeated = errors["45f21.yaml"], errors["45f34.yaml"]
    assert unknown.field == "bron.sectie" and unknown.line == 16 and "bestaat niet" in unknown.problem
    assert "7. Multidisciplinaire Specialistische Jeugdhulp Specialistische Begeleiding – Individueel" in unknown.fix
    assert "komt 5 keer voor" in repeated.problem and "resultaten-1 (regel 77)" in repeated.fix


# --- the page of a source document ---------------------------------------------------------------------


class Page(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self.feed(str(html))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])

    def handle_data(self, data):
        self.text.append(data)


def test_source_page_has_an_anchor_per_section_and_cites_back(tmp_path):
    cat = load_catalogue(ROOT / "data")
    html = source_document(cat, "000_c7da5c9d9344e4e9.txt", root="../../")
    page = Page(html)
    doc = cat.bronnen["000_c7da5c9d9344e4e9.txt"]
    assert [s.anchor for s in doc.sections] == [i for i in page.ids if i in {s.anchor for s in doc.sections}]
    assert "../../haaglanden/systeemproducten-dummycode/" in page.hrefs  # cited by the product
    assert "#jeugd-en-opvoedhulp-4" in page.hrefs  # table of contents
    assert "Code zonder tarief" in "".join(page.text)


def test_hostile_source_text_is_shown_not_run(tmp_path):
    data = minimal_data(tmp_path)
    hostile = ("Kop <script>alert(1)</script>\n\n<img src=x onerror=alert(2)> {{ 7*7 }} {% raw %}\n\n"
               "Tweede kop\n\n</p></div><h1>los</h1>\n")
    (data / "bronnen" / "005_hostile.txt").write_text(hostile, encoding="utf-8")
    cat = load_catalogue(data)
    html = str(source_document(cat, "005_hostile.txt"))
    page = Page(html)
    assert "script" not in page.tags and "img" not in page.tags and "h1" not in page.tags
    assert "Kop &lt;script&gt;alert(1)&lt;/script&gt;" in html  # a heading is shown exactly as printed
    assert "alert(2)" not in html and "{{ 7*7 }} {% raw %}" in html  # a tag in the text is read as layout, never run
    assert [s.title for s in cat.bronnen["005_hostile.txt"].sections] == ["Kop <script>alert(1)</script>", "Tweede kop"]


def test_reading_text_keeps_the_words_and_the_underline():
    from macros.components.sources import reading_text

    cell = '| <p><b>Doel</b></p> <ul style="x"> <li>• een</li> <li>- twee &lt;b&gt;</li></ul> niet<sup>1</sup> <u>Urk</u> |'
    assert reading_text(cell) == "| Doel\n• een\n- twee <b>\nniet¹ <u>Urk</u> |"
    assert reading_text("  - lijst zonder HTML") == "  - lijst zonder HTML"  # untouched


def test_built_site_publishes_every_source_and_every_product_links_to_an_existing_section(built_site):
    cat = load_catalogue(ROOT / "data")
    anchors = {}
    for doc in cat.bronnen.values():
        assert (built_site / "bronnen" / doc.name).read_text(encoding="utf-8") == doc.text
        page = Page((built_site / "bronnen" / doc.stem / "index.html").read_text(encoding="utf-8"))
        assert f"../../bronnen/{doc.name}" in page.hrefs
        anchors[doc.stem] = set(page.ids)
        assert {s.anchor for s in doc.sections} <= anchors[doc.stem], doc.name
    for p in cat.producten.values():
        page = Page((built_site / p.url / "index.html").read_text(encoding="utf-8"))
        source_links = [h for h in page.hrefs if re.search(r"bronnen/[^/]+/#", h)]
        assert source_links, p.ref
        for href in source_links:
            m = re.search(r"bronnen/([^/]+)/#(.+)$", href)
            assert m and m.group(2) in anchors[m.group(1)], (p.ref, href)
        doc = cat.bronnen[p.bron.document]
        main = doc.section(p.bron.sectie).anchor
        assert any(h.endswith(f"bronnen/{doc.stem}/#{main}") for h in source_links), p.ref  # the product's own passage


def test_hostile_source_document_in_a_real_build(variant_site):
    """The variant site has data/bronnen/005_hostile.txt (tests/helpers.py, HOSTILE_SOURCE)."""
    site, data_copy = variant_site.check(), variant_site.data
    html = (site / "bronnen" / "005_hostile" / "index.html").read_text(encoding="utf-8")
    assert "document.title=&#39;pwned&#39;" in html and "<script>document" not in html
    assert "{{ config.site_name }}" in html and "{% if true %}ja{% endif %}" in html  # never run as a template
    raw = (site / "bronnen" / "005_hostile.txt").read_bytes()  # the file itself, beside the page
    assert raw == (data_copy / "bronnen" / "005_hostile.txt").read_bytes()


# --- issue 24 §5: the loader's rules for source documents, linear splitting, a page linear in the text -------


@pytest.mark.parametrize("name, content, message, line, column", [
    ("index.txt", b"Titel\n", "gereserveerd", None, None),  # would replace the /bronnen/ overview page
    ("INDEX.txt", b"Titel\n", "gereserveerd", None, None),
    ("README.txt", b"Titel\n", "gereserveerd", None, None),  # MkDocs reads README.md as a folder's index
    ("005_a.txt.txt", b"Titel\n", "bestandsnaam van het brondocument", None, None),  # page /bronnen/005_a.txt/
    ("005_nul.txt", b"Titel\n\nab\x00cd\n", "U+0000", 3, 3),
    ("005_esc.txt", b"Titel\n\n\x1b[31mrood\n", "U+001B", 3, 1),
    ("005_cr.txt", b"Titel\rverborgen\n", "regelterugloop", 1, 6),
    ("005_bidi.txt", "Titel\n\nprijs \u202e05,21\n".encode(), "U+202E RIGHT-TO-LEFT OVERRIDE", 3, 7),
    ("005_zw.txt", "Ti\u200btel\n".encode(), "U+200B ZERO WIDTH SPACE", 1, 3),
    ("005_hangul.txt", "Titel\n\n\u3164\n".encode(), "U+3164 HANGUL FILLER", 3, 1),
    ("005_shy.txt", "Jeugd\u00adhulp\n".encode(), "U+00AD SOFT HYPHEN", 1, 6),
    ("005_bom.txt", "\ufeffTitel\n".encode(), "U+FEFF", 1, 1),
    ("005_utf8.txt", "Titel\n\nCliënt\n".encode("latin-1"), "geen geldige UTF-8", 3, 4),
    ("005_groot.txt", b"Titel\n\n" + b"x" * 1_000_001, "1 MB", None, None),
])
def test_source_documents_get_the_loaders_rules(tmp_path, name, content, message, line, column):
    data = minimal_data(tmp_path)
    (data / "bronnen" / name).write_bytes(content)
    (f,) = [f for f in errors_of(data) if f.file.endswith(name)]
    assert message in f.problem and f.fix
    assert (f.line, f.column) == (line, column)


def test_two_source_names_that_differ_only_in_case(tmp_path):
    data = minimal_data(tmp_path)
    (data / "bronnen" / "005_Doc.txt").write_text("Titel\n", encoding="utf-8")
    (data / "bronnen" / "005_doc.txt").write_text("Titel\n", encoding="utf-8")
    errors = [f for f in errors_of(data) if "hoofdletters" in f.problem]
    assert len(errors) == 1 and "005_Doc.txt" in errors[0].problem + errors[0].file


def test_a_source_with_too_many_headings_is_refused_at_the_first_one_past_the_cap(tmp_path):
    from macros.catalogue.loader import MAX_SECTIONS

    data = minimal_data(tmp_path)
    (data / "bronnen" / "005_koppen.txt").write_text("\n\n".join(f"Kop {i}" for i in range(MAX_SECTIONS + 1)) + "\n")
    (f,) = [f for f in errors_of(data) if f.file.endswith("005_koppen.txt")]
    assert "koppen" in f.problem and f.line == 2 * MAX_SECTIONS + 1


def _reference_ends(doc) -> list[int]:
    """The definition: a section ends at the next heading of the same or a higher level (quadratic, small docs)."""
    return [next((t.start for t in doc.sections[k + 1:] if t.level <= s.level), len(doc.lines))
            for k, s in enumerate(doc.sections)]


@pytest.mark.parametrize("seed", range(20))
def test_linear_splitting_gives_the_defined_section_ends(seed):
    import random

    rnd = random.Random(seed)
    lines = []
    for i in range(rnd.randint(0, 60)):
        kind = rnd.random()
        lines.append(f"{'#' * rnd.randint(1, 6)} Kop {rnd.randint(0, 5)}" if kind < 0.5 else
                      f"Losse titel {i}" if kind < 0.7 else f"Een zin {i}.")
        lines.append("")
    doc = parse_document("x.txt", "\n".join(lines))
    assert [s.end for s in doc.sections] == _reference_ends(doc)
    for s in doc.sections:  # containment agrees with folding the section's own text
        assert all(doc.contains(s, w) == (w in " ".join(doc.text_of(s).split()))
                   for w in ("Kop 1", "Een zin", "zin 3. Losse", "titel"))


def test_splitting_and_reading_are_linear_on_hostile_documents():
    """Not a timed test: a generous bound that the quadratic splitting (33–53 s for 40,000 headings, so
    minutes for these) and the cubic heading pattern (60 s for 2,000 spaces inside one heading) could not meet."""
    import time

    from macros.components.sources import reading_text

    documents = [
        "\n\n".join(f"## Kop {i}" for i in range(100_000)),  # flat
        "\n\n".join(f"{'#' * (1 + i % 6)} K {i}" for i in range(100_000)),  # nested
        "# x" + " " * 100_000 + "y",  # one heading with a long run of spaces
        "<li " * 100_000,  # an unclosed tag, many times
    ]
    begin = time.monotonic()
    for text in documents:
        doc = parse_document("x.txt", text)
        doc.blocks(doc.sections[0] if doc.sections else None)
        reading_text(text)
    assert time.monotonic() - begin < 120


def _page_for(tmp_path, text: str) -> str:
    data = minimal_data(tmp_path)
    cat = load_catalogue(data)
    cat.bronnen["005_groot.txt"] = parse_document("005_groot.txt", text)
    return str(source_document(cat, "005_groot.txt"))


def test_the_page_grows_linearly_with_the_document(tmp_path):
    """Deterministic: the page of a document with 4N nested headings is about 4 times that of N headings
    (each section includes its subsections, but its text is shown once), and every line of text once."""
    def doc(n: int) -> str:
        return "\n\n".join(f"{'#' * (1 + i % 6)} Kop {i}\n\nRegel {i} van de tekst." for i in range(n))

    small, large = _page_for(tmp_path / "a", doc(500)), _page_for(tmp_path / "b", doc(2_000))
    assert 3.8 < len(large) / len(small) < 4.2
    assert len(large) < 12 * len(doc(2_000))
    assert all(large.count(f"Regel {i} van de tekst.") == 1 for i in range(2_000))
    assert all(f'id="kop-{i}"' in large for i in range(2_000))
