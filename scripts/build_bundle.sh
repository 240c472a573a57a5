#!/usr/bin/env bash
# Build the one-folder bundle dist/kstthc with PyInstaller, run the smoke checks on it, print what it weighs
# (fails over 170 MB), and compile the NSIS installer when makensis is there. One command, on Linux and on
# Windows (Git Bash, as the GitHub workflow runs it):
#
#   scripts/build_bundle.sh                  # build + smoke checks + size + installer
#   scripts/build_bundle.sh --no-build       # check an existing dist/kstthc again
#   scripts/build_bundle.sh --no-installer   # skip makensis
#   scripts/build_bundle.sh --fast-installer # zlib instead of lzma: a quicker compile check, bigger file
#
# Needs: pip install -e '.[build]' (PyInstaller); for the installer, NSIS (apt-get install nsis / choco install nsis).
# The smoke checks (--version, deadline, import, report, --demo --smoke-test) run the bundle with its own empty user
# folders (data, logs) and check that nothing is written into the bundle. Output: dist/kstthc/, dist/KSTTHC-Desktop-Setup-<version>.exe, build/bundle-size.json.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

build=1 installer=1 fast=0
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --no-installer) installer=0 ;;
    --fast-installer) fast=1 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

PY=${PYTHON:-}
if [ -z "$PY" ]; then
  if command -v python3 >/dev/null 2>&1 && python3 -c "" >/dev/null 2>&1; then PY=python3; else PY=python; fi
fi
case "$(uname -s)" in
  MINGW*|MSYS*|CYGWIN*) windows=1; EXE="$ROOT/dist/kstthc/kstthc.exe" ;;
  *) windows=0; EXE="$ROOT/dist/kstthc/kstthc" ;;
esac
VERSION=$("$PY" -c "import kstthc_desktop; print(kstthc_desktop.__version__)")
step() { printf '\n== %s\n' "$*"; }
fail() {
  echo "SMOKE CHECK FAILED: $*" >&2
  find "${SMOKE:-/nonexistent}" -name 'kstthc.log' -exec tail -n 30 {} \; 1>&2 2>/dev/null || true
  exit 1
}

# --- build --------------------------------------------------------------------------------------------------------
if [ "$build" = 1 ]; then
  step "PyInstaller build (KSTTHC Desktop $VERSION)"
  start=$(date +%s)
  "$PY" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller build_installer.spec
  echo "built in $(( $(date +%s) - start )) s"
fi
[ -x "$EXE" ] || fail "no executable at $EXE"

# --- smoke checks -------------------------------------------------------------------------------------------------
# A fresh user: own data/log folders (platformdirs reads XDG_* on Linux; on Windows it asks the shell for
# %LOCALAPPDATA%, so there the runner's own profile is used).
SMOKE=$(mktemp -d "${TMPDIR:-/tmp}/kstthc-smoke.XXXXXX")
trap 'rm -rf "$SMOKE"' EXIT
export XDG_DATA_HOME="$SMOKE/data" XDG_STATE_HOME="$SMOKE/state" XDG_CONFIG_HOME="$SMOKE/config" \
       XDG_CACHE_HOME="$SMOKE/cache"
export QT_QPA_PLATFORM=offscreen PYTHONIOENCODING=utf-8
listing() { (cd "$ROOT/dist/kstthc" && find . | LC_ALL=C sort); }
listing > "$SMOKE/before.txt"

step "kstthc --version"
out=$("$EXE" --version) || fail "--version exited $?"
echo "$out"
[ "$out" = "KSTTHC Desktop $VERSION" ] || fail "--version printed '$out', expected 'KSTTHC Desktop $VERSION'"

commands=$("$PY" -c "from kstthc_desktop.commands import COMMANDS; print(' '.join(COMMANDS))")
has() { case " $commands " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

if has deadline; then
  step "kstthc deadline --json \"Quý III\""
  "$EXE" deadline --json "Quý III" > "$SMOKE/deadline.json" || fail "deadline exited $?"
  "$PY" -c "import json,sys; d=json.load(open(sys.argv[1], encoding='utf-8')); print(d)" "$SMOKE/deadline.json" \
    || fail "deadline --json did not print JSON"
fi

PLAN="$ROOT/tests/fixtures/plans/vinh-long-2024"
DB="$SMOKE/plan.sqlite3"
if has import && [ -f "$PLAN.docx" ]; then
  step "kstthc import (Word and Excel plans: python-docx, openpyxl)"
  "$EXE" import "$PLAN.docx" --dry-run --json > "$SMOKE/import-docx.json" || fail "import .docx exited $?"
  "$EXE" import "$PLAN.xlsx" --dry-run --json > "$SMOKE/import-xlsx.json" || fail "import .xlsx exited $?"
  "$EXE" import "$PLAN.docx" --db "$DB" > /dev/null || fail "import into a database exited $?"
  ls -l "$SMOKE"/import-*.json
elif "$PY" -c "import kstthc_desktop.demo" >/dev/null 2>&1; then
  # no import command yet: the demo database (the Vĩnh Long 2024 plan), made from source, serves the report check
  "$PY" -c "import sys, datetime; from kstthc_desktop.demo import build_demo_db; \
build_demo_db(sys.argv[1], datetime.date(2024, 10, 20))" "$DB"
fi
if has report && [ -f "$DB" ]; then
  step "kstthc report (PDF with the bundled fonts: reportlab; Excel: openpyxl)"
  for ext in pdf xlsx; do
    "$EXE" report --db "$DB" --period 2024-Q3 --today 2024-10-20 --out "$SMOKE/report.$ext" \
      || fail "report .$ext exited $?"
  done
  head -c 5 "$SMOKE/report.pdf" | grep -q "%PDF-" || fail "report.pdf is not a PDF"
  ls -l "$SMOKE"/report.*
fi

step "kstthc --demo --smoke-test (offscreen: the window, then every job after its first paint; any error fails)"
"$EXE" --demo --smoke-test || fail "--demo --smoke-test exited $?"
echo "the main window opened on the demo database, ran its deferred jobs without an error and closed"

step "nothing written into the bundle; the log is in the user's folder"
listing > "$SMOKE/after.txt"
if ! diff "$SMOKE/before.txt" "$SMOKE/after.txt"; then fail "the program wrote into its install folder"; fi
if [ "$windows" = 0 ]; then
  log=$(find "$SMOKE/state" -name 'kstthc.log' 2>/dev/null | head -n 1)
  [ -n "$log" ] || fail "no kstthc.log under the user's state folder"
  echo "log: ${log#"$SMOKE"/}"
fi

# --- size ---------------------------------------------------------------------------------------------------------
step "size of dist/kstthc"
"$PY" scripts/bundle_size.py dist/kstthc --limit-mb 170 --json build/bundle-size.json

# --- installer ----------------------------------------------------------------------------------------------------
if [ "$installer" = 1 ]; then
  MAKENSIS=$(command -v makensis || true)
  if [ -z "$MAKENSIS" ] && [ -x "/c/Program Files (x86)/NSIS/makensis.exe" ]; then
    MAKENSIS="/c/Program Files (x86)/NSIS/makensis.exe"
  fi
  if [ -z "$MAKENSIS" ]; then
    step "makensis not found: installer skipped (apt-get install nsis / choco install nsis)"
  else
    step "NSIS installer"
    out_file="$ROOT/dist/KSTTHC-Desktop-Setup-$VERSION.exe"
    bundle_dir="$ROOT/dist/kstthc"
    if [ "$windows" = 1 ]; then out_file=$(cygpath -w "$out_file"); bundle_dir=$(cygpath -w "$bundle_dir"); fi
    # VERSION with the plain numbers Windows wants (0.2.0rc1 -> 0.2.0.0) and the order for the downgrade check
    mapfile -t version_defines < <("$PY" installer/version_info.py --makensis "$VERSION" | tr -d '\r')
    defines=(-DBUNDLE_DIR="$bundle_dir" -DOUT_FILE="$out_file" "${version_defines[@]}")
    [ "$fast" = 1 ] && defines+=(-DFAST)
    start=$(date +%s)
    # MSYS would turn the leading '/' of NSIS options into a path; '-' works with makensis on every platform.
    MSYS2_ARG_CONV_EXCL='*' "$MAKENSIS" -V2 "${defines[@]}" installer/kstthc.nsi
    echo "compiled in $(( $(date +%s) - start )) s: dist/KSTTHC-Desktop-Setup-$VERSION.exe"
    ls -l "dist/KSTTHC-Desktop-Setup-$VERSION.exe"
  fi
fi
step "bundle OK"
