"""The documentation keeps up with the program: every ``kstthc`` subcommand is described, the README stays a
user's page of at most 15,000 characters, and the notes the code cites exist."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from kstthc_desktop.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"


def subcommand_paths(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every subcommand as the words typed after ``kstthc`` (``("import",)``, nested: ``("stats", "import")``)."""
    paths: list[tuple[str, ...]] = []
    for action in parser._actions:  # argparse keeps its subparsers here; there is no public accessor
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                paths.append((*prefix, name))
                paths += subcommand_paths(sub, (*prefix, name))
    return paths


def documentation() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in [README, *sorted(DOCS.glob("**/*.md"))])


def test_the_parser_has_subcommands_to_check():
    assert ("import",) in subcommand_paths(build_parser())


@pytest.mark.parametrize("words", subcommand_paths(build_parser()), ids=" ".join)
def test_every_subcommand_is_described_in_the_readme_or_docs(words):
    command = re.escape("kstthc " + " ".join(words))
    assert re.search(rf"{command}(?![\w-])", documentation()), (
        f"'kstthc {' '.join(words)}' appears nowhere in README.md or docs/: describe it (README's command table)")


def test_the_readme_is_a_users_page_of_at_most_15000_characters():
    text = README.read_text(encoding="utf-8")
    assert len(text) <= 15_000, f"README.md has {len(text)} characters: move developer notes into docs/"
    for heading in ("## First steps for an officer", "## The `kstthc` command", "## Where the data and backups live"):
        assert heading in text


def test_the_notes_the_code_cites_are_in_docs():
    cited = set()
    for path in (ROOT / "kstthc_desktop").rglob("*.py"):
        cited |= set(re.findall(r"docs/([\w-]+\.md)", path.read_text(encoding="utf-8")))
    assert {"domain.md", "plan-json.md"} <= cited
    assert not [name for name in cited if not (DOCS / name).is_file()]
