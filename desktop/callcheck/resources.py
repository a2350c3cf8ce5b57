"""Locate CallCheck's run-time data (test signal, report schema, translations).

The data is kept in the repository's top-level ``resources/`` folder and ships inside the
package as ``callcheck/data/`` (``pyproject.toml`` maps the folder into the wheel; the
PyInstaller spec puts it at the same place in the bundle). The folder is found, in order:

1. ``$CALLCHECK_RESOURCES`` if set: lets an admin or a test point at another copy;
2. ``callcheck/data`` through :mod:`importlib.resources`: an installed wheel (pip, pipx, the
   server .deb, a container image) and a PyInstaller bundle;
3. ``<repo>/resources`` for a source checkout or an editable install, two levels above this file
   (``desktop/callcheck/resources.py`` → ``<repo>``).
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path, PurePosixPath
from typing import Final

RESOURCES_ENV_VAR: Final = "CALLCHECK_RESOURCES"
"""Environment variable that overrides the resources folder."""

PACKAGED_FOLDER: Final = "data"
"""The folder inside the ``callcheck`` package that an installed copy carries the data in."""


def packaged_dir() -> Path | None:
    """``callcheck/data`` of an installed package or a frozen bundle; ``None`` when this copy
    has none (a source checkout) or is not on a file system (a zip import, which CallCheck does
    not support: sounddevice and the report writer need real paths)."""
    folder = files(__package__ or "callcheck").joinpath(PACKAGED_FOLDER)
    return folder if isinstance(folder, Path) and folder.is_dir() else None


def resources_dir() -> Path:
    """The resources folder this process uses (it may not exist; see :func:`resource_path`)."""
    override = os.environ.get(RESOURCES_ENV_VAR)
    if override:
        return Path(override)
    return packaged_dir() or Path(__file__).resolve().parents[2] / "resources"


def resource_path(name: str) -> Path:
    """Path of the resource ``name`` (a relative, ``/``-separated path such as
    ``"test-signal/speech-like-16k.wav"``).

    Raises:
        ValueError: ``name`` is absolute or climbs out of the folder with ``..``.
        FileNotFoundError: the resource is missing; the message names the file and where it
            looked.
    """
    relative = PurePosixPath(name)
    if not name or relative.is_absolute() or ".." in relative.parts:
        raise ValueError(f"resource name must be a relative path inside resources/, got {name!r}")
    folder = resources_dir()
    path = folder.joinpath(*relative.parts)
    if not path.is_file():
        raise FileNotFoundError(
            f"CallCheck resource {name!r} is missing: looked for {path}. "
            f"The installation is incomplete; reinstall CallCheck, or set {RESOURCES_ENV_VAR} "
            "to a folder that contains it."
        )
    return path
