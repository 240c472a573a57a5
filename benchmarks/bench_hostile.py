"""Hostile files: how long each import takes, and its peak memory, against issue 13's goal (≤ 2 s, ≤ 500 MB).

The files are those of tests/test_import_hostile.py (built small on disk). Before the bounds in
``kstthc_desktop/importers/safety.py`` the same cases took: a Word span of 200,000,000 columns 55 s and 4 GB; an
Excel merge of 8 million cells 87 s and 3.2 GB; 100,000 text rows 15 minutes; 20,000 unclosed HTML tables 29 s.
In-process rows time ``extract`` (or the paste); the figures rows run each case in a fresh process and report
its peak resident memory (the interpreter and libraries included: 20 to 40 MB of it).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_TMP: list[Path] = []


def tmp() -> Path:
    if not _TMP:
        _TMP.append(Path(tempfile.mkdtemp(prefix="bench-hostile-")))
    return _TMP[0]


def _tests():
    if str(ROOT / "tests") not in sys.path:
        sys.path.insert(0, str(ROOT / "tests"))
    import test_import_hostile

    return test_import_hostile


def word_span() -> Path:
    t = _tests()
    return t.word_file(tmp() / "span.docx", lambda xml: t.first_cell_property(xml, '<w:gridSpan w:val="200000000"/>'))


def word_grid_before() -> Path:
    t = _tests()
    before = r'\1<w:trPr><w:gridBefore w:val="200000000"/></w:trPr>'
    return t.word_file(tmp() / "before.docx", lambda xml: re.sub(r"(<w:tr\b[^>]*>)", before, xml, count=1))


def excel_merge() -> Path:
    t = _tests()
    return t.excel_file(tmp() / "merge.xlsx", lambda xml: xml.replace('ref="E5:L6"', 'ref="E5:L1000000"'),
                        merge="E5:L6")


def text_rows() -> Path:
    t = _tests()
    path = tmp() / "rows.txt"
    lines = ["\t".join(t.HEADER)] + [f"{i}\tRà soát thủ tục {i}\tSở Tư pháp\tQuý II/2024" for i in range(1, 100_001)]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def text_html_tables() -> Path:
    t = _tests()
    path = tmp() / "tables.txt"
    path.write_text("\t".join(t.HEADER) + "\n" + "\t".join(t.ROWS[0]) + "\n<table><tr><td>x</td></tr>"
                    + "<table>" * 20_000, encoding="utf-8")
    return path


def big_cell() -> Path:
    t = _tests()
    path = tmp() / "cell.txt"
    path.write_text("\t".join(t.HEADER) + "\n1\t" + "Rà soát thủ tục hành chính. " * 40_000 + "\tSở Tư pháp\tQuý II/2024\n",
                    encoding="utf-8")
    return path


def long_cells() -> Path:
    t = _tests()
    path = tmp() / "long-cells.txt"
    lines = ["\t".join(t.HEADER)] + [f"{i}\t" + f"Rà soát thủ tục số {i} " * 220 + "\tSở\tQuý I/2024" for i in range(1, 5001)]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


FILES = {
    "Word gridSpan 200,000,000": word_span,
    "Word gridBefore 200,000,000": word_grid_before,
    "Excel merge of 8 million cells": excel_merge,
    "text of 100,000 rows": text_rows,
    "text with 20,000 unclosed <table>": text_html_tables,
    "one cell of 1.1 million characters": big_cell,
    "5,000 rows of 5,000-character cells (35 MB)": long_cells,
}


def _extract(path: Path):
    def run():
        from kstthc_desktop.errors import UserError
        from kstthc_desktop.importers import extract

        try:
            extract(path)
        except UserError:
            pass
    return run


def _setup(make):
    return lambda quick: _extract(make())


BENCHMARKS = {f"import {name}": _setup(make) for name, make in FILES.items()}

_PEAK = """
import resource, sys
from kstthc_desktop.errors import UserError
from kstthc_desktop.importers import extract
try:
    extract(sys.argv[1])
except UserError:
    pass
try:  # this process's own high-water mark (ru_maxrss keeps the parent's peak across exec on Linux)
    status = open("/proc/self/status").read()
    print(int(status.split("VmHWM:")[1].split()[0]) / 1024)
except (OSError, IndexError):
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def figures(repeats: int = 3) -> list[dict]:
    """Peak memory of each case in a process of its own (MB)."""
    from run import row  # the runner's, beside this file

    rows = []
    for name, make in FILES.items():
        path = make()
        peaks = []
        for _ in range(repeats):
            done = subprocess.run([sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True, cwd=ROOT,
                                  check=True)
            peaks.append(float(done.stdout.split()[-1]))
        rows.append(row(f"peak memory, import {name} (goal ≤ 500 MB)", peaks, unit="MB"))
    return rows


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    from run import figures_main

    raise SystemExit(figures_main(figures, __doc__.splitlines()[0]))
