"""Read a region's workbook (the export's own format, or the empty template) and write the differences into data/.

    .venv/bin/productenboek-import-xlsx WORKBOOK [--regio ID] [--dry-run] [--data DIR]

Only cells that differ from what the export writes are edits; new rows are new products. The YAML files are
edited in place (only the changed keys), and nothing is written unless the whole result validates.
Exit 0 when imported (or nothing to do), 1 with every problem listed in Dutch (sheet, row, column), 2 on a
usage error. Never a traceback: an unexpected failure is reported as one, and nothing is written.
See macros/imports/ and the editing guide (content/over/data-bewerken/excel.md, "Werken met Excel").
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.imports import import_workbook
from macros.imports.workbook import ImportProblems

ROOT = Path(__file__).resolve().parents[2]  # the repository (an editable install)

MEMORY_LIMIT = 2 * 1024**3  # bytes of heap: an untrusted workbook gets a message, not the machine


def _limit_memory() -> None:
    try:
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if soft == resource.RLIM_INFINITY or soft > MEMORY_LIMIT:
            resource.setrlimit(resource.RLIMIT_DATA, (MEMORY_LIMIT, hard))
    except (ImportError, ValueError, OSError):
        pass


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Lees een Excel-werkboek van één regio in en schrijf de verschillen in data/.")
    ap.add_argument("werkboek", type=Path, metavar="WERKBOEK", help="het .xlsx-bestand (export van /open-data/ of het sjabloon)")
    ap.add_argument("--regio", metavar="ID", help="de regio-id (standaard: uit de kolom Regio-id)")
    ap.add_argument("--dry-run", action="store_true", help="alleen controleren en tonen wat er zou veranderen")
    ap.add_argument("--data", type=Path, default=ROOT / "data", metavar="MAP", help="de gegevensmap (standaard data/)")
    args = ap.parse_args(argv)
    _limit_memory()
    try:
        res = import_workbook(args.werkboek, args.data.resolve(), args.regio, args.dry_run)
    except ImportProblems as e:
        print(e.report(), file=sys.stderr)
        return 1
    except (Exception, RecursionError, MemoryError) as exc:  # a bug must not become a traceback; nothing was written
        print(f"De import liep vast door een onverwachte fout ({type(exc).__name__}); er is niets geschreven. "
              "Dat is een fout in het productenboek zelf: meld het aan de beheerders.", file=sys.stderr)
        return 1
    print(res.report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
