#!/usr/bin/env bash
# Run the NSIS installer for real under Wine on Linux: install, upgrade over an older version in a folder the user
# chose, refuse a downgrade, refuse to uninstall while the program runs, uninstall - silently - and check files,
# shortcuts (the demo's too), the HKCU uninstall entry and that the user's data folder is never touched. The Windows workflow does the same on a real Windows runner; this is for checking here.
#
#   scripts/check_installer_wine.sh [BUNDLE_DIR]     # default: a small stand-in bundle
#
# Needs makensis and 64-bit Wine (apt-get install nsis wine64); the installer is compiled with -DAMD64 because a
# 64-bit-only Wine cannot run the default 32-bit installer (same script otherwise). Uses a throw-away Wine prefix.
set -euo pipefail
cd "$(dirname "$0")/.."
WINE=${WINE:-}
if [ -z "$WINE" ]; then
  for w in /usr/lib/wine/wine64 wine64 wine; do command -v "$w" >/dev/null 2>&1 && { WINE=$w; break; }; done
fi
[ -n "$WINE" ] || { echo "Wine not found (apt-get install wine64)" >&2; exit 2; }
WINESERVER=$(command -v wineserver || echo "$(dirname "$(command -v "$WINE")")/wineserver")

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kstthc-wine.XXXXXX")
trap 'WINEPREFIX="$WORK/prefix" "$WINESERVER" -k 2>/dev/null || true; rm -rf "$WORK"' EXIT
export WINEPREFIX="$WORK/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
fail() { echo "INSTALLER CHECK FAILED: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

# The program's stand-in: a Windows executable that, when started, says so (a file in %APPDATA%) and keeps running
# until told to stop (another file), so that the uninstaller meets a running program.
cat > "$WORK/running.nsi" <<'NSI'
Unicode true
Target amd64-unicode
SilentInstall silent
RequestExecutionLevel user
Section
  FileOpen $0 "$APPDATA\kstthc-running.txt" w
  FileClose $0
  loop:
  IfFileExists "$APPDATA\kstthc-stop.txt" done
  Sleep 100
  Goto loop
  done:
  Delete "$APPDATA\kstthc-running.txt"
SectionEnd
NSI
makensis -V1 "-XOutFile $WORK/running.exe" "$WORK/running.nsi" || fail "makensis (stand-in)"

# Two versions of a bundle: the old one has a file the new one no longer ships.
make_bundle() {  # dir version
  mkdir -p "$1/_internal"
  if [ -n "${SOURCE_BUNDLE:-}" ]; then cp -r "$SOURCE_BUNDLE"/. "$1"/; fi
  cp "$WORK/running.exe" "$1/kstthc.exe"
  echo "$2" > "$1/_internal/version.txt"
}
SOURCE_BUNDLE=${1:-}
make_bundle "$WORK/old" 0.0.9
echo "only in the old version" > "$WORK/old/_internal/old-only.txt"
NEW=0.2.0rc1  # a release candidate: the installer takes PEP 440 versions (installer/version_info.py)
make_bundle "$WORK/new" "$NEW"
for v in old new; do
  version=$([ $v = old ] && echo 0.0.9 || echo "$NEW")
  makensis -V1 -DAMD64 -DFAST -DBUNDLE_DIR="$WORK/$v" -DOUT_FILE="$WORK/setup-$v.exe" -DVERSION="$version" \
    installer/kstthc.nsi || fail "makensis ($v)"
done
ok "compiled the old (0.0.9) and new ($NEW) installers"

"$WINE" wineboot --init >/dev/null 2>&1 || true
USERDIR="$WINEPREFIX/drive_c/users/$(whoami)"
for d in Desktop Documents; do [ -L "$USERDIR/$d" ] && rm "$USERDIR/$d" && mkdir "$USERDIR/$d"; done  # keep $HOME clean
LOCAL="$USERDIR/AppData/Local"
DATA="$LOCAL/KSTTHC/KSTTHC Desktop"
MENU="$USERDIR/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/KSTTHC Desktop.lnk"
DEMO="$USERDIR/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/KSTTHC Desktop – dữ liệu mẫu.lnk"
DESK="$USERDIR/Desktop/KSTTHC Desktop.lnk"
KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\KSTTHC Desktop'
reg_value() { "$WINE" reg query "$KEY" /v "$1" 2>/dev/null | tr -d '\r' | awk -v n="$1" '$1 == n { $1 = ""; $2 = ""; sub(/^ +/, ""); print }'; }

# 1. A first install into a folder the user chose (/D=), the user's data beside it.
# NSIS wants /D= last and unquoted, spaces and all: two arguments make Wine join them without quotes.
"$WINE" "$WORK/setup-old.exe" /S "/D=C:\\Chuong" "trinh\\KSTTHC" || fail "old install exited $?"
CHOSEN="$WINEPREFIX/drive_c/Chuong trinh/KSTTHC"
[ -f "$CHOSEN/kstthc.exe" ] && [ -f "$CHOSEN/uninstall.exe" ] || fail "old version not installed in the chosen folder"
[ -f "$MENU" ] && [ -f "$DESK" ] && [ -f "$DEMO" ] || fail "shortcuts missing after install"
[ "$(reg_value DisplayVersion)" = "0.0.9" ] || fail "registered version is '$(reg_value DisplayVersion)'"
tr -d '\0' < "$DEMO" | grep -a -q -- "--demo" || fail "the demo shortcut does not start the program with --demo"
ok "0.0.9 installed in C:\\Chuong trinh\\KSTTHC with Start menu (program and demo) and desktop shortcuts, registered under HKCU"
mkdir -p "$DATA/Logs" && echo "ke hoach" > "$DATA/kstthc.sqlite3" && echo "log" > "$DATA/Logs/kstthc.log"

# 2. The upgrade goes into the same folder, removes the old program files, keeps the data.
"$WINE" "$WORK/setup-new.exe" /S || fail "upgrade exited $?"
[ "$(cat "$CHOSEN/_internal/version.txt")" = "$NEW" ] || fail "upgrade did not replace the program in the chosen folder"
[ ! -e "$CHOSEN/_internal/old-only.txt" ] || fail "old program files left after the upgrade"
[ ! -e "$LOCAL/Programs/KSTTHC Desktop/kstthc.exe" ] || fail "upgrade installed a second copy in the default folder"
[ "$(reg_value DisplayVersion)" = "$NEW" ] || fail "registered version after upgrade is '$(reg_value DisplayVersion)'"
[ "$(cat "$DATA/kstthc.sqlite3")" = "ke hoach" ] && [ -f "$DATA/Logs/kstthc.log" ] || fail "upgrade touched the data"
ok "$NEW installed over 0.0.9 in place: old files gone, registry updated, data kept"

# 2b. The older installer run again (silently) refuses to go over the newer version: nothing changes.
status=0; "$WINE" "$WORK/setup-old.exe" /S || status=$?
[ "$status" != 0 ] || fail "the older installer installed over $NEW"
[ "$(cat "$CHOSEN/_internal/version.txt")" = "$NEW" ] && [ "$(reg_value DisplayVersion)" = "$NEW" ] \
  || fail "the refused downgrade changed the installed program"
ok "0.0.9 refused over $NEW (exit $status), nothing changed"

# 3a. While the program runs, the uninstaller removes nothing. (Run in place with _?=, which NSIS wants last and
# unquoted, so that its exit status is its own: otherwise it copies itself to %TEMP% and returns at once.)
TEMPDIR="$USERDIR/AppData/Roaming"  # %APPDATA%: where the stand-in says it runs
rm -f "$TEMPDIR/kstthc-stop.txt"
"$WINE" "$CHOSEN/kstthc.exe" & program=$!
for _ in $(seq 300); do [ -e "$TEMPDIR/kstthc-running.txt" ] && break; sleep 0.1; done
[ -e "$TEMPDIR/kstthc-running.txt" ] || fail "the stand-in program did not start"
status=0; "$WINE" "$CHOSEN/uninstall.exe" /S "_?=C:\\Chuong" "trinh\\KSTTHC" || status=$?
touch "$TEMPDIR/kstthc-stop.txt"
wait "$program" || true
[ "$status" != 0 ] || fail "the uninstaller went on while the program was running"
[ -f "$CHOSEN/kstthc.exe" ] && [ -d "$CHOSEN/_internal" ] && [ -f "$MENU" ] && [ -f "$DEMO" ] \
  && [ -n "$(reg_value DisplayName)" ] || fail "the uninstaller removed things while the program was running"
ok "uninstall refused while the program runs (exit $status): files, shortcuts and registry entry untouched"

# 3. A silent uninstall removes the program, shortcuts and registry entry, and keeps the data.
"$WINE" "$CHOSEN/uninstall.exe" /S || fail "uninstall exited $?"
for _ in $(seq 60); do [ -e "$CHOSEN/kstthc.exe" ] || [ -n "$(reg_value DisplayName)" ] || break; sleep 1; done
"$WINESERVER" -w 2>/dev/null || true
[ ! -e "$CHOSEN" ] || fail "program folder left: $(ls -A "$CHOSEN")"
[ ! -e "$MENU" ] && [ ! -e "$DESK" ] && [ ! -e "$DEMO" ] || fail "shortcuts left after uninstall"
[ -z "$(reg_value DisplayName)" ] || fail "uninstall entry left in the registry"
[ "$(cat "$DATA/kstthc.sqlite3")" = "ke hoach" ] || fail "uninstall removed the data without being asked"
ok "uninstalled: program folder, shortcuts and registry entry gone; data folder kept"

# 4. The program folder shared with someone else's file: the uninstaller leaves that file (and the folder).
"$WINE" "$WORK/setup-new.exe" /S || fail "reinstall exited $?"
DEFAULT="$LOCAL/Programs/KSTTHC Desktop"
[ -f "$DEFAULT/kstthc.exe" ] || fail "reinstall did not go to %LOCALAPPDATA%\\Programs\\KSTTHC Desktop"
echo "not ours" > "$DEFAULT/ghi-chu.txt"
"$WINE" "$DEFAULT/uninstall.exe" /S || fail "uninstall exited $?"
for _ in $(seq 60); do [ -e "$DEFAULT/kstthc.exe" ] || break; sleep 1; done
"$WINESERVER" -w 2>/dev/null || true
[ -f "$DEFAULT/ghi-chu.txt" ] && [ ! -e "$DEFAULT/_internal" ] || fail "uninstall removed a file it did not install"
ok "default folder %LOCALAPPDATA%\\Programs\\KSTTHC Desktop; uninstall leaves files it did not install"
echo "installer checks passed under $("$WINE" --version)"
