"""core, engine, server and cli must work without Qt (DESIGN.md, Layers)."""

from __future__ import annotations

import importlib
import importlib.util
import os
import pkgutil
import subprocess
import sys

import callcheck

QT_FREE_PACKAGES = ("callcheck.core", "callcheck.engine", "callcheck.server", "callcheck.cli")


def _modules() -> list[str]:
    names: list[str] = []
    for pkg_name in QT_FREE_PACKAGES:
        pkg = importlib.import_module(pkg_name)
        names.append(pkg_name)
        names += [m.name for m in pkgutil.walk_packages(pkg.__path__, prefix=pkg_name + ".")]
    return names


def test_qt_free_layers_import_without_loading_qt() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', "
        "'pyqtgraph'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_this_environment_really_has_no_qt_when_it_claims_so() -> None:
    if os.environ.get("CALLCHECK_EXPECT_NO_QT") == "1":
        assert importlib.util.find_spec("PySide6") is None
    assert callcheck.__version__
