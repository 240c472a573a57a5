"""Bad files: one clear Vietnamese line, a non-zero exit within seconds, bounded memory, the database unchanged."""

from __future__ import annotations

import os
import random
import resource
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import PLANS

ROOT = Path(__file__).resolve().parents[1]
BADFILES = Path(__file__).parent / "fixtures" / "badfiles"
MEMORY_LIMIT = 1536 * 1024 * 1024  # address space for the whole process: a bomb would need far more


def make_bomb(path: Path, megabytes: int = 400) -> None:
    """A workbook whose one sheet inflates to ``megabytes`` MB of zeros (a few hundred kB on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        chunk = b"0" * (1024 * 1024)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)


def make_no_table(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Danh sách cán bộ đầu mối"
    ws.append(["Họ và tên", "Chức vụ", "Điện thoại"])
    ws.append(["Nguyễn Văn A", "Chuyên viên", "0909 000 000"])
    wb.save(path)


BAD = {
    "empty": ("ke-hoach.docx", lambda p: p.write_bytes(b""), "rỗng"),
    "random-bytes": ("ke-hoach.xlsx", lambda p: p.write_bytes(random.Random(1).randbytes(20000)), "bị hỏng"),
    "random-text": ("ke-hoach.txt", lambda p: p.write_bytes(random.Random(2).randbytes(5000)), "không phải văn bản"),
    "truncated": ("ke-hoach.docx",
                  lambda p: p.write_bytes((PLANS / "soc-trang-2022.docx").read_bytes()[:15000]), "cắt cụt"),
    "doc-renamed": ("ke-hoach.docx", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000),
                    "định dạng cũ"),
    # Office "Encrypt with password": an OLE file like .doc, but saving as .docx would not help
    "password-docx": ("ke-hoach.docx", lambda p: p.write_bytes((BADFILES / "password-protected.docx").read_bytes()),
                      "được đặt mật khẩu"),
    "password-xlsx": ("ke-hoach.xlsx", lambda p: p.write_bytes((BADFILES / "password-protected.xlsx").read_bytes()),
                      "gỡ mật khẩu"),
    "xls": ("ke-hoach.xls", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000), ".xlsx"),
    "pdf": ("ke-hoach.pdf", lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"), "PDF"),
    "no-plan-table": ("danh-sach.xlsx", make_no_table, "Không tìm thấy bảng kế hoạch"),
    "zip-bomb": ("ke-hoach.xlsx", make_bomb, "Từ chối mở"),
    "missing": ("khong-co.docx", None, "Không tìm thấy tệp"),
}


def dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A database already holding one plan, to prove a bad import leaves it as it was."""
    from kstthc_desktop.cli import main

    db = tmp_path_factory.mktemp("db") / "kstthc.db"
    assert main(["import", str(PLANS / "dong-nai-so-noi-vu-2022.xlsx"), "--db", str(db)]) == 0
    return db


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_file(tmp_path, database, case):
    name, make, expected = BAD[case]
    path = tmp_path / name
    if make:
        make(path)
    before = dump(database)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "kstthc_desktop", "import", str(path), "--db", str(database)],
                          capture_output=True, text=True, timeout=60, env=env, preexec_fn=_limit_memory)
    elapsed = time.monotonic() - started
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi: "), done.stderr
    assert expected in lines[0]
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert elapsed < 10, f"{case} took {elapsed:.1f} s"
    assert dump(database) == before


def test_empty_paste_and_text_without_table():
    from kstthc_desktop.errors import UserError
    from kstthc_desktop.importers import extract_clipboard, extract_text

    with pytest.raises(UserError, match="trống"):
        extract_text("   \n")
    with pytest.raises(UserError, match="Không tìm thấy bảng kế hoạch"):
        extract_clipboard(None, "Kính gửi các sở, ban, ngành.\nĐề nghị báo cáo.")


def test_ole_directory_names_the_encrypted_package():
    from kstthc_desktop.importers import ole_stream_names

    names = ole_stream_names((BADFILES / "password-protected.docx").read_bytes())
    assert {"EncryptionInfo", "EncryptedPackage"} <= names
    assert ole_stream_names(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(3).randbytes(4000)) == set()
    assert ole_stream_names(b"\xd0\xcf\x11\xe0") == set()
