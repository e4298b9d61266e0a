"""The open-data files made by a second process while MkDocs writes the pages (macros/site/export_job.py): the
files written beside the pages (a file whose bytes did not change left alone), the sizes filled in on the pages
that say them, and the process's failure handed to the build in Dutch (``mkdocs build`` fails on it)."""

from __future__ import annotations

import os

from macros.site.export_job import UNKNOWN, ExportJob, write_files


def _job(tmp_path, make):
    job, taken = ExportJob(), []
    job.start(make, str(tmp_path), taken.append)
    return job, taken


def test_the_files_are_written_by_another_process_and_the_sizes_filled_in(tmp_path):
    parent = os.getpid()
    files = {"open-data/a.csv": b"x" * 1500, "open-data/sub/b.json": b"{}"}

    def make():
        assert os.getpid() != parent  # made in the second process
        return files, {"kept": True}

    job, taken = _job(tmp_path, make)
    marked = f"<td>{job.size_text(['open-data/a.csv', 'open-data/sub/b.json'])}</td>"
    page = job.page(f"<html>{marked}</html>", "open-data/index.html")  # before the files are made: not yet known
    assert UNKNOWN in page
    (tmp_path / "open-data").mkdir(exist_ok=True)
    (tmp_path / "open-data" / "index.html").write_text(page, encoding="utf-8")  # as MkDocs writes it
    assert job.finish_build(wait=True) is None
    assert {p: (tmp_path / p).read_bytes() for p in files} == files
    assert taken == [{"kept": True}]
    assert (tmp_path / "open-data" / "index.html").read_text(encoding="utf-8") == "<html><td>1,5 kB</td></html>"
    assert not list(tmp_path.rglob("*.tmp"))
    # A page MkDocs writes after the files are known gets the sizes at once.
    assert job.page(marked, "open-data/index.html") == "<td>1,5 kB</td>"


def test_text_from_the_data_that_looks_like_a_size_mark_stays_as_written(tmp_path):
    """A region's name (untrusted text) on /open-data/ that copies the mark's shape is not filled in: only the marks
    this build made are (their key is drawn per process)."""
    job, _ = _job(tmp_path, lambda: ({"open-data/a.csv": b"x" * 1500}, None))
    hostile = "@@pb-grootte:open-data/a.csv@@ @@pb-grootte-0000000000000000:open-data/a.csv@@"
    assert job.finish_build(wait=True) is None
    real = job.size_text(["open-data/a.csv"])
    assert real not in hostile and real.split(":")[0] not in hostile
    assert job.page(f"<td>{hostile}</td><td>{real}</td>", "open-data/index.html") == f"<td>{hostile}</td><td>1,5 kB</td>"


def test_a_file_whose_bytes_did_not_change_is_left_alone(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"same")
    (tmp_path / "b.csv").write_bytes(b"old!")
    os.utime(tmp_path / "a.csv", ns=(1, 1))
    os.utime(tmp_path / "b.csv", ns=(1, 1))
    assert write_files(str(tmp_path), {"a.csv": b"same", "b.csv": b"new!", "c/d.csv": b"new"}) == 2
    assert (tmp_path / "a.csv").stat().st_mtime_ns == 1
    assert (tmp_path / "b.csv").read_bytes() == b"new!" and (tmp_path / "c" / "d.csv").read_bytes() == b"new"


def test_a_data_error_in_the_export_process_is_the_builds_error_in_dutch(tmp_path):
    def make():
        raise ValueError("regio-id 'productenboek' botst met een bestand op /open-data/")

    job, taken = _job(tmp_path, make)
    assert job.finish_build(wait=True) == ("Open data niet gemaakt: regio-id 'productenboek' botst met een bestand "
                                            "op /open-data/")
    assert taken == []


def test_an_export_process_that_dies_fails_the_build(tmp_path):
    def make():
        os._exit(3)

    job, _ = _job(tmp_path, make)
    assert job.finish_build(wait=True) == "Open data niet gemaakt: het exportproces stopte zonder antwoord (afsluitcode 3)"
    # The next build starts afresh.
    job.start(lambda: ({"a.csv": b"1"}, None), str(tmp_path), lambda made: None)
    assert job.finish_build(wait=True) is None
