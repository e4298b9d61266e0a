"""Print what changed in data/ between a git ref and the working tree (or a second ref), per product and field.

    .venv/bin/productenboek-change-report [--base REF] [--head REF] [--format markdown|json|text]
                                    [--preview-url URL] [--details-url URL] [--output-dir DIR]

--base defaults to the merge base with main (else HEAD~1, else an empty data folder); --head reads the new
side from a commit instead of the working tree (both sides are read from git's objects, so .gitattributes
cannot hide files). The Markdown form is the pull-request comment (empty when nothing changed: then no
comment is posted); with --preview-url its rows link into the preview site, and --details-url is where the
full report can be read (the workflow run). --output-dir writes every form from one comparison:
comment.md (links into the preview), comment-zonder-preview.md (no such links), summary.md (the job summary),
report.txt and report.json.

Exit 0 whatever the report says (also when a side does not validate or cannot be read: the report explains
that in Dutch, never with a traceback); 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from macros.changes import (
    Changes,
    NotComparable,
    base_label,
    catalogue_at_ref,
    catalogue_in_folder,
    compare_catalogues,
    default_base,
)
from macros.changes.markdown import MARKER, report_markdown, report_summary
from macros.changes.report import report_json, report_text

ROOT = Path(__file__).resolve().parents[2]  # the repository (an editable install)

MEMORY_LIMIT = 4 * 1024**3  # bytes of heap: bad data fails with a message (MemoryError), it does not take the machine


def _limit_memory() -> None:
    """RLIMIT_DATA (heap and private writable mappings), not RLIMIT_AS: git's read-only pack mappings stay free."""
    try:
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if soft == resource.RLIM_INFINITY or soft > MEMORY_LIMIT:
            resource.setrlimit(resource.RLIMIT_DATA, (MEMORY_LIMIT, hard))
    except (ImportError, ValueError, OSError):  # not on this platform, or not allowed: run without the cap
        pass


def report(repo: Path, ref: str | None, head: str | None = None) -> Changes | NotComparable:
    new = catalogue_at_ref(repo, head, side="nieuw") if head else catalogue_in_folder(repo / "data")
    if isinstance(new, NotComparable):
        return new
    old = catalogue_at_ref(repo, ref)
    if isinstance(old, NotComparable):
        return old
    return replace(compare_catalogues(old, new), basis=base_label(repo, ref))


def _safely(make, *args) -> Changes | NotComparable:
    try:
        return make(*args)
    except (Exception, RecursionError, MemoryError) as exc:  # a bug here must still give a report, not a traceback
        return NotComparable(f"Het wijzigingsoverzicht kon niet worden gemaakt door een onverwachte fout "
                             f"({type(exc).__name__}). Dat is een fout in het productenboek zelf; meld het aan de "
                             "beheerders. Bekijk de wijzigingen intussen in de diff van de pull request.")


def write_all(w: Changes | NotComparable, out: Path, preview_url: str | None, details_url: str | None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    forms = {
        "comment.md": lambda: report_markdown(w, preview_url, details_url=details_url),
        "comment-zonder-preview.md": lambda: report_markdown(w, None, details_url=details_url),
        "summary.md": lambda: report_summary(w, preview_url, details_url),
        "report.txt": lambda: report_text(w),
        "report.json": lambda: json.dumps(report_json(w), ensure_ascii=False, indent=2) + "\n",
    }
    for name, make in forms.items():
        (out / name).write_text(make(), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Wijzigingen in data/ ten opzichte van een git-ref, per veld.")
    ap.add_argument("--base", metavar="REF", help="git-ref om mee te vergelijken (standaard: merge-base met main)")
    ap.add_argument("--head", metavar="REF", help="lees de nieuwe gegevens uit deze git-ref in plaats van uit data/")
    ap.add_argument("--format", choices=("markdown", "json", "text"), default="text")
    ap.add_argument("--preview-url", metavar="URL", help="root van de preview-site, voor links in de Markdown")
    ap.add_argument("--details-url", metavar="URL", help="waar het volledige overzicht staat (de workflow-run)")
    ap.add_argument("--output-dir", metavar="DIR", type=Path, help="schrijf alle vormen in deze map")
    ap.add_argument("--repo", metavar="DIR", type=Path, default=ROOT, help=argparse.SUPPRESS)  # tests
    args = ap.parse_args(argv)
    _limit_memory()
    repo = args.repo.resolve()
    ref = args.base or _safely(default_base, repo)
    w = ref if isinstance(ref, NotComparable) else _safely(report, repo, ref, args.head)
    try:
        return _write(w, args)
    except (Exception, RecursionError, MemoryError) as exc:  # rendering failed: say so in the same forms
        return _write(_safely(_raise, exc), args)


def _raise(exc: BaseException):
    raise exc


def _write(w: Changes | NotComparable, args: argparse.Namespace) -> int:
    if args.output_dir:
        write_all(w, args.output_dir, args.preview_url, args.details_url)
        return 0
    if args.format == "json":
        print(json.dumps(report_json(w), ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        text = report_markdown(w, args.preview_url, details_url=args.details_url)
        sys.stdout.write(text)  # '' when nothing changed
        if not text:
            print(f"(geen wijzigingen; geen reactie nodig — {MARKER} niet geplaatst)", file=sys.stderr)
    else:
        sys.stdout.write(report_text(w))
    return 0


if __name__ == "__main__":
    sys.exit(main())
