#!/usr/bin/env bash
# Install cjmctl into .venv, check the bundled example project and render its maps and its site.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
ensure_debs graphviz   # `dot` draws the site's flow diagrams
ensure_venv
echo "== cjmctl validate examples/"
.venv/bin/cjmctl validate examples/
echo "== cjmctl render examples/"
.venv/bin/cjmctl render examples/
echo "== cjmctl site examples/ -o examples/site/"
.venv/bin/cjmctl site examples/ -o examples/site/
echo "Open examples/furniture-store.html, or the whole project: examples/site/index.html."
