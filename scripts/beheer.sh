#!/usr/bin/env bash
# Edit the data in the browser form on this machine: builds the site once and serves it together with
# decap-server (Decap CMS's local git backend) for this repository on one address,
# http://127.0.0.1:${BEHEER_PORT:-8001}/beheer/ (macros/cms/local.py). Every save becomes a branch
# cms/<collection>/<entry> (editorial workflow), published by merging it, as a pull request would be.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec .venv/bin/python -m macros.cms.local "${BEHEER_PORT:-8001}"
