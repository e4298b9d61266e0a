"""Put the data files in the one YAML style the CMS and the spreadsheet import keep (see macros.editing.yamlstyle).

    .venv/bin/productenboek-yaml-style [DATA_DIR]           rewrite files that are not in the style
    .venv/bin/productenboek-yaml-style --check [DATA_DIR]   exit 1 listing them (the tests run this)

The data itself never changes: a rewrite that PyYAML would read differently is refused.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository (an editable install)

from macros.editing.yamlstyle import files_out_of_style, normalise  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    data_dir = Path(args[0]) if args else ROOT / "data"
    todo = files_out_of_style(data_dir)
    if check:
        if todo:
            print("Niet in de YAML-stijl van de data (draai `.venv/bin/productenboek-yaml-style`): "
                  + ", ".join(p.relative_to(data_dir.parent).as_posix() for p in todo), file=sys.stderr)
            return 1
        return 0
    for path in todo:
        path.write_text(normalise(path.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"herschreven: {path.relative_to(data_dir.parent).as_posix()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
