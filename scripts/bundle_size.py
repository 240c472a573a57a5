"""Print what a PyInstaller bundle weighs, part by part, and fail when it is over the limit.

``python3 scripts/bundle_size.py dist/kstthc [--limit-mb 170] [--json FILE]``. Parts: the Qt libraries one by one
(they weigh most), Qt plugins, the PySide6 bindings, Python's own runtime, each other package or library folder.
Sizes are of the files themselves (links are not counted twice).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

MB = 1024 * 1024


def part_of(rel: Path) -> str:
    """The component a file of the bundle belongs to, for the size table."""
    parts = [p for p in rel.parts if p != "_internal"]
    if not parts:
        return "?"
    low = [p.lower() for p in parts]
    if low[0] == "pyside6":
        if "plugins" in low:
            i = low.index("plugins")
            return "Qt plugins: " + (parts[i + 1] if len(parts) > i + 2 else "(other)")
        name = parts[-1]
        if name.lower().startswith(("libqt6", "qt6", "libicu", "icu")) or low[1:2] in (["qt"], ["lib"]):
            return "Qt library: " + name
        return "PySide6 bindings (" + name + ")" if name.lower().startswith(("qt", "libpyside")) else "PySide6 other"
    if low[0] == "shiboken6" or low[0].startswith("libshiboken"):
        return "shiboken6"
    if low[0] in ("python3.11", "lib-dynload", "base_library.zip") or low[0].startswith(("libpython", "python3")):
        return "Python runtime"
    if low[0] == "kstthc" or low[0] == "kstthc.exe":
        return "executable (bootloader + Python code archive)"
    if low[:2] == ["kstthc_desktop", "_resources"]:  # resources/ of the repository
        return "resources/" + (parts[2] if len(parts) > 3 else "")
    if len(parts) == 1:
        return "library: " + parts[0]
    return parts[0]


def sizes(bundle: Path) -> Counter:
    total: Counter = Counter()
    for dirpath, _dirs, files in os.walk(bundle):
        for name in files:
            path = Path(dirpath) / name
            if path.is_symlink():
                continue
            total[part_of(path.relative_to(bundle))] += path.stat().st_size
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--limit-mb", type=float, default=170)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--json", type=Path, help="also write {part: bytes} and the total here")
    args = parser.parse_args(argv)
    parts = sizes(args.bundle)
    total = sum(parts.values())
    for name, size in parts.most_common(args.top):
        print(f"{size / MB:8.1f} MB  {name}")
    rest = total - sum(size for _, size in parts.most_common(args.top))
    if rest:
        print(f"{rest / MB:8.1f} MB  ({len(parts) - args.top} smaller parts)")
    print(f"{total / MB:8.1f} MB  TOTAL {args.bundle} (limit {args.limit_mb:g} MB)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"total_bytes": total, "parts": dict(parts.most_common())}, indent=1))
    if total > args.limit_mb * MB:
        print(f"bundle is {total / MB:.1f} MB, over the {args.limit_mb:g} MB limit", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
