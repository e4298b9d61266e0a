"""One `mkdocs serve --dirty` rebuild after a one-product edit, driven in-process as the server drives it, timed
and (``--profile``) profiled with cProfile.

    .venv/bin/python benchmarks/serve_profile.py [--nation] [--profile [N]] [--rebuilds K] [--data DIR] [SIZE]
        SIZE: synthetic products (default 5000; write_catalogue, 10 regions, as build_bench.py --serve-size;
        --nation: the national shape). --data DIR: keep the generated data/ in DIR/data and reuse it.
        --rebuilds K: K edits, each a rebuild (default 2: an edit and its undo); each line gives MkDocs' build
        wall seconds and the process's CPU seconds (the pages; the open-data files are made by a second process,
        which the driver waits for between edits, as a person's next edit would).
        --profile N: profile the last rebuild and print the N (default 40) costliest functions, cumulative.

The server's own steps (mkdocs.commands.serve): load the configuration anew for every build, ``on_startup`` once
with command "serve" and dirty, ``build(config, serve_url=..., dirty=True)``. Figures, not assertions.
"""

from __future__ import annotations

import cProfile
import logging
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from synthetic import write_catalogue, write_nation  # noqa: E402


def main(argv: list[str]) -> int:
    def option(name: str, default):
        nonlocal argv
        if name not in argv:
            return default
        i = argv.index(name)
        value = argv[i + 1] if i + 1 < len(argv) and not argv[i + 1].startswith("--") else None
        argv = argv[:i] + argv[i + (2 if value is not None else 1):]
        return value if value is not None else True

    profile = option("--profile", None)
    rebuilds = int(option("--rebuilds", 2))
    data_root = option("--data", None)
    nation = bool(option("--nation", False))
    n = int(argv[0]) if argv else 5000
    with tempfile.TemporaryDirectory(prefix="pb-serveprof-") as tmp:
        work = Path(data_root) if data_root else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        return run(work, n, nation, rebuilds, profile, Path(tmp) / "site")


def run(work: Path, n: int, nation: bool, rebuilds: int, profile, site: Path) -> int:
    data = work / "data"
    stamp = work / f"made-{n}-{'nation' if nation else 'catalogue'}"
    if not stamp.exists():
        for old in work.glob("made-*"):
            old.unlink()
        (write_nation if nation else write_catalogue)(work, n)
        stamp.touch()
    os.environ["PRODUCTENBOEK_DATA"] = str(data)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.chdir(ROOT)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s %(name)s: %(message)s")
    for name in ("mkdocs.structure", "mkdocs.plugins", "mkdocs.commands.build", "mkdocs_macros"):
        logging.getLogger(name).setLevel(logging.WARNING)

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from macros.site.export_job import EXPORTS

    site_dir = str(site)
    serve_url = "http://127.0.0.1:8000/"

    def config():
        c = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=site_dir, strict=False)
        c.site_url = serve_url
        return c

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    t0, c0 = time.perf_counter(), time.process_time()
    build(first, serve_url=serve_url, dirty=True)
    print(f"first build: {time.perf_counter() - t0:.2f} s wall, {time.process_time() - c0:.2f} s CPU", flush=True)
    EXPORTS.wait()

    target = min((data / "products").rglob("*.yaml"))
    original = target.read_text(encoding="utf-8")
    edits = [original.replace("doel: ", "doel: Bewerkt. ", 1), original]
    prof = cProfile.Profile() if profile else None
    for k in range(rebuilds):
        time.sleep(0.02)
        target.write_text(edits[k % 2], encoding="utf-8")
        c = config()
        t0, c0 = time.perf_counter(), time.process_time()
        last = prof is not None and k == rebuilds - 1
        if last:
            prof.enable()
        build(c, serve_url=serve_url, dirty=True)
        if last:
            prof.disable()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"rebuild {k + 1}: {wall:.2f} s wall, {cpu:.2f} s CPU (pages; load average "
              f"{os.getloadavg()[0]:.2f})", flush=True)
        t1 = time.perf_counter()
        EXPORTS.wait()
        print(f"  open-data files done {time.perf_counter() - t1:.2f} s later", flush=True)
    first.plugins.on_shutdown()
    if prof:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(int(profile) if profile is not True else 40)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
