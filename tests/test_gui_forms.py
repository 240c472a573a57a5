"""The Designer forms in ui/ are compiled ahead into committed modules; they must match the forms."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORMS = sorted((ROOT / "ui").glob("*.ui"))


def _body(text: str) -> list[str]:
    """The generated code without the header comment (it names the uic version)."""
    return [line for line in text.splitlines() if not line.startswith("#")]


def test_there_are_forms():
    assert FORMS, "ui/ holds the Qt Designer forms"


@pytest.mark.parametrize("form", FORMS, ids=lambda p: p.name)
def test_compiled_form_is_up_to_date(form, tmp_path):
    spec = importlib.util.spec_from_file_location("compile_ui", ROOT / "scripts" / "compile_ui.py")
    compile_ui = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compile_ui)
    fresh = tmp_path / "fresh.py"
    compile_ui.compile_form(form, fresh)
    committed = ROOT / "kstthc_desktop" / "gui" / "forms" / f"ui_{form.stem}.py"
    assert committed.exists(), f"run: python3 scripts/compile_ui.py ({committed.name} is missing)"
    assert _body(committed.read_text(encoding="utf-8")) == _body(fresh.read_text(encoding="utf-8")), (
        f"{committed.name} is stale: run python3 scripts/compile_ui.py"
    )
