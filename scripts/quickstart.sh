#!/usr/bin/env bash
# Install cjmctl into .venv and check the bundled example journeys.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
ensure_venv
echo "== cjmctl validate examples/*.yaml"
.venv/bin/cjmctl validate examples/*.yaml
