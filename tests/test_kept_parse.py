"""Under `mkdocs serve --dirty` a data file's parse is kept between rebuilds (``yamlfile.PARSED``) and used without
reading the file again when its status (device, inode, size, times) is the same. These tests hold that cache to
what it promises: an edit is always seen, even one that leaves the size and the modification time as they were,
and an unchanged file is not read again once its status can be trusted."""

from __future__ import annotations

import os
import time
from types import SimpleNamespace

import pytest

from macros.catalogue import yamlfile


@pytest.fixture
def parsed(monkeypatch):
    monkeypatch.setattr(yamlfile, "PARSED", {})
    return yamlfile.PARSED


def test_an_edit_within_one_clock_tick_is_seen(tmp_path, parsed, monkeypatch):
    """The racy case: the kernel stamps times with a coarse clock, so a file written, read and written again
    within one tick keeps its size and times (simulated here: every status says the same tick, now). A cache keyed
    by the status alone would keep the old parse; the file changed too recently for its status to be trusted, so
    it is read and compared by its bytes."""
    real_lstat, tick = os.lstat, time.time_ns()

    def coarse_lstat(path):
        st = real_lstat(path)
        return SimpleNamespace(st_mode=st.st_mode, st_dev=st.st_dev, st_ino=st.st_ino, st_size=st.st_size,
                               st_mtime_ns=tick, st_ctime_ns=tick)

    monkeypatch.setattr(yamlfile.os, "lstat", coarse_lstat)
    path = tmp_path / "p.yaml"
    path.write_text("naam: aaa\n", encoding="utf-8")
    assert yamlfile.read_yaml_file(path).data == {"naam": "aaa"}
    with path.open("r+", encoding="utf-8") as f:  # the same inode, the same size
        f.write("naam: bbb\n")
    assert yamlfile.read_yaml_file(path).data == {"naam": "bbb"}


def test_a_settled_file_is_not_read_again_and_an_edit_is_seen(tmp_path, parsed, monkeypatch):
    path = tmp_path / "p.yaml"
    path.write_text("naam: aaa\n", encoding="utf-8")
    monkeypatch.setattr(yamlfile, "SETTLED", 0)  # as if the file had been written long before it was read
    first = yamlfile.read_yaml_file(path)

    def no_read(_path):
        raise AssertionError("an unchanged file with a trusted status was read again")

    with monkeypatch.context() as m:
        m.setattr(yamlfile, "read_bytes", no_read)
        assert yamlfile.read_yaml_file(path) is first
    path.write_text("naam: bbbb\n", encoding="utf-8")  # another size: a status that differs whatever the clock
    assert yamlfile.read_yaml_file(path).data == {"naam": "bbbb"}
    path.unlink()
    path.write_text("naam: cccc\n", encoding="utf-8")  # replaced (another inode or status-change time)
    assert yamlfile.read_yaml_file(path).data == {"naam": "cccc"}


def test_a_file_replaced_by_a_symlink_is_refused_not_served_from_the_cache(tmp_path, parsed, monkeypatch):
    """The walk refuses symlinks; the kept parse must not hide one that replaced a file."""
    path, other = tmp_path / "p.yaml", tmp_path / "q.yaml"
    path.write_text("naam: aaa\n", encoding="utf-8")
    other.write_text("naam: aaa\n", encoding="utf-8")
    monkeypatch.setattr(yamlfile, "SETTLED", 0)
    yamlfile.read_yaml_file(path)
    path.unlink()
    path.symlink_to(other)
    with pytest.raises(yamlfile.YamlError, match="symbolische koppeling"):
        yamlfile.read_yaml_file(path)
