#!/usr/bin/env bash
# Set up and run the whole test suite: data validation, unit tests, strict builds, browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh test
export NO_MKDOCS_2_WARNING=1
.venv/bin/python scripts/validate.py
exec .venv/bin/python -m pytest "$@"
