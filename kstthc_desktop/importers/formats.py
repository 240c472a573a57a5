"""The file formats a plan can be imported from, named once: the reader that reads each, and what the officer calls it.

A reader class declares its name and the file-name endings it reads (``Reader.name``, ``Reader.suffixes``); this
registry lists the readers and gives each a Vietnamese label. ``extract`` takes its readers from here and the
import dialog's filter is built from here, so a format the importer accepts is never hidden in the dialog (it hid
.xlsm, .docm and .tsv when the filter was written by hand). A new format: write its reader, add it to ``FORMATS``.
"""

from __future__ import annotations

from dataclasses import dataclass

from kstthc_desktop.importers.base import Reader
from kstthc_desktop.importers.docx import DocxReader
from kstthc_desktop.importers.text import TextReader
from kstthc_desktop.importers.xlsx import XlsxReader


@dataclass(frozen=True)
class ImportFormat:
    """One importable format: its reader class and its name as the file dialog shows it."""

    reader: type[Reader]
    label: str

    @property
    def name(self) -> str:
        return self.reader.name

    @property
    def suffixes(self) -> tuple[str, ...]:
        return self.reader.suffixes

    def new_reader(self) -> Reader:
        """A fresh reader (a reader collects notes about one file)."""
        return self.reader()


#: In the order ``extract`` tries them: a file whose name says nothing is tried as text last.
FORMATS: tuple[ImportFormat, ...] = (
    ImportFormat(XlsxReader, "Excel"),
    ImportFormat(DocxReader, "Word"),
    ImportFormat(TextReader, "Văn bản"),
)

#: What the dialog calls every plan file at once, and any file at all.
ALL_PLANS_LABEL = "Kế hoạch"
ANY_FILE_LABEL = "Tất cả các tệp"


def import_format(name: str) -> ImportFormat:
    """The format called ``name`` ("xlsx", "docx", "text")."""
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise KeyError(name)


def accepted_suffixes() -> tuple[str, ...]:
    """Every file-name ending the importer reads (lower case, with the dot), in ``FORMATS`` order."""
    return tuple(suffix for fmt in FORMATS for suffix in fmt.suffixes)


def file_dialog_filter() -> str:
    """The open dialog's filter: every plan file first, then one entry per format, then any file."""

    def entry(label: str, suffixes: tuple[str, ...]) -> str:
        return f"{label} ({' '.join('*' + s for s in suffixes)})"

    entries = [entry(ALL_PLANS_LABEL, accepted_suffixes())]
    entries += [entry(fmt.label, fmt.suffixes) for fmt in FORMATS]
    entries.append(f"{ANY_FILE_LABEL} (*)")
    return ";;".join(entries)
