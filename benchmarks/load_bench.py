"""Loading and validating data/ at growing synthetic scale, against two baselines in the same run.

    .venv/bin/python benchmarks/load_bench.py [SIZES...]     (default: 500 5000)

For each size it generates a synthetic catalogue (benchmarks/synthetic.py) and times, best of five
(the three measured in turn within each round):

- ours: ``load_catalogue`` as the build calls it (every safety check of issue 16 included);
- plain: each file parsed with libyaml and validated against its model, nothing else (no line map,
  no checks on the text or the event stream, no cross-file rules): the least any loader must do;
- before: ``load_catalogue`` of an earlier commit (default e9ecbac, before issue 16), run from a
  ``git archive`` of that commit's ``macros/`` in a separate process.

Figures, not assertions; results in benchmarks/README.md.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

from synthetic import write_catalogue  # noqa: E402

BEFORE = "e9ecbac"
TIMER = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import macros
assert macros.__file__.startswith(sys.argv[1]), macros.__file__
from macros.catalogue.loader import load_catalogue
load_catalogue(Path(sys.argv[2]))  # warm up like the other two (imports, first-call costs)
start = time.perf_counter()
load_catalogue(Path(sys.argv[2]))
print(time.perf_counter() - start)
"""


def plain(data: Path) -> None:
    import yaml

    from macros.model import IjwCategories, Product, ProductTypes, Regio

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted(data.rglob("*.yaml")):
        model = {"products": Product, "regions": Regio, "producttypen.yaml": ProductTypes,
                 "ijw-categorieen.yaml": IjwCategories}[path.relative_to(data).parts[0]]
        model.model_validate(yaml.load(path.read_text(encoding="utf-8"), Loader=loader))


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def before(code: Path, data: Path) -> float | str:
    """Seconds, or why the earlier loader could not load this catalogue (its last error line)."""
    r = subprocess.run([sys.executable, "-c", TIMER, str(code), str(data)], capture_output=True, text=True)
    if r.returncode != 0:
        return (r.stderr.strip().splitlines() or ["no output"])[-1][:160]
    return float(r.stdout)


def earlier_code(ref: str, dest: Path) -> Path:
    archive = subprocess.run(["git", "archive", "--format=tar", ref, "macros"], cwd=ROOT, capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def main(sizes: list[int], rounds: int = 5) -> None:
    """Best of `rounds`, the three measured in turn within each round (the machine is shared: interleaving
    keeps a burst of load from favouring one of them)."""
    from macros.catalogue.loader import load_catalogue

    failed: list[str] = []
    have_before = subprocess.run(["git", "cat-file", "-e", f"{BEFORE}^{{commit}}"], cwd=ROOT, capture_output=True).returncode == 0

    print(f"| products | files | ours s | plain parse+validate s | ratio | before ({BEFORE}) s | ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            data = write_catalogue(Path(tmp), n)
            code = earlier_code(BEFORE, Path(tmp) / "before") if have_before else None
            files = sum(1 for _ in data.rglob("*.yaml"))
            load_catalogue(data), plain(data)  # warm up
            t = {"ours": [], "plain": [], "before": []}
            failed_here = len(failed)
            for _ in range(rounds):
                t["ours"].append(timed(load_catalogue, data))
                t["plain"].append(timed(plain, data))
                if code is not None and len(failed) == failed_here:
                    b = before(code, data)
                    if isinstance(b, str):
                        failed.append(f"{n}: the loader of {BEFORE} refuses this catalogue ({b})")
                    else:
                        t["before"].append(b)
            ours, base = min(t["ours"]), min(t["plain"])
            previous = f"{min(t['before']):.2f} | {ours / min(t['before']):.2f}x" if t["before"] else "– | –"
            print(f"| {n} | {files} | {ours:.2f} | {base:.2f} | {ours / base:.2f}x | {previous} |", flush=True)
    if not have_before:
        print(f"\nbefore: skipped, commit {BEFORE} is not in this clone (a shallow clone?): fetch the history to time it")
    for why in failed:
        print(f"\nbefore: skipped at {why}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [500, 5000])
