#!/usr/bin/env bash
# Set up everything the site (and, with "test", the test suite) needs, on a fresh machine
# that has only Python >= 3.11, pip, Node/npm and apt. Idempotent and quick when done before.
#   scripts/bootstrap.sh          virtualenv + Python packages, npm packages of the site (Decap CMS)
#   scripts/bootstrap.sh test     also test packages, Debian's Chromium and npm test tools
set -euo pipefail
cd "$(dirname "$0")/.."
want_tests=${1:-}
VENV=.venv
PY=${PYTHON:-python3}

if [ ! -x "$VENV/bin/python" ]; then
  echo "==> virtualenv aanmaken in $VENV"
  "$PY" -m venv "$VENV"
fi
extras=""; [ "$want_tests" = test ] && extras="[test]"
stamp="$VENV/.installed-$(sha1sum pyproject.toml | cut -c1-12)${extras:+-test}"
if [ ! -f "$stamp" ]; then
  echo "==> Python-pakketten installeren"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".${extras}"
  touch "$stamp"
fi

# Node packages: Decap CMS, decap-server and yaml always (the site's /beheer/ and local editing need
# them, also under scripts/serve.sh); the test tools (devDependencies) only with "test".
node_kind=prod; [ "$want_tests" = test ] && node_kind=test
node_stamp="node_modules/.pb-installed-$(cat package.json package-lock.json | sha1sum | cut -c1-12)"
if [ ! -f "$node_stamp-$node_kind" ] && [ ! -f "$node_stamp-test" ]; then
  if [ "$node_kind" = test ]; then
    echo "==> npm-pakketten installeren (Decap CMS, decap-server, yaml en de testhulpmiddelen)"
    npm ci --silent --no-audit --no-fund
  else
    echo "==> npm-pakketten installeren (Decap CMS, decap-server, yaml)"
    npm ci --silent --no-audit --no-fund --omit=dev
  fi
  touch "$node_stamp-$node_kind"
fi

if [ "$want_tests" = test ]; then
  if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
    echo "==> Chromium installeren (Debian-pakket)"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  fi
fi
