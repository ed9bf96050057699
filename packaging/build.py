"""Build the one-folder application with PyInstaller and report its size and build time.

    .venv/bin/python packaging/build.py      (what `make package` runs)

Writes ``dist/storydiff/`` (run ``dist/storydiff/storydiff``), working files in
``build/pyinstaller/``. Checks that the result starts (``--version``) and prints the
bundle's size in MB, its ten largest parts and the build time in seconds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
APP = DIST / "storydiff"


def build() -> float:
    """Run PyInstaller on the spec; returns the wall time in seconds."""
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(DIST), "--workpath", str(ROOT / "build" / "pyinstaller"),
        str(ROOT / "packaging" / "storydiff.spec"),
    ]
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT)
    return time.perf_counter() - started


def size_mb(path: Path) -> float:
    """Bytes under ``path`` (files, not following links) in MB (10^6)."""
    if path.is_file():
        return 0.0 if path.is_symlink() else path.stat().st_size / 1e6
    total = sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 1e6


def largest_parts(root: Path, count: int = 10) -> list[tuple[float, str]]:
    """The biggest entries two levels under the bundle's ``_internal``, in MB."""
    internal = root / "_internal"
    parts = [p for top in internal.iterdir() for p in (top.iterdir() if top.is_dir() else [top])]
    sizes = sorted(((size_mb(p), str(p.relative_to(internal))) for p in parts), reverse=True)
    return sizes[:count]


def smoke_test() -> str:
    """The bundle's ``--version`` output; raises if it does not start."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    result = subprocess.run([str(APP / "storydiff"), "--version"], capture_output=True, text=True, env=env, check=True)
    return result.stdout.strip()


def main() -> int:
    seconds = build()
    print(f"built {APP.relative_to(ROOT)} in {seconds:.0f} s: {size_mb(APP):.0f} MB")
    for megabytes, name in largest_parts(APP):
        print(f"  {megabytes:7.1f} MB  {name}")
    print(f"starts: {smoke_test()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
