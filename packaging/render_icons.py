"""Render the SVG icon to the PNG sizes desktops look for (hicolor theme).

    .venv/bin/python packaging/render_icons.py

Reads ``resources/icons/storydiff.svg`` and writes
``packaging/icons/hicolor/<N>x<N>/apps/<APP_ID>.png``. Run it after editing the SVG
and commit the PNGs: installing then needs no SVG renderer.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE.parent / "resources" / "icons" / "storydiff.svg"
APP_ID = "io.github.storydiff.StoryDiff"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    """Where the ``size`` x ``size`` PNG lives in the repository."""
    return HERE / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(size: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    target = png_path(size)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target)):
        raise SystemExit(f"cannot write {target}")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter needs an application)
    for size in SIZES:
        render(size)
        print(png_path(size).relative_to(HERE.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
