"""What goes into the PyInstaller bundle and what is left out; read by partner-desk.spec.

Kept apart from the spec so tests can check it without PyInstaller (tests/packaging).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

APP_NAME = "Partner Desk"
# Reverse-DNS id shared by the .desktop file, the AppStream metainfo, the macOS bundle and
# QGuiApplication.desktopFileName (desktop/icon.py).
APP_ID = "io.partnerdesk.PartnerDesk"
EXECUTABLE = "partner-desk"

# The Qt modules the app imports; every other PySide6 module is excluded. A test fails when
# desktop/ starts importing one that is not here, before a bundle would fail at run time.
QT_MODULES_USED = ("QtCore", "QtGui", "QtWidgets")


def qt_modules_excluded() -> list[str]:
    """Every PySide6 module installed here (6.11 Essentials: QtQml, QtQuick, QtNetwork, QtSql,
    QtOpenGL, QtPdf's plugin, Designer, ...) except those the app uses."""
    import PySide6

    folder = Path(PySide6.__file__).parent
    installed = {path.name.split(".")[0] for path in folder.glob("Qt*.*")}
    installed.discard("Qt")  # the folder of Qt's own libraries, not a module
    return sorted(f"PySide6.{name}" for name in installed - set(QT_MODULES_USED))


# Python packages never needed at run time. psycopg: the bundled server is only the demo's,
# on SQLite. The rest are test, build or GUI toolkits that optional imports may pull in.
EXCLUDED_PACKAGES = (
    "psycopg",
    "psycopg_binary",
    "psycopg_c",
    "psycopg2",
    "tkinter",
    "_tkinter",
    "PIL.ImageTk",
    "PIL.ImageQt",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "schemathesis",
    "mypy",
    "ruff",
    "IPython",
    "matplotlib",
    "setuptools",
    "pip",
    # uvicorn reads YAML logging configs only if asked to; the demo never does.
    "yaml",
)

# Qt plugin folders (under PySide6/Qt/plugins) the app has no use for: QML, SQL, networking
# (the app talks HTTP through requests, not QtNetwork), embedded displays, Designer, and
# Wayland's compositor side.
QT_PLUGIN_DIRS_DROPPED = (
    "designer",
    "egldeviceintegrations",
    "generic",  # evdev and TUIO input for embedded screens; TUIO alone brings QtNetwork
    "networkinformation",
    "qmllint",
    "qmltooling",
    "sqldrivers",
    "tls",
    "wayland-graphics-integration-server",
)
# Single plugins dropped: platforms for embedded screens, and the PDF image reader (it alone
# would bring the whole of QtPdf).
QT_PLUGINS_DROPPED = (
    "platforms/libqeglfs.so",
    "platforms/libqlinuxfb.so",
    "platforms/libqminimalegl.so",
    "platforms/libqvkkhrdisplay.so",
    "platforms/libqvnc.so",
    "imageformats/libqpdf.so",
    "imageformats/qpdf.dll",
    "imageformats/libqpdf.dylib",
    # GTK's theme needs GTK itself on the machine, and brings cairo, pango and more with it;
    # the app draws with Fusion either way.
    "platformthemes/libqgtk3.so",
)
# Qt libraries that only the dropped plugins use (checked with ldd over the Linux bundle), as
# the part after "Qt6" (Linux, Windows) or "Qt" (macOS frameworks).
QT_LIBS_DROPPED = ("Network", "EglFSDeviceIntegration", "EglFsKmsSupport")
# Qt's own translations kept: only the base catalogue (standard buttons and dialogs); Qt's
# Designer, Assistant, QML and multimedia catalogues are dropped.
QT_TRANSLATIONS_KEPT = ("qtbase_",)
# babel's CLDR data (country names, desktop/ui/widgets/country_picker.py) for the languages the app
# speaks, and root, every locale's parent: its ~1,100 locales are 35 MB, these about 1.5 MB.
BABEL_LOCALES_KEPT = ("root", "en", "hr")

# Linux: PyInstaller collects every library the Qt plugins link, the dropped ones' too, before
# the spec can drop those plugins; with GTK 3 on the build machine the GTK theme alone brings
# GTK, GDK, ATK, cairo, pango, harfbuzz and a dozen X11 extensions. The spec reads each
# binary's DT_NEEDED entries (elf_needed) and drops what only the dropped binaries need
# (needed_only_by), so the bundle is the same whatever else the build machine has installed.

_PT_LOAD, _PT_DYNAMIC = 1, 2
_DT_NULL, _DT_NEEDED, _DT_STRTAB = 0, 1, 5


def elf_needed(path: str | Path) -> tuple[str, ...]:
    """The libraries an ELF file links (its DT_NEEDED entries, as `readelf -d` lists them), read
    the way the dynamic loader reads them: through the program headers. () for a file that is
    not an ELF file or links nothing (a static executable, a data file)."""
    import struct

    with open(path, "rb") as file:
        ident = file.read(16)
        if len(ident) < 16 or ident[:4] != b"\x7fELF" or ident[4] not in (1, 2):
            return ()
        wide = ident[4] == 2  # ELFCLASS64
        order = "<" if ident[5] == 1 else ">"  # ELFDATA2LSB, else MSB
        word = "Q" if wide else "I"

        def read(offset: int, fmt: str) -> tuple[int, ...]:
            file.seek(offset)
            fmt = order + fmt
            return struct.unpack(fmt, file.read(struct.calcsize(fmt)))

        # e_phoff, and e_phentsize/e_phnum after e_shoff, e_flags, e_ehsize.
        (phoff,) = read(0x20 if wide else 0x1C, word)
        phentsize, phnum = read(0x36 if wide else 0x2A, "HH")
        loads: list[tuple[int, int, int]] = []  # (p_vaddr, p_filesz, p_offset)
        dynamic: tuple[int, int] | None = None  # (p_offset, p_filesz)
        for index in range(phnum):
            at = phoff + index * phentsize
            if wide:
                kind, _, offset, vaddr, _, filesz = read(at, "IIQQQQ")
            else:
                kind, offset, vaddr, _, filesz = read(at, "IIIII")
            if kind == _PT_LOAD:
                loads.append((vaddr, filesz, offset))
            elif kind == _PT_DYNAMIC:
                dynamic = (offset, filesz)
        if dynamic is None:
            return ()
        needed: list[int] = []
        strtab: int | None = None
        size = 16 if wide else 8
        for at in range(dynamic[0], dynamic[0] + dynamic[1] - size + 1, size):
            tag, value = read(at, "qQ" if wide else "iI")
            if tag == _DT_NULL:
                break
            if tag == _DT_NEEDED:
                needed.append(value)
            elif tag == _DT_STRTAB:
                strtab = value
        if strtab is None:
            return ()
        # DT_STRTAB is an address in memory: the file offset is in the segment that loads it.
        base = next(
            (
                offset + strtab - vaddr
                for vaddr, filesz, offset in loads
                if vaddr <= strtab < vaddr + filesz
            ),
            None,
        )
        if base is None:
            return ()
        names = []
        for value in needed:
            file.seek(base + value)
            names.append(file.read(256).split(b"\0", 1)[0].decode())
        return tuple(names)


def needed_only_by(dropped: Iterable[str], needs: Mapping[str, Iterable[str]]) -> set[str]:
    """The libraries that only the dropped binaries need, directly or through other libraries.

    needs maps every collected binary to the collected binaries it links (the spec: bundle
    paths, from elf_needed); dropped names the binaries left out. Kept is everything else, and
    everything a kept binary needs, at any depth; what the dropped ones need and nothing kept
    needs goes too. A library a kept one only opens at run time (dlopen) and a dropped one links
    would go as well: none is, and tests/packaging/test_bundle.py runs what is left.
    """

    def closure(start: Iterable[str]) -> set[str]:
        seen: set[str] = set()
        todo = [name for name in start if name in needs]
        while todo:
            name = todo.pop()
            if name not in seen:
                seen.add(name)
                todo.extend(lib for lib in needs.get(name, ()) if lib in needs)
        return seen

    dropped = set(dropped)
    reachable = closure(dropped)
    kept = closure(set(needs) - reachable)
    return reachable - kept - dropped
