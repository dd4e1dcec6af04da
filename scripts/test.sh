#!/usr/bin/env bash
# The README's test command: install the package with its test extras (and the spark extra so
# the Spark local-mode test runs), print a short benchmark (ratios to jieba in the log, as users'
# CI would), then run the suite: unit tests, doctests, the gold-floor gate, notebooks.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
# The report's headless-browser test needs Chromium and a CJK font (else it is skipped, saying
# so): install them where we may, before matplotlib first builds its font cache
if ! command -v chromium >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; } \
    >/dev/null 2>&1 || echo "test.sh: could not install chromium; the browser test will skip" >&2
fi
python3 -m pip install --quiet --disable-pip-version-check -e ".[dev,spark]"
# 1 MB: on 0.3 MB (each text once) first-pass costs (new words entering spaCy's vocabulary,
# the fold models loaded for the seeds) cost the ratios 10-15%; a batch amortises them
policy-extract bench --size-mb 1
python3 -m pytest "$@"
