#!/usr/bin/env bash
# Set up and run the test suite: data validation first, then pytest on three workers (two cores: much of a
# browser test is waiting: the whole suite took 12:03, 11:31, 11:35, 11:04, 10:21 and 10:59 on three workers, quiet, longest work first).
#   scripts/test.sh                 everything (what .ci/run and CI run)
#   scripts/test.sh -m fast         the fast lane: no site build, no browser (the loop while working)
#   scripts/test.sh -m "build and not browser and not engines" | -m "browser and not engines" | -m engines
#   scripts/test.sh --store-durations   everything, and each test's time into tests/durations.json (the order of runs)
# Arguments go to pytest unchanged; three xdist workers unless you pass -n (or PYTEST_WORKERS=N; 0 = none).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh test
export NO_MKDOCS_2_WARNING=1
.venv/bin/productenboek-validate
# --dist loadgroup keeps the tests of a shared build on one worker; --no-loadscope-reorder keeps the collection's
# order, which tests/conftest.py makes longest first (from tests/durations.json).
dist=(--dist loadgroup --no-loadscope-reorder)
parallel=(-n "${PYTEST_WORKERS:-3}" "${dist[@]}")
for arg in "$@"; do
  case "$arg" in
    -n|-n[0-9]*|--numprocesses*) parallel=("${dist[@]}") ;;  # your number of workers, the same distribution
    no:xdist) parallel=() ;;
  esac
done
[ "${PYTEST_WORKERS:-3}" = 0 ] && parallel=()
exec .venv/bin/python -m pytest "${parallel[@]}" "$@"
