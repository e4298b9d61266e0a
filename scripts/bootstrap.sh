#!/usr/bin/env bash
# Set up everything the site (and, with "test", the test suite) needs, on a fresh machine
# that has only Python >= 3.11, pip, Node/npm and apt. Idempotent and quick when done before.
#   scripts/bootstrap.sh          virtualenv + Python packages
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

if [ "$want_tests" = test ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  apt_updated=""
  apt_install() {
    [ -n "$apt_updated" ] || { $SUDO apt-get update -qq; apt_updated=1; }
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
  }
  if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
    echo "==> Chromium installeren (Debian-pakket)"
    apt_install chromium
  fi
  if ! command -v java >/dev/null 2>&1; then
    echo "==> Java installeren voor de Nu HTML Checker (Debian-pakket default-jre-headless)"
    apt_install default-jre-headless
  fi
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "==> npm-testhulpmiddelen installeren (axe-core, html-validate, pa11y, Lighthouse, vnu-jar)"
    # No install scripts: puppeteer's would download its own Chrome and vnu-jar's a Java runtime;
    # the tests use Debian's Chromium and Java instead.
    PUPPETEER_SKIP_DOWNLOAD=1 npm ci --silent --no-audit --no-fund --ignore-scripts
  fi
fi
