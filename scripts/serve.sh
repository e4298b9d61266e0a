#!/usr/bin/env bash
# Set up and serve the productenboek on http://127.0.0.1:8000/ (rebuilds on every change in data/ or content/).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export NO_MKDOCS_2_WARNING=1
engine=$(scripts/engine.sh)   # PRODUCTENBOEK_ENGINE: mkdocs (default) or properdocs
# --dirty: a rebuild writes only the pages whose output changed (macros/site/incremental.py)
exec "$engine" serve --dirty --dev-addr "${ADDR:-127.0.0.1:8000}" "$@"
