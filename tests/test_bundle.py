"""The Windows build: the bundle builds and works (slow), and the installer and the program agree on folders (fast).

The slow test runs ``scripts/build_bundle.sh`` - the one command that builds ``dist/kstthc`` with PyInstaller,
runs the smoke checks inside it (``--version``, ``deadline``, report, ``--demo --smoke-test``; nothing
written into the bundle), fails over 170 MB, and compiles the NSIS installer when makensis is installed.
Set KSTTHC_BUILD_BUNDLE=0 to skip it in a quick run.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kstthc_desktop import __version__, paths

ROOT = Path(__file__).resolve().parent.parent
NSI = ROOT / "installer" / "kstthc.nsi"


def _nsis_defines() -> dict[str, str]:
    text = NSI.read_text(encoding="utf-8-sig")
    return dict(re.findall(r'^!define (\w+) "([^"]*)"', text, flags=re.M))


def _expand(value: str, defines: dict[str, str]) -> str:
    for _ in range(5):
        value = re.sub(r"\$\{(\w+)\}", lambda m: defines.get(m.group(1), m.group(0)), value)
    return value


def test_installer_keeps_away_from_the_folder_where_the_program_keeps_its_data(monkeypatch):
    """Upgrade and uninstall never touch the data folder: it must be where platformdirs puts it on Windows."""
    import platformdirs.windows as windows

    local = r"C:\Users\canbo\AppData\Local"
    monkeypatch.setattr(windows, "get_win_folder", lambda csidl: {"CSIDL_LOCAL_APPDATA": local}[csidl])
    expected = windows.Windows(paths.APP_NAME, paths.APP_AUTHOR, roaming=False).user_data_dir.replace("/", "\\")
    logs = windows.Windows(paths.APP_NAME, paths.APP_AUTHOR, roaming=False).user_log_dir.replace("/", "\\")

    defines = _nsis_defines()
    data_dir = _expand(defines["DATA_DIR"], defines).replace("$LOCALAPPDATA", local)
    install_dir = _expand(re.search(r'^InstallDir "([^"]*)"', NSI.read_text(encoding="utf-8-sig"), re.M).group(1),
                          defines).replace("$LOCALAPPDATA", local)
    assert data_dir == expected
    assert logs.startswith(data_dir + "\\")  # the log folder goes with the data
    assert not install_dir.lower().startswith(data_dir.lower()) and not data_dir.lower().startswith(install_dir.lower())
    assert install_dir == local + r"\Programs\KSTTHC Desktop"


def test_version_file_carries_the_package_version():
    version_info = _version_info()
    text = version_info.version_text(__version__)
    numbers = version_info.version_tuple(__version__)
    assert len(numbers) == 4 and __version__.startswith(".".join(map(str, numbers[:3])))
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
    assert "StringStruct('OriginalFilename', 'kstthc.exe')" in text
    assert version_info.version_tuple("1.2.3rc1") == (1, 2, 3, 0)


def _version_info():
    sys.path.insert(0, str(ROOT / "installer"))
    try:
        import version_info
    finally:
        sys.path.remove(str(ROOT / "installer"))
    return version_info


def test_versions_sort_for_the_downgrade_check_as_they_do_for_pip():
    """The installer refuses to go over a newer version: a release candidate is older than its release."""
    order = _version_info().version_order
    chain = ["0.1.0", "0.2.0.dev1", "0.2.0a1", "0.2.0b2", "0.2.0rc1", "0.2.0rc2", "0.2.0", "0.2.0.post1", "0.10.0"]
    assert [order(v) for v in chain] == sorted(order(v) for v in chain)
    assert _version_info().version_tuple("2.0b2") == (2, 0, 0, 0)


def test_the_welcome_page_of_the_installed_program_names_the_installer_s_demo_shortcut(monkeypatch):
    assert _nsis_defines()["DEMO_SHORTCUT"] == paths.DEMO_SHORTCUT
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert f"«{paths.DEMO_SHORTCUT}» trong menu Start" in paths.how_to_open_the_demo()
    assert "--demo" not in paths.how_to_open_the_demo()


@pytest.mark.skipif(shutil.which("makensis") is None, reason="needs makensis: apt-get install nsis")
@pytest.mark.parametrize("version", ["0.2.0rc1", "0.3.0.dev2", __version__])
def test_the_installer_compiles_for_release_candidates_and_development_versions(tmp_path, version):
    """A stand-in bundle (any Windows executable) is enough to compile; the real one is the slow test below."""
    stub = next(Path("/usr/share/nsis/Stubs").glob("zlib-*unicode"), None)
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    shutil.copy(stub, bundle / "kstthc.exe") if stub else (bundle / "kstthc.exe").write_bytes(b"MZ")
    setup = tmp_path / "setup.exe"
    done = subprocess.run(["makensis", "-V2", "-DFAST", f"-DBUNDLE_DIR={bundle}", f"-DOUT_FILE={setup}",
                           f"-DVERSION={version}", str(NSI)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert setup.read_bytes()[:2] == b"MZ"
    assert version.encode("utf-16-le") in setup.read_bytes()  # the product version in the file's properties


def _load_entry():
    spec = importlib.util.spec_from_file_location("kstthc_entry", ROOT / "installer" / "kstthc_entry.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


class _FakeKernel32:
    def __init__(self, attached: bool):
        self.attached = attached

    def AttachConsole(self, pid):  # noqa: N802 - Windows API name
        assert pid == -1  # ATTACH_PARENT_PROCESS
        return 1 if self.attached else 0


def test_windowed_exe_started_from_the_start_menu_does_not_fail_on_print(monkeypatch):
    """No parent console: output goes nowhere instead of crashing on a missing stdout."""
    import ctypes

    entry = _load_entry()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(ctypes, "windll", type("W", (), {"kernel32": _FakeKernel32(False)})(), raising=False)
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    entry._attach_parent_console()
    print("KSTTHC Desktop", file=sys.stdout)
    print("Lỗi: thử", file=sys.stderr)
    sys.stdout.close()
    sys.stderr.close()


def test_windowed_exe_keeps_redirected_output(monkeypatch):
    """``kstthc.exe --version > out.txt`` (or a pipe, as in CI): the handles Windows gave are used as they are."""
    entry = _load_entry()
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    entry._attach_parent_console()
    assert sys.stdout is out and sys.stderr is err


def test_windowed_exe_writes_vietnamese_to_a_file_or_pipe(monkeypatch):
    """``kstthc.exe report ... > log.txt``: UTF-8, where the ANSI code page (cp1252) would fail on "Đã lập"."""
    entry = _load_entry()
    raw = io.BytesIO()
    pipe = io.TextIOWrapper(raw, encoding="cp1252")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "stdout", pipe)
    entry._utf8_when_redirected()
    print("Đã lập báo cáo Quý III", file=pipe)
    pipe.flush()
    assert raw.getvalue().decode("utf-8") == "Đã lập báo cáo Quý III\n"


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("KSTTHC_BUILD_BUNDLE", "1") == "0", reason="KSTTHC_BUILD_BUNDLE=0")
def test_bundle_builds_starts_and_fits(tmp_path):
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed: pip install -e '.[build]'")
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is needed for scripts/build_bundle.sh")
    done = subprocess.run([bash, str(ROOT / "scripts" / "build_bundle.sh"), "--fast-installer"], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=1800)
    report = done.stdout[-6000:] + done.stderr[-6000:]
    assert done.returncode == 0, report
    assert f"KSTTHC Desktop {__version__}" in done.stdout
    assert "ran its deferred jobs without an error" in done.stdout, report
    sizes = json.loads((ROOT / "build" / "bundle-size.json").read_text())
    assert sizes["total_bytes"] <= 170 * 1024 * 1024
    if shutil.which("makensis"):
        setup = ROOT / "dist" / f"KSTTHC-Desktop-Setup-{__version__}.exe"
        assert setup.stat().st_size > 10 * 1024 * 1024  # the whole bundle is inside
        assert setup.read_bytes()[:2] == b"MZ"  # a Windows program


@pytest.mark.slow
def test_installer_installs_upgrades_and_uninstalls_under_wine():
    """The real installer, run silently under Wine: install, upgrade in place, uninstall; the data folder stays."""
    wine = next((w for w in ("/usr/lib/wine/wine64", "wine64") if shutil.which(w)), None)
    if wine is None or shutil.which("makensis") is None or shutil.which("bash") is None:
        pytest.skip("needs makensis and 64-bit Wine: apt-get install nsis wine64")
    done = subprocess.run([shutil.which("bash"), str(ROOT / "scripts" / "check_installer_wine.sh")], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=600,
                          env={**os.environ, "WINE": wine})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "data folder kept" in done.stdout


def test_the_windows_workflow_smoke_tests_the_deferred_jobs_and_signs_only_with_a_certificate():
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    assert '"--demo", "--smoke-test"' in workflow and '"--exit-after-start"' not in workflow
    assert "--demo --smoke-test" in (ROOT / "scripts" / "build_bundle.sh").read_text(encoding="utf-8")
    signing_steps = [step for step in workflow.split("- name: ")[1:] if "run: & ./installer/sign.ps1" in step]
    assert len(signing_steps) == 2 and all("if: env.SIGNING == 'true'" in step for step in signing_steps)
    assert "SIGNING: ${{ secrets.WINDOWS_SIGNING_PFX_BASE64 != '' }}" in workflow
