#!/usr/bin/env bash
# The main job on the embedded data: data/raw -> data/processed (observations, parse report).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/sonanalys parse data/raw --out data/processed "$@"
