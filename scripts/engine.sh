#!/usr/bin/env bash
# Print the command of the engine that builds and serves the site, chosen by the one setting
# PRODUCTENBOEK_ENGINE (README, "Two engines"): mkdocs (default) or properdocs. Used by scripts/serve.sh
# and the workflows (`"$(scripts/engine.sh)" build --strict`); the tests read the same variable.
set -euo pipefail
cd "$(dirname "$0")/.."
engine=${PRODUCTENBOEK_ENGINE:-mkdocs}
case "$engine" in
  mkdocs|properdocs) echo "$PWD/.venv/bin/$engine" ;;
  *) echo "PRODUCTENBOEK_ENGINE moet 'mkdocs' of 'properdocs' zijn (of leeg: mkdocs)." >&2; exit 2 ;;
esac
