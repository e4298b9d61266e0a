"""The spreadsheet import's caps on what a workbook unpacks to (issue 24 §6): counted on the real
decompressed stream, before any XML is parsed, with a Dutch message naming the workbook."""

from __future__ import annotations

import random
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from helpers import cli
from macros.imports import workbook as wbmod
from macros.imports.workbook import MAX_TEXT, ImportProblems, read_sheets


def _workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Flevoland"
    ws.append(["code", "naam"])
    ws.append(["45F34", "Gezin intensief"])
    wb.save(path)
    return path


def _replace_entry(source: Path, target: Path, name: str, content, zip64: bool = True) -> None:
    """A copy of the workbook with one entry replaced by generated content (streamed, never held whole)."""
    with zipfile.ZipFile(source) as zip_in, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zip_out:
        for info in zip_in.infolist():
            if info.filename != name:
                zip_out.writestr(info, zip_in.read(info.filename))
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with zip_out.open(info, "w", force_zip64=zip64) as f:
            for block in content:
                f.write(block)


def _shared_strings(mb: int):
    """Shared strings of `mb` MB that pack like real text (about 6x), not like a bomb: the declared sizes and
    ratios pass, only the real amount of text is too much (the 10.9 MB workbook of issue 24 held 95 MB)."""
    rnd = random.Random(24)
    words = [bytes(rnd.choices(b"abcdefghijklmnopqrstuvwxyz", k=rnd.randint(2, 12))) for _ in range(4_000)]
    yield b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    block = b"".join(b"<si><t>" + b" ".join(rnd.choices(words, k=40)) + b"</t></si>" for _ in range(3_000))
    for _ in range(mb * 1024 * 1024 // len(block) + 1):  # repeats are 1 MB apart: beyond deflate's 32 KB window
        yield block
    yield b"</sst>"


@pytest.fixture()
def no_parser(monkeypatch):
    """openpyxl must not even be started on a refused workbook."""
    def refuse(*a, **k):
        raise AssertionError("openpyxl was asked to parse a workbook that the caps should have refused")
    monkeypatch.setattr(wbmod, "load_workbook", refuse)


def test_a_small_workbook_is_read(tmp_path):
    sheets = read_sheets(_workbook(tmp_path / "klein.xlsx"))
    assert [c.value for c in sheets["Flevoland"][1]][:2] == ["45F34", "Gezin intensief"]


def test_shared_strings_past_the_cap_are_refused_before_parsing(tmp_path, no_parser):
    path = tmp_path / "gedeeld.xlsx"
    _replace_entry(_workbook(tmp_path / "bron.xlsx"), path, "xl/sharedStrings.xml", _shared_strings(MAX_TEXT // 2**20 + 8))
    assert path.stat().st_size < wbmod.MAX_FILE  # honest about its size, under the declared caps and ratio
    with zipfile.ZipFile(path) as z:
        assert sum(i.file_size for i in z.infolist()) < wbmod.MAX_UNPACKED
    with pytest.raises(ImportProblems) as exc:
        read_sheets(path)
    (f,) = exc.value.problems
    assert f.where == "gedeeld.xlsx" and f"meer dan {MAX_TEXT // 2**20} MB tekst" in f.problem
    assert "exporteer het werkblad opnieuw" in f.fix


def test_a_sheet_past_the_cap_is_refused_too(tmp_path, no_parser):
    def sheet_xml():
        yield b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        for i in range(1, 400_000):
            yield b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c></row>' % (i, i, b"x" * 64)
        yield b"</sheetData></worksheet>"

    path = tmp_path / "blad.xlsx"
    _replace_entry(_workbook(tmp_path / "bron.xlsx"), path, "xl/worksheets/sheet1.xml", sheet_xml())
    with pytest.raises(ImportProblems) as exc:
        read_sheets(path)
    assert "MB tekst" in exc.value.problems[0].problem


def test_a_declared_size_that_lies_is_not_trusted(tmp_path, no_parser):
    """The headers say 1 KB, the stream holds 40 MB: refused as damaged, never parsed."""
    path = tmp_path / "liegt.xlsx"
    _replace_entry(_workbook(tmp_path / "bron.xlsx"), path, "xl/sharedStrings.xml", _shared_strings(40), zip64=False)
    data = bytearray(path.read_bytes())
    name = b"xl/sharedStrings.xml"
    # the local header (PK 3 4: size at offset 22) and the central directory entry (PK 1 2: size at offset 24)
    for signature, place, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        i = 0
        while (i := data.find(signature, i)) >= 0:
            if data[i + name_at:i + name_at + len(name)] == name:
                data[i + place:i + place + 4] = (1024).to_bytes(4, "little")
            i += 4
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as z:
        assert z.getinfo("xl/sharedStrings.xml").file_size == 1024
    with pytest.raises(ImportProblems) as exc:
        read_sheets(path)
    assert "beschadigd" in exc.value.problems[0].problem


def test_the_command_line_says_it_in_dutch(tmp_path, data_copy):
    path = tmp_path / "gedeeld.xlsx"
    _replace_entry(_workbook(tmp_path / "bron.xlsx"), path, "xl/sharedStrings.xml", _shared_strings(MAX_TEXT // 2**20 + 8))
    r = subprocess.run([*cli("import_xlsx"), str(path), "--data", str(data_copy)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert f"gedeeld.xlsx: het werkboek bevat uitgepakt meer dan {MAX_TEXT // 2**20} MB tekst" in r.stderr
