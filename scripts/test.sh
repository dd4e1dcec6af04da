#!/usr/bin/env bash
# The README's test command: install the package with its test extras, then run the suite
# (unit tests, doctests, gold floors, notebooks; the spark extra so the Spark local-mode test
# runs). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e ".[dev,spark]"
python3 -m pytest "$@"
