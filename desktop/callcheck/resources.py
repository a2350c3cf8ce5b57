"""Locate files in CallCheck's top-level ``resources/`` folder (test signals, report schema).

The folder is found, in order:

1. ``$CALLCHECK_RESOURCES`` if set: lets an admin or a test point at another copy;
2. ``sys._MEIPASS/resources`` in a PyInstaller bundle (the spec ships the folder there);
3. ``<repo>/resources`` for a source checkout or an editable install, two levels above this file
   (``desktop/callcheck/resources.py`` → ``<repo>``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePosixPath

RESOURCES_ENV_VAR = "CALLCHECK_RESOURCES"
"""Environment variable that overrides the resources folder."""


def resources_dir() -> Path:
    """The resources folder this process uses (it may not exist; see :func:`resource_path`)."""
    override = os.environ.get(RESOURCES_ENV_VAR)
    if override:
        return Path(override)
    bundle_dir = getattr(sys, "_MEIPASS", None)  # set by PyInstaller's bootloader
    if isinstance(bundle_dir, str):
        return Path(bundle_dir) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


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
