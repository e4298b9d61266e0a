#!/usr/bin/env python3
"""Print what changed in data/ between a git ref and the working tree, per product and field.

    python scripts/change_report.py [--base REF] [--format markdown|json|text] [--preview-url URL]

--base defaults to the merge base with main (else HEAD~1, else an empty data folder). The Markdown
form is the pull-request comment (empty when nothing changed: then no comment is posted); with
--preview-url its rows link into the preview site. Exit 0 whatever the report says (also when a side
does not validate: the report explains that); 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.catalogue.loader import load_catalogue  # noqa: E402
from macros.changes import Wijzigingen, basis_label, catalogue_at_ref, default_base, compare_catalogues  # noqa: E402
from macros.changes.report import MARKER, report_json, report_markdown, report_text  # noqa: E402
from macros.catalogue.errors import DataErrors  # noqa: E402


def report(repo: Path, ref: str | None) -> Wijzigingen | str:
    try:
        nieuw = load_catalogue(repo / "data")
    except DataErrors as exc:
        return f"De gewijzigde gegevens zelf zijn ongeldig, dus de site kan niet worden gebouwd:\n{exc.report()}"
    oud = catalogue_at_ref(repo, ref)
    if isinstance(oud, str):
        return oud
    return replace(compare_catalogues(oud, nieuw), basis=basis_label(repo, ref))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Wijzigingen in data/ ten opzichte van een git-ref, per veld.")
    ap.add_argument("--base", metavar="REF", help="git-ref om mee te vergelijken (standaard: merge-base met main)")
    ap.add_argument("--format", choices=("markdown", "json", "text"), default="text")
    ap.add_argument("--preview-url", metavar="URL", help="root van de preview-site, voor links in de Markdown")
    ap.add_argument("--repo", metavar="DIR", type=Path, default=ROOT, help=argparse.SUPPRESS)  # tests
    args = ap.parse_args(argv)
    repo = args.repo.resolve()
    ref = args.base or default_base(repo)
    w = report(repo, ref)
    if args.format == "json":
        print(json.dumps(report_json(w), ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        tekst = report_markdown(w, args.preview_url)
        sys.stdout.write(tekst)  # '' when nothing changed
        if not tekst:
            print(f"(geen wijzigingen; geen reactie nodig — {MARKER} niet geplaatst)", file=sys.stderr)
    else:
        sys.stdout.write(report_text(w))
    return 0


if __name__ == "__main__":
    sys.exit(main())
