"""What goes into the PyInstaller bundle and what is left out; read by partner-desk.spec.

Kept apart from the spec so tests can check it without PyInstaller (tests/packaging).
"""

from __future__ import annotations

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

# Linux system libraries that only the GTK theme plugin pulled in (its own needs, and theirs).
# A test reads every bundled ELF file's NEEDED entries to prove nothing left needs one of them.
LINUX_LIBS_DROPPED = (
    "libatk-1.0.so",
    "libblkid.so",
    "libcairo-gobject.so",
    "libcairo.so",
    "libdatrie.so",
    "libfribidi.so",
    "libgdk_pixbuf-2.0.so",
    "libgio-2.0.so",
    "libgmodule-2.0.so",
    "libgraphite2.so",
    "libharfbuzz.so",
    "libjpeg.so",
    "libmount.so",
    "libpango-1.0.so",
    "libpangocairo-1.0.so",
    "libpangoft2-1.0.so",
    "libpixman-1.so",
    "libselinux.so",
    "libthai.so",
    "libXext.so",
    "libXrender.so",
)
