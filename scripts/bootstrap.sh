#!/usr/bin/env bash
# Set up everything the site (and, with "test", the test suite) needs, on a fresh machine
# that has only Python >= 3.11, pip, Node/npm and apt. Idempotent and quick when done before.
#   scripts/bootstrap.sh          virtualenv + Python packages, npm packages of the site (Decap CMS)
#   scripts/bootstrap.sh test     also test packages, Debian's Chromium, Java and npm test tools (and LibreOffice
#                                 Calc with PRODUCTENBOEK_LIBREOFFICE=1)
#   scripts/bootstrap.sh publish  as without argument, but the Python packages exactly from the lock
#                                 requirements/publish.txt, every file checked against its sha256 hash
#                                 (pip --require-hashes; no unpinned pip upgrade, no build isolation): for the
#                                 workflow jobs that hold write tokens. scripts/lock.sh regenerates the lock.
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
if [ "$want_tests" = publish ]; then
  lock_stamp="$VENV/.installed-publish-$(cat pyproject.toml requirements/publish.txt | sha1sum | cut -c1-12)"
  if [ ! -f "$lock_stamp" ]; then
    echo "==> Python-pakketten installeren uit requirements/publish.txt (vastgepind, met hashes)"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes --only-binary=:all: \
      -r requirements/publish.txt
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
    touch "$lock_stamp"
  fi
elif [ ! -f "$stamp" ]; then
  echo "==> Python-pakketten installeren"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".${extras}"
  touch "$stamp"
fi

# Node packages: Decap CMS, decap-server and yaml always (the site's /beheer/ and local editing need
# them, also under scripts/serve.sh); the test tools (devDependencies) only with "test". No install
# scripts: puppeteer's would download its own Chrome and vnu-jar's a Java runtime; the tests use
# Debian's Chromium and Java instead, and the CMS packages need none.
node_kind=prod; [ "$want_tests" = test ] && node_kind=test
node_stamp="node_modules/.pb-installed-$(cat package.json package-lock.json | sha1sum | cut -c1-12)"
if [ ! -f "$node_stamp-$node_kind" ] && [ ! -f "$node_stamp-test" ]; then
  if [ "$node_kind" = test ]; then
    echo "==> npm-pakketten installeren (Decap CMS, decap-server, yaml en de testhulpmiddelen: axe-core, html-validate, pa11y, Lighthouse, vnu-jar)"
    PUPPETEER_SKIP_DOWNLOAD=1 npm ci --silent --no-audit --no-fund --ignore-scripts
  else
    echo "==> npm-pakketten installeren (Decap CMS, decap-server, yaml)"
    npm ci --silent --no-audit --no-fund --omit=dev --ignore-scripts
  fi
  touch "$node_stamp-$node_kind"
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
  # LibreOffice Calc without its windows, and its Python bridge for the system python3: with it the tests re-save
  # the exports in it and type into them afresh (tests/calc_fixtures.py); without it they read the workbooks it
  # saved, committed in tests/fixtures/calc/. About 200 MB and up to 5 minutes on a cold machine, so only when
  # asked: PRODUCTENBOEK_LIBREOFFICE=1 (the GitHub CI build lane asks; the whole suite's 15-minute budget can't).
  if [ "${PRODUCTENBOEK_LIBREOFFICE:-}" = 1 ] && { ! command -v soffice >/dev/null 2>&1 || ! /usr/bin/python3 -c "import uno" >/dev/null 2>&1; }; then
    echo "==> LibreOffice Calc installeren (Debian-pakketten libreoffice-calc-nogui en python3-uno)"
    apt_install libreoffice-calc-nogui python3-uno
  fi
fi
