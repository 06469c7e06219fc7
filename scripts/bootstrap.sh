# Shared by quickstart.sh and test.sh: what a fresh Debian/Ubuntu machine needs, installed once.
# Source it; it defines functions and changes nothing by itself. $VENV names the environment.
VENV=${VENV:-.venv}

# Install Debian packages that are missing, when we may (root with apt-get); else say what to do.
ensure_debs() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "== apt-get install ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "== missing system packages: ${missing[*]} (install them with: sudo apt-get install ${missing[*]})" >&2
  fi
}

# pip install into $VENV, quietly; on failure show what pip said and fail.
_pip() {
  local out status=0
  out=$("$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$@" 2>&1) || status=$?
  printf '%s\n' "$out" | grep -v -e "^WARNING: Location" -e '^$' >&2 || true
  return "$status"
}

# Create $VENV (default .venv; with Debian's python3-venv when the interpreter lacks ensurepip).
_new_venv() {
  local python=${PYTHON:-python3}
  [ -x "$VENV/bin/python" ] && return 0
  if ! "$python" -c "import ensurepip, venv" 2>/dev/null; then
    ensure_debs python3-venv
  fi
  "$python" -m venv "$VENV"
}

# Install this checkout into $VENV with the given extras and the newest releases its ranges in
# pyproject.toml allow, e.g. `ensure_venv` (a user's install) or `ensure_venv dev`.
ensure_venv() {
  local spec="."
  [ -n "${1:-}" ] && spec=".[$1]"
  _new_venv
  rm -f "$VENV/.installed-from-lock"  # no longer the lock's versions
  _pip --upgrade pip
  _pip --upgrade --upgrade-strategy eager -e "$spec"
  "$VENV/bin/python" -c "import cjmctl" || { echo "installing cjmctl into $VENV failed" >&2; return 1; }
}

# Install exactly what requirements/dev.lock pins (hashes checked), then this checkout without
# dependencies or build isolation: the test environment cannot drift. Done again only when the
# lock or pyproject.toml changed since the last install into $VENV.
ensure_locked_venv() {
  local stamp="$VENV/.installed-from-lock"
  _new_venv
  if ! cat requirements/dev.lock pyproject.toml | cmp -s - "$stamp"; then
    echo "== pip install -r requirements/dev.lock ($VENV)"
    _pip --require-hashes --no-deps -r requirements/dev.lock
    _pip --no-deps --no-build-isolation -e .
    cat requirements/dev.lock pyproject.toml > "$stamp"
  fi
  "$VENV/bin/python" -c "import cjmctl" || { echo "installing cjmctl into $VENV failed" >&2; return 1; }
}
