#!/usr/bin/env bash
# The README's set-up command: install the package and run the main job on the seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e ".[dev]"
mkdir -p out
policy-extract extract seeds/*.txt --out out/
policy-extract evaluate --gold corpora/gold
