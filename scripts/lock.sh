#!/usr/bin/env bash
# Refresh requirements/dev.lock: exact versions with hashes of everything the tests install.
# Run it deliberately (then run the tests and commit the lock on its own); see README, Development.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
[ -x .venv/bin/python ] || ensure_venv dev
[ -x .venv/bin/uv ] || .venv/bin/python -m pip install --quiet --disable-pip-version-check uv
.venv/bin/uv pip compile pyproject.toml requirements/build.in --extra dev --universal \
  --python-version 3.11 --generate-hashes --upgrade --quiet \
  --custom-compile-command "bash scripts/lock.sh" -o requirements/dev.lock "$@"
echo "requirements/dev.lock: $(grep -c '^[a-zA-Z0-9].*==' requirements/dev.lock) packages"
