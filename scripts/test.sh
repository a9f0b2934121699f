#!/usr/bin/env bash
# Everything CI checks: install (the package, its test, lint and type tools: [dev], Debian
# chromium for the browser test), lint, format check, types (mypy), tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m pip install --quiet -e ".[dev]" -c constraints.txt
bash scripts/setup-browser.sh
.venv/bin/ruff check lib tests benchmarks scripts
.venv/bin/ruff format --check lib tests benchmarks scripts
.venv/bin/mypy lib
.venv/bin/python -m pytest "$@"
