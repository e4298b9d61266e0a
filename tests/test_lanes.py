"""The test lanes (tests/conftest.py): every test gets its markers from the fixtures it uses, and a test in
the fast lane that builds a site or starts a browser fails instead of slowing the lane down unseen."""

from __future__ import annotations

import subprocess
import sys

import pytest

import conftest

LANES = {"fast", "build", "browser", "engines"}


def test_markers_follow_the_fixtures():
    assert conftest.lanes_of(["tmp_path", "data_copy", "exported"]) == {"fast"}
    assert conftest.lanes_of(["built_site"]) == {"build"}
    assert conftest.lanes_of(["mkdocs_build", "tmp_path"]) == {"build"}
    assert conftest.lanes_of(["watched", "browser", "site_url", "built_site"]) == {"build", "browser"}
    assert conftest.lanes_of(["engine_sweep", "built_site", "site_url"]) == {"build", "engines"}
    assert conftest.lanes_of(["bench_in_chromium"]) == {"build", "browser"}


def test_every_collected_test_is_in_a_lane_and_fast_means_nothing_else(request):
    for item in request.session.items:
        lanes = {m.name for m in item.iter_markers() if m.name in LANES}
        assert lanes, f"{item.nodeid} has no lane"
        assert lanes == {"fast"} or "fast" not in lanes, f"{item.nodeid}: {lanes}"
        assert lanes == conftest.lanes_of(item.fixturenames), item.nodeid
    assert request.node.get_closest_marker("fast") is not None


def test_a_fast_test_cannot_build_the_site(tmp_path):
    with pytest.raises(conftest.LaneError, match="fast lane but calls mkdocs_build"):
        conftest.mkdocs_build(tmp_path / "site")
    with pytest.raises(conftest.LaneError, match="runs a site build"):
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")], cwd=conftest.ROOT)
    import mkdocs.commands.build

    with pytest.raises(conftest.LaneError, match="builds the site in-process"):
        mkdocs.commands.build.build(None)
    assert not (tmp_path / "site").exists()
    # other programs still run
    assert subprocess.run([sys.executable, "-c", "print('ok')"], capture_output=True, text=True).stdout == "ok\n"


def test_a_fast_test_cannot_start_a_browser():
    from playwright.sync_api import BrowserType

    with pytest.raises(conftest.LaneError, match="starts a browser"):
        subprocess.run([conftest.CHROMIUM, "--headless", "--version"], capture_output=True)
    # Playwright's launch itself is guarded (called on the class: a worker that ran browser tests before has a
    # session's Playwright running, and a second sync_playwright() is refused there for another reason)
    with pytest.raises(conftest.LaneError, match="launches Chromium"):
        BrowserType.launch(None, executable_path=conftest.CHROMIUM)
