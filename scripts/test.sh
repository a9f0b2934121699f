#!/usr/bin/env bash
# Everything CI checks: install, lint, format check, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check lib tests benchmarks
.venv/bin/ruff format --check lib tests benchmarks
.venv/bin/python -m pytest "$@"
