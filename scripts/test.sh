#!/usr/bin/env bash
# The whole check, as CI runs it: install what the tests need, then lint, types and tests.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
# graphviz: the `dot` binary for diagram output; fonts-dejavu-core: Latin and Cyrillic glyphs;
# chromium and chromium-driver: the browser tests of the HTML map.
ensure_debs graphviz fonts-dejavu-core chromium chromium-driver
ensure_venv dev
export NO_COLOR=1 COLUMNS=100
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy --strict"
.venv/bin/mypy
echo "== pytest"
.venv/bin/pytest -q "$@"
