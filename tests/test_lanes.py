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


def test_tests_that_share_a_build_run_on_one_worker(tmp_path):
    """The suite's hook marks the tests that use a shared expensive fixture with an xdist group, and xdist keeps each
    group on one worker. Both halves have failed silently: the hook ran after xdist's own, and pytest 9.2 with
    xdist 3.8 dropped every group (pytest-xdist#1386); then each worker made every shared build again."""
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "conftest.py").write_text(
        "import importlib.util, sys, pytest\n"
        f"spec = importlib.util.spec_from_file_location('suite_conftest', {str(conftest.__file__)!r})\n"
        "suite = sys.modules['suite_conftest'] = importlib.util.module_from_spec(spec); spec.loader.exec_module(suite)\n"
        "pytest_collection_modifyitems = suite.pytest_collection_modifyitems\n"
        "@pytest.fixture\ndef nations(): return None\n")
    (tmp_path / "test_grouped.py").write_text(
        "import os, time, pytest\n"
        "@pytest.mark.parametrize('k', range(4))\n"
        "def test_shared(k, nations, request):\n"
        "    time.sleep(0.2)\n"
        f"    open({str(tmp_path)!r} + f'/ran-{{k}}', 'w').write(os.environ['PYTEST_XDIST_WORKER'] + ' ' + request.node.nodeid)\n")
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "loadgroup", "-p", "no:cacheprovider",
                          "-p", "no:randomly", str(tmp_path)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    ran = [(tmp_path / f"ran-{k}").read_text().split() for k in range(4)]
    assert all(nodeid.endswith("@scale") for _, nodeid in ran), f"xdist saw no group (its scope is the node id): {ran}"
    assert len({worker for worker, _ in ran}) == 1, f"the tests of one group ran on several workers: {ran}"


class _Item:
    """What longest_first reads of a pytest item: its node id, its fixtures and its xdist_group mark."""

    def __init__(self, nodeid: str, *fixtures: str, group: str | None = None):
        self.nodeid, self.fixturenames, self.group = nodeid, list(fixtures), group

    def iter_markers(self, name):
        return iter([pytest.mark.xdist_group(self.group).mark] if name == "xdist_group" and self.group else [])


def test_the_longest_work_comes_first_and_only_one_worker_waits_for_the_real_build():
    """xdist hands out work in collection order (scripts/test.sh: --no-loadscope-reorder), so the suite orders it
    longest first: a group is one unit, costed as the sum of its tests; unmeasured tests count half a second, an
    unmeasured engine sweep a minute. Of the first unit of each worker only one may need the real build."""
    items = [_Item("t.py::short", "tmp_path"), _Item("t.py::g1", "nations", group="scale"),
             _Item("t.py::sweep", "engine_sweep", "built_site"), _Item("t.py::form", "built_site", "browser"),
             _Item("t.py::g2", "nations", group="scale"), _Item("t.py::pages", "built_site", "site_url"),
             _Item("t.py::new_sweep", "engine_sweep", "built_site"), _Item("t.py::other", "tmp_path")]
    measured = {"t.py::sweep": 90.0, "t.py::form": 50.0, "t.py::g1": 20.0, "t.py::g2": 15.0, "t.py::pages": 40.0,
                "t.py::other": 2.0}
    order = [i.nodeid for i in conftest.longest_first(items, 3, measured)]
    # sweep (90) needs the build; form (50), new_sweep (60) and pages (40) do too: the two others start with the
    # longest units that do not (the group, 35; then other, 2); then the rest longest first, short last
    assert order == ["t.py::sweep", "t.py::g1", "t.py::g2", "t.py::other", "t.py::new_sweep", "t.py::form",
                     "t.py::pages", "t.py::short"]
    # on one worker, simply longest first
    assert [i.nodeid for i in conftest.longest_first(items, 1, measured)] == [
        "t.py::sweep", "t.py::new_sweep", "t.py::form", "t.py::pages", "t.py::g1", "t.py::g2", "t.py::other", "t.py::short"]
    assert sorted(order) == sorted(i.nodeid for i in items)  # nothing lost, nothing twice
