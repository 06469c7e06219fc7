#!/usr/bin/env bash
# The whole check against the newest releases of every Python dependency (in .venv-latest), so
# that an upgrade of the lock is a decision, never a surprise. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
CJMCTL_LATEST=1 exec bash scripts/test.sh "$@"
