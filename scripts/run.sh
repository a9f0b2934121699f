#!/usr/bin/env bash
# The main job on the embedded data: data/raw -> data/processed (all frames)
# -> every notebook executed with papermill -> HTML reports in reports/ (index.html).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/sonanalys parse data/raw --out data/processed
.venv/bin/sonanalys report --out reports --jobs 2 "$@"
