#!/usr/bin/env bash
# Edit the data in the browser form on this machine: decap-server (Decap CMS's local git backend) on
# port 8081 for this repository. Run scripts/serve.sh in another terminal and open
# http://127.0.0.1:8000/beheer/ ; every save becomes a branch cms/<collection>/<entry> (editorial
# workflow), published by merging it, as a pull request would be.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec env MODE=git PORT="${BEHEER_PORT:-8081}" BIND_HOST=127.0.0.1 GIT_REPO_DIRECTORY="$PWD" \
  node node_modules/decap-server/dist/index.js
