"""The Word report laid out by LibreOffice (headless), for the report dialog's preview of the .docx.

The preview must show the Word file as an office program lays it out, not the PDF writer's pages: LibreOffice
is the free program officers have beside Word (Windows: "C:\\Program Files\\LibreOffice"). Without it the dialog
says so and shows the PDF, which has the same words. Each conversion uses its own LibreOffice profile, so an
office window the officer has open neither blocks it nor receives it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from kstthc_desktop.errors import UserError

#: Seconds a conversion may take (the first start of LibreOffice builds its profile).
TIMEOUT = 120


def find_office() -> str | None:
    """The LibreOffice program (soffice), or None."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for root in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
        if root:
            candidate = Path(root) / "LibreOffice" / "program" / "soffice.exe"
            if candidate.exists():
                return str(candidate)
    return None


def docx_to_pdf(docx: Path | str, out_dir: Path | str) -> Path:
    """Convert ``docx`` to a PDF in ``out_dir`` (created) and return its path."""
    office = find_office()
    if office is None:
        raise UserError("Chưa cài LibreOffice nên không chuyển được bản Word sang PDF để xem trước.")
    docx, out_dir = Path(docx), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = (out_dir / ".lo-profile").resolve().as_uri()
    try:
        subprocess.run([office, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
                        "--outdir", str(out_dir), str(docx)], capture_output=True, timeout=TIMEOUT, check=True)
    except (OSError, subprocess.SubprocessError) as exc:
        raise UserError("LibreOffice không chuyển được bản Word sang PDF để xem trước.", detail=str(exc)) from exc
    pdf = out_dir / (docx.stem + ".pdf")
    if not pdf.exists():
        raise UserError("LibreOffice không chuyển được bản Word sang PDF để xem trước.")
    return pdf
