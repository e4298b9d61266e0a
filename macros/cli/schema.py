"""Write the JSON Schemas of the data files (generated from the model) to content/schema/.

`.venv/bin/productenboek-schema` rewrites them; `.venv/bin/productenboek-schema --check` exits 1 when a
committed schema differs from the model (the tests run this check).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from macros.model.schema import schemas

ROOT = Path(__file__).resolve().parents[2]  # the repository (an editable install)

OUT = ROOT / "content" / "schema"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    check = "--check" in argv
    stale = []
    for name, schema in schemas().items():
        path = OUT / f"{name}.schema.json"
        text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.relative_to(ROOT).as_posix())
        else:
            OUT.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"geschreven: {path.relative_to(ROOT)}")
    if stale:
        print("Verouderd schema (draai `.venv/bin/productenboek-schema`): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
