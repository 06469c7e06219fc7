#!/usr/bin/env bash
# The whole check, as CI runs it: install what the tests need, then lint, types and tests.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
# graphviz: the `dot` binary for diagram output; fonts-dejavu-core: Latin and Cyrillic glyphs;
# chromium and chromium-driver: the browser tests of the HTML map.
ensure_debs graphviz fonts-dejavu-core chromium chromium-driver
ensure_venv dev
# Mermaid's own CLI checks the Mermaid export (tools/mermaid, pinned by its package-lock.json);
# it runs in Debian's Chromium, so puppeteer must not download a browser of its own.
command -v npm >/dev/null || ensure_debs nodejs npm
stamp=tools/mermaid/node_modules/.installed-from-lock
if command -v npm >/dev/null && ! cmp -s tools/mermaid/package-lock.json "$stamp"; then
  echo "== npm ci (tools/mermaid)"
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix tools/mermaid --no-audit --no-fund --loglevel=error >/dev/null
  cp tools/mermaid/package-lock.json "$stamp"
fi
export NO_COLOR=1 COLUMNS=100
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy --strict"
.venv/bin/mypy
echo "== pytest"
.venv/bin/pytest -q "$@"
