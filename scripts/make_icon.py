"""Draw the program icon (resources/icons/kstthc.png and kstthc.ico) with Pillow.

The icon is generated, not drawn by hand, so anyone can remake it: ``python3 scripts/make_icon.py``.
It shows a plan sheet with a tick on a red seal-like disc, and reads at 16 px.
The generated files are committed; run this only to change the design.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
RED = (196, 30, 58, 255)
GOLD = (250, 204, 21, 255)
PAPER = (255, 255, 255, 255)
INK = (55, 65, 81, 255)
GREEN = (22, 128, 61, 255)
SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def draw(size: int = 1024) -> Image.Image:
    """The master drawing at ``size`` px; smaller sizes are resampled from it."""
    s = size / 256
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse([8 * s, 8 * s, 248 * s, 248 * s], fill=RED, outline=GOLD, width=round(10 * s))
    # the plan sheet
    d.rounded_rectangle([70 * s, 48 * s, 186 * s, 206 * s], radius=12 * s, fill=PAPER)
    for i, y in enumerate((82, 110, 138)):
        d.rounded_rectangle([88 * s, (y - 5) * s, (168 if i != 1 else 150) * s, (y + 5) * s], radius=5 * s, fill=INK)
    # the tick: the task is under control
    d.line([(96 * s, 172 * s), (122 * s, 194 * s), (174 * s, 140 * s)], fill=GREEN, width=round(20 * s), joint="curve")
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    master = draw()
    master.resize((256, 256), Image.LANCZOS).save(OUT / "kstthc.png", optimize=True)
    master.save(OUT / "kstthc.ico", sizes=[(n, n) for n in SIZES])
    print(f"wrote {OUT / 'kstthc.png'} and {OUT / 'kstthc.ico'}")


if __name__ == "__main__":
    main()
