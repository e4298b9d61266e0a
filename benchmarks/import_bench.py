"""The spreadsheet import at growing synthetic scale, against loading data/ in the same run.

    .venv/bin/python benchmarks/import_bench.py [SIZES...]     (default: 500 5000)

For each size it generates a synthetic catalogue of 10 regions (benchmarks/synthetic.py), writes the first
region's workbook as the export does, and times, best of three (measured in turn within each round):

- load: ``load_catalogue`` of the whole data/ (the baseline: what every build and validation does);
- unchanged: ``import_workbook`` of the unchanged workbook (--dry-run; it loads, compares every row);
- edited: the same with every product's name changed (--dry-run: edits every file of the region in place and
  validates the result in a temporary copy of data/, the loader's second run).

Figures, not assertions; results in benchmarks/README.md.
"""

from __future__ import annotations

import datetime
import io
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import load_workbook

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

from synthetic import write_catalogue  # noqa: E402

from macros.catalogue.loader import load_catalogue  # noqa: E402
from macros.exports import COLUMNS, notes_sheet, product_row, product_sheet  # noqa: E402
from macros.exports.xlsx import workbook  # noqa: E402
from macros.imports import import_workbook  # noqa: E402


def _time(f) -> float:
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


def main(sizes: list[int]) -> None:
    print("| products | in the region | load s | unchanged s | ratio | edited s | ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            data = write_catalogue(Path(tmp), n)
            cat = load_catalogue(data)
            region_id = next(iter(cat.regios))
            rows = [product_row(cat, p) for p in cat.products_of(region_id)]
            xlsx = workbook([product_sheet(cat.regios[region_id].naam, rows), notes_sheet()], datetime.datetime(2000, 1, 1))
            unchanged = Path(tmp) / "ongewijzigd.xlsx"
            unchanged.write_bytes(xlsx)
            wb = load_workbook(io.BytesIO(xlsx))
            ws = wb[cat.regios[region_id].naam]
            col = [k.name for k in COLUMNS].index("naam") + 1
            for r in range(2, ws.max_row + 1):
                ws.cell(r, col).value = f"{ws.cell(r, col).value} (nieuw)"
            edited = Path(tmp) / "gewijzigd.xlsx"
            wb.save(edited)
            assert len(import_workbook(edited, data, region_id, dry_run=True).changed) == len(rows)
            t_load, t_same, t_edit = 1e9, 1e9, 1e9
            for _ in range(3):
                t_load = min(t_load, _time(lambda: load_catalogue(data)))
                t_same = min(t_same, _time(lambda: import_workbook(unchanged, data, region_id, dry_run=True)))
                t_edit = min(t_edit, _time(lambda: import_workbook(edited, data, region_id, dry_run=True)))
            print(f"| {n} | {len(rows)} | {t_load:.2f} | {t_same:.2f} | {t_same / t_load:.2f}x | {t_edit:.2f} | "
                  f"{t_edit / t_load:.2f}x |", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [500, 5000])
