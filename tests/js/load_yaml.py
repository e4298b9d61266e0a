"""The project's real loader (macros/catalogue/yamlfile.py) as a line server for the Node property tests.

Reads one JSON string per line (a whole YAML file), answers one JSON line: {"ok": true, "data": ...}
with the data the build would get, or {"ok": false, "error": "..."} with the loader's Dutch refusal, or {"ok": false, "crash": "..."} when
the loader fails in another way (a defect of the loader).
The text is encoded as the file would be (UTF-8; a lone surrogate has no UTF-8, so the file is
refused as the build refuses a file that is not UTF-8).
"""

from __future__ import annotations

import json
import sys

from macros.catalogue.yamlerrors import YamlError
from macros.catalogue.yamlfile import decode, parse_yaml


def load(text: str) -> dict:
    try:
        return {"ok": True, "data": parse_yaml(decode(text.encode("utf-8", "surrogatepass"))).data}
    except YamlError as exc:
        return {"ok": False, "error": f"regel {exc.line}: {exc.problem}"}
    except Exception as exc:  # a loader defect: the caller decides (never for the writer's own files)
        return {"ok": False, "crash": f"{type(exc).__name__}: {exc}"}


def main() -> None:
    for line in sys.stdin:
        print(json.dumps(load(json.loads(line)), default=str), flush=True)


if __name__ == "__main__":
    main()
