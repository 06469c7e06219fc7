#!/usr/bin/env bash
# The whole check, as CI runs it: install what the tests need, then lint, types and tests.
# Python packages come from requirements/dev.lock; with CJMCTL_LATEST=1 (scripts/test-latest.sh)
# from the newest releases that pyproject.toml allows, in .venv-latest.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${CJMCTL_LATEST:-}" ]; then VENV=${VENV:-.venv-latest}; fi
. scripts/bootstrap.sh
# graphviz: the `dot` binary for diagram output; fonts-dejavu-core: Latin and Cyrillic glyphs;
# chromium and chromium-driver: the browser tests of the HTML map; poppler-utils: pdfinfo and
# pdftotext read rendered PDFs back.
ensure_debs graphviz fonts-dejavu-core chromium chromium-driver poppler-utils
if [ -n "${CJMCTL_LATEST:-}" ]; then ensure_venv dev; else ensure_locked_venv; fi
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
"$VENV"/bin/ruff check .
"$VENV"/bin/ruff format --check .
echo "== mypy --strict"
"$VENV"/bin/mypy
echo "== pytest"
"$VENV"/bin/pytest -q "$@"
