#!/usr/bin/env bash
# Install cjmctl into .venv, check the bundled example journeys and render them as HTML maps.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
ensure_venv
echo "== cjmctl validate examples/*.yaml"
.venv/bin/cjmctl validate examples/*.yaml
echo "== cjmctl render examples/*.yaml"
.venv/bin/cjmctl render examples/*.yaml
echo "Open examples/furniture-store.html in a browser."
