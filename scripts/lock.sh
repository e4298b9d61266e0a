#!/usr/bin/env bash
# Regenerate requirements/publish.txt: the Python packages of the jobs that hold write tokens (publish.yml,
# preview.yml), every one pinned with its sha256 hashes, from pyproject.toml's [project] dependencies and
# requirements/publish.in (the build backend). Installed by `scripts/bootstrap.sh publish` with --require-hashes.
# Run it after changing the dependencies in pyproject.toml (tests/test_workflows.py fails until the lock is in
# sync); existing pins are kept, `scripts/lock.sh --upgrade` (or --upgrade-package NAME) moves them.
# The lock is for the workflows' interpreter, CPython 3.11 on Linux (environment markers are resolved for it).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || scripts/bootstrap.sh
if ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "scripts/lock.sh: de workflows draaien Python 3.11; maak .venv/ met Python 3.11 (PYTHON=python3.11 scripts/bootstrap.sh)" >&2
  exit 1
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check "pip-tools>=7.4,<8"
CUSTOM_COMPILE_COMMAND="scripts/lock.sh" .venv/bin/python -m piptools compile --quiet --generate-hashes \
  --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
  --output-file requirements/publish.txt "$@" pyproject.toml requirements/publish.in
echo "requirements/publish.txt bijgewerkt"
