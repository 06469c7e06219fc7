# Shared by quickstart.sh and test.sh: what a fresh Debian/Ubuntu machine needs, installed once.
# Source it; it defines functions and changes nothing by itself.

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

# Create .venv (with Debian's python3-venv when the interpreter lacks ensurepip) and install
# this checkout into it with the given extras, e.g. `ensure_venv` or `ensure_venv dev`.
ensure_venv() {
  local python=${PYTHON:-python3} spec="."
  [ -n "${1:-}" ] && spec=".[$1]"
  if [ ! -x .venv/bin/python ]; then
    if ! "$python" -c "import ensurepip, venv" 2>/dev/null; then
      ensure_debs python3-venv
    fi
    "$python" -m venv .venv
  fi
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec" 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -c "import cjmctl" || { echo "installing cjmctl into .venv failed" >&2; return 1; }
}
