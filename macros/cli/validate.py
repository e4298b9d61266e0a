"""Validate data/ without building the site: `.venv/bin/productenboek-validate [DATA_DIR]`.

Exit status 0 when the data is valid, 1 with every error listed (in Dutch) otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.catalogue.errors import DataErrors
from macros.catalogue.loader import load_catalogue

ROOT = Path(__file__).resolve().parents[2]  # the repository (an editable install)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    data_dir = Path(argv[0]) if argv else ROOT / "data"
    try:
        cat = load_catalogue(data_dir)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(
        f"Data in orde: {len(cat.regios)} regio's, {len(cat.producten)} producten, "
        f"{sum(len(m) for m in cat.matrices.values())} matrices, {len(cat.beslisbomen)} beslisbomen."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
