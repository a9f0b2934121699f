#!/usr/bin/env bash
# Create .venv (if missing) and install sonanalys with what parse and report need (its
# runtime dependencies, at the versions in constraints.txt): a user's install. The test,
# lint and type tools ([dev]) are test.sh's. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
# a .venv whose Python is gone (uninstalled, or replaced by another version) is made again
if [ -e .venv ] && ! .venv/bin/python -c "pass" >/dev/null 2>&1; then
  rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e . -c constraints.txt
