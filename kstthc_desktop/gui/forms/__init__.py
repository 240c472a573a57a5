"""Python modules compiled from the Qt Designer forms in ui/ by pyside6-uic (see docs/window.md)."""
