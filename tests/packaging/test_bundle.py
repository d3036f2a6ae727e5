"""The PyInstaller bundle, built once per run, runs its own self-test headless.

The build takes about a minute (PyInstaller analyses every import). Set PARTNER_DESK_BUNDLE to a
built bundle's folder (e.g. dist/partner-desk after `make bundle`) to test that one instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from server import __version__ as server_version
from tests.packaging.support import (
    PACKAGING,
    ROOT,
    bundle_config,
    demo_pid,
    headless_env,
    wait_gone,
)

CFG = bundle_config()

pytestmark = [
    pytest.mark.slow,
    # The build is the first test's setup: minutes, beside another worker's tests under xdist.
    pytest.mark.timeout(900),
    # The checks read /proc and ELF files; CI builds and self-tests the other OSes' bundles.
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundle checks"),
]


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The bundle's folder: the one named by PARTNER_DESK_BUNDLE, or one built here."""
    given = os.environ.get("PARTNER_DESK_BUNDLE")
    if given:
        yield Path(given).resolve()
        return
    pytest.importorskip("PyInstaller", reason="pip install -e '.[bundle]' to build the bundle")
    work = tmp_path_factory.mktemp("bundle")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(PACKAGING / "partner-desk.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,  # only against a hang
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    yield work / "dist" / CFG.EXECUTABLE
    shutil.rmtree(work, ignore_errors=True)  # a quarter of a gigabyte; pytest keeps 3 runs


def _run(bundle: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle / CFG.EXECUTABLE), *args],
        env=headless_env(),
        capture_output=True,
        text=True,
        timeout=240,  # only against a hang: the self-test bounds itself
        check=False,
    )


def test_bundle_self_test_lists_customers_and_leaves_no_server(bundle: Path) -> None:
    result = _run(bundle, "--self-test", "120")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: the main window lists 300 customers" in result.stdout
    assert wait_gone(demo_pid(result.stdout)), "the bundle's demo server outlived it"


def test_bundle_runs_the_server_with_the_hidden_flag(bundle: Path) -> None:
    result = _run(bundle, "--run-partner-api", "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"partner-api {server_version}"


def test_bundle_holds_migrations_translations_and_icons(bundle: Path) -> None:
    internal = bundle / "_internal"
    for source in (ROOT / "server" / "migrations").rglob("*.py"):
        relative = source.relative_to(ROOT)
        assert (internal / relative).is_file(), f"{relative} is missing from the bundle"
    for qm in (ROOT / "desktop" / "translations").glob("*.qm"):
        assert (internal / "desktop" / "translations" / qm.name).is_file(), qm.name
    assert (internal / "resources" / "icons" / "partner-desk-256.png").is_file()
    # CLDR's country names for the app's languages, and only theirs (35 MB for all).
    cldr = {path.stem.split("_")[0] for path in (internal / "babel" / "locale-data").glob("*.dat")}
    assert cldr == set(CFG.BABEL_LOCALES_KEPT)


def test_bundle_leaves_out_the_qt_the_app_does_not_use(bundle: Path) -> None:
    qt = bundle / "_internal" / "PySide6"
    modules = {path.name.split(".")[0] for path in qt.glob("Qt*.*")}
    assert modules == set(CFG.QT_MODULES_USED)
    assert not (qt / "Qt" / "qml").exists()
    plugins = {path.name for path in (qt / "Qt" / "plugins").iterdir()}
    assert not plugins & set(CFG.QT_PLUGIN_DIRS_DROPPED)
    translations = {path.name for path in (qt / "Qt" / "translations").glob("*.qm")}
    assert translations, "Qt's own translations of its buttons and dialogs are kept"
    assert all(name.startswith(CFG.QT_TRANSLATIONS_KEPT) for name in translations)


def _needed(path: Path) -> list[str]:
    """The libraries an ELF file links, by binutils' readelf (the spec reads them itself)."""
    dynamic = subprocess.run(
        ["readelf", "-d", str(path)], capture_output=True, text=True, check=False
    ).stdout
    return [
        line.split("[", 1)[1].rstrip("]") for line in dynamic.splitlines() if "(NEEDED)" in line
    ]


def _libraries(bundle: Path) -> list[Path]:
    return [
        path
        for path in (bundle / "_internal").rglob("*.so*")
        if path.is_file() and not path.is_symlink()
    ]


def _on_this_machine(name: str) -> Path | None:
    """Where the loader (or PyInstaller, for Qt's own) finds a library here; None if nowhere."""
    bindepend = pytest.importorskip("PyInstaller.depend.bindepend")
    import PySide6

    qt_lib = Path(PySide6.__file__).parent / "Qt" / "lib"
    found = bindepend.resolve_library_path(name, search_paths=[str(qt_lib)])
    return Path(found) if found else None


readelf = pytest.mark.skipif(shutil.which("readelf") is None, reason="binutils' readelf")


@readelf
def test_nothing_in_the_bundle_needs_a_library_left_out(bundle: Path) -> None:
    """Every library a bundled file links is in the bundle, unless PyInstaller leaves it to the
    system on purpose (libc, libGL, libxcb, ...) or this machine lacks it: no list to keep.
    It failed when GTK 3 was installed: the GTK theme's libraries stayed, what they link went."""
    dylib = pytest.importorskip("PyInstaller.depend.dylib")
    bundled = {path.name for path in (bundle / "_internal").rglob("*")}
    needing: list[str] = []
    for path in [bundle / CFG.EXECUTABLE, *_libraries(bundle)]:
        for needed in _needed(path):
            if needed in bundled or needed.startswith("ld-linux"):  # the loader itself
                continue
            if dylib.include_library(needed) and _on_this_machine(needed) is not None:
                needing.append(f"{path.relative_to(bundle)} needs {needed}")
    assert not needing, "\n".join(needing)


@readelf
def test_every_library_in_the_bundle_is_one_the_app_loads(bundle: Path) -> None:
    """No library is there only for a plugin that was dropped (GTK and all under it, Kerberos for
    QtNetwork): each is linked, at some depth, by the executable, libpython, an extension module
    or a kept Qt plugin, through bundled libraries or the system's. So the bundle does not
    depend on what else the build machine has installed."""
    internal = bundle / "_internal"
    by_name: dict[str, list[Path]] = {}
    for path in internal.rglob("*.so*"):
        by_name.setdefault(path.name, []).append(path.resolve())
    libraries = _libraries(bundle)
    todo = [bundle / CFG.EXECUTABLE]
    todo += [
        path
        for path in libraries
        if ".cpython-" in path.name
        or path.name.endswith(".abi3.so")
        or path.name.startswith("libpython")  # the bootloader opens it
        or "PySide6/Qt/plugins/" in path.relative_to(internal).as_posix()
    ]
    loaded: set[Path] = set()
    looked_up: set[str] = set()
    while todo:
        path = todo.pop()
        if path in loaded:
            continue
        loaded.add(path)
        for needed in _needed(path):
            if needed in by_name:
                todo.extend(by_name[needed])
            elif needed not in looked_up:  # the system's, e.g. libxcb, which links libXau
                looked_up.add(needed)
                found = _on_this_machine(needed)
                if found is not None:
                    todo.append(found)
    unused = sorted(
        str(path.relative_to(bundle)) for path in libraries if path.resolve() not in loaded
    )
    assert not unused, f"nothing the app loads links {unused}"
