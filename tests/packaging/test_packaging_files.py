"""The Linux launcher, AppStream metainfo, icons and bundle contents list: always checked.

The official validators run too where they are installed (Debian: desktop-file-utils, appstream).
"""

from __future__ import annotations

import configparser
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop import __version__
from desktop.icon import DESKTOP_FILE_NAME, ICON_DIR, app_icon
from tests.packaging.support import LINUX, PACKAGING, ROOT, bundle_config

CFG = bundle_config()
DESKTOP_FILE = LINUX / f"{CFG.APP_ID}.desktop"
METAINFO = LINUX / f"{CFG.APP_ID}.metainfo.xml"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_launches_the_app_with_its_icon() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == CFG.APP_NAME
    assert entry["Exec"].split()[0] == CFG.EXECUTABLE
    assert entry["Icon"] == CFG.APP_ID
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")
    # Qt tells Wayland which launcher a window belongs to by this name.
    assert DESKTOP_FILE_NAME == CFG.APP_ID


def test_metainfo_describes_the_app_and_names_its_launcher() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.tag == "component"
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == CFG.APP_ID
    assert component.findtext("name") == CFG.APP_NAME
    assert component.findtext("summary")
    assert component.findtext("metadata_license") == "CC0-1.0"
    assert component.findtext("launchable") == DESKTOP_FILE.name
    assert component.findtext("provides/binary") == CFG.EXECUTABLE
    assert component.find("description/p") is not None
    release = component.find("releases/release")
    assert release is not None
    assert release.get("version") == __version__


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_file_passes_desktop_file_validate() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP_FILE)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream is not installed")
def test_metainfo_passes_appstreamcli_validate() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_every_png_size_is_there_and_square() -> None:
    for size in PNG_SIZES:
        png = ICON_DIR / f"partner-desk-{size}.png"
        assert _png_size(png.read_bytes()) == (size, size), png


def test_windows_ico_holds_16_to_256() -> None:
    data = (PACKAGING / "windows" / "partner-desk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    # Each directory entry is 16 bytes; a width byte of 0 means 256.
    widths = {data[6 + 16 * i] or 256 for i in range(count)}
    assert widths >= {16, 32, 48, 256}


def test_macos_icns_is_an_icns_file() -> None:
    data = (PACKAGING / "macos" / "partner-desk.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)


def test_app_icon_offers_every_size(qapp: object) -> None:
    sizes = {size.width() for size in app_icon().availableSizes()}
    assert sizes == set(PNG_SIZES)


def _qt_modules_imported() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "desktop").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found.update(re.findall(r"\bPySide6\.(Qt\w+)", text))
        for names in re.findall(r"from PySide6 import ([^\n]+)", text):
            found.update(re.findall(r"\b(Qt\w+)\b", names))
    return found


def test_the_bundle_keeps_every_qt_module_the_app_imports() -> None:
    """Import a new Qt module in desktop/? Add it to QT_MODULES_USED, or the bundle lacks it."""
    missing = _qt_modules_imported() - set(CFG.QT_MODULES_USED)
    assert not missing, f"add {sorted(missing)} to packaging/bundle_config.QT_MODULES_USED"


def test_the_bundle_excludes_the_qt_modules_the_app_does_not_use() -> None:
    excluded = set(CFG.qt_modules_excluded())
    assert {"PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtNetwork", "PySide6.QtSql"} <= excluded
    assert not {f"PySide6.{name}" for name in CFG.QT_MODULES_USED} & excluded


def test_what_only_dropped_binaries_need_goes_and_what_a_kept_one_needs_stays() -> None:
    needs = {
        "app.so": ["libQt6Gui.so.6"],
        "libQt6Gui.so.6": ["libglib.so"],
        "libqgtk3.so": ["libgtk-3.so.0", "libQt6Gui.so.6", "libglib.so"],
        "libgtk-3.so.0": ["libcairo.so.2", "libglib.so", "libc.so.6"],  # libc: not collected
        "libcairo.so.2": ["libpixman.so"],
        "libpixman.so": [],
        "libglib.so": [],
    }
    assert CFG.needed_only_by(["libqgtk3.so"], needs) == {
        "libgtk-3.so.0",
        "libcairo.so.2",
        "libpixman.so",
    }
    # Nothing kept links libcairo here; once something does, it and what it links stay.
    assert CFG.needed_only_by(
        ["libqgtk3.so"], {**needs, "app.so": ["libQt6Gui.so.6", "libcairo.so.2"]}
    ) == {"libgtk-3.so.0"}
    assert CFG.needed_only_by([], needs) == set()


def _qt_binaries() -> list[Path]:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    return sorted(
        path
        for path in [*(qt / "lib").glob("*.so*"), *(qt / "plugins").rglob("*.so")]
        if path.is_file() and not path.is_symlink()
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's Qt is ELF")
@pytest.mark.skipif(shutil.which("readelf") is None, reason="binutils' readelf")
def test_elf_needed_reads_the_libraries_readelf_lists() -> None:
    binaries = _qt_binaries()
    assert len(binaries) > 50
    for path in binaries:
        dynamic = subprocess.run(
            ["readelf", "-d", str(path)], capture_output=True, text=True, check=False
        ).stdout
        listed = [
            line.split("[", 1)[1].rstrip("]") for line in dynamic.splitlines() if "(NEEDED)" in line
        ]
        assert list(CFG.elf_needed(path)) == listed, path
    # What the spec drops GTK by: the theme plugin links GTK whether or not GTK is installed.
    gtk_theme = [path for path in binaries if path.name == "libqgtk3.so"]
    assert gtk_theme and "libgtk-3.so.0" in CFG.elf_needed(gtk_theme[0])
    assert CFG.elf_needed(PACKAGING / "bundle_config.py") == ()
