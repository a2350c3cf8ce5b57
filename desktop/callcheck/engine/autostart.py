"""Start the app at login, minimised to the tray (issue 18: scheduled tests "at login").

When the user (or the admin's managed settings) turns "at login" on, the app writes the
platform's own per-user autostart entry; when it is turned off, the entry is removed. No
service, no elevated rights, nothing the user cannot see and remove in the system's settings:

- Linux and other XDG desktops: ``$XDG_CONFIG_HOME/autostart/callcheck.desktop`` (default
  ``~/.config``), per the XDG Autostart Specification 0.5;
- Windows: the ``CallCheck`` value of ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``
  (the "Startup apps" list of Windows' settings);
- macOS: a LaunchAgent ``~/Library/LaunchAgents/com.callcheck.app.plist`` with ``RunAtLoad``
  (launchd loads the user's agents at login).

The entry runs :func:`launch_command`: the desktop app with :data:`TRAY_FLAG`, which starts it
in the tray without opening the window.
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from callcheck.engine.win_registry import UserRegistry, WinUserRegistry

__all__ = [
    "DESKTOP_FILE_NAME",
    "LAUNCH_AGENT_LABEL",
    "RUN_KEY",
    "RUN_VALUE",
    "TRAY_FLAG",
    "AutostartPlaces",
    "autostart_entry",
    "desktop_exec",
    "launch_command",
    "set_autostart",
]

#: `callcheck gui --tray`: start in the tray, window closed.
TRAY_FLAG: Final = "--tray"
DESKTOP_FILE_NAME: Final = "callcheck.desktop"
RUN_KEY: Final = "Software\\Microsoft\\Windows\\CurrentVersion\\Run"
RUN_VALUE: Final = "CallCheck"
LAUNCH_AGENT_LABEL: Final = "com.callcheck.app"


def launch_command(executable: str | None = None, *, frozen: bool | None = None) -> tuple[str, ...]:
    """The command line that starts the app in the tray.

    A frozen bundle starts its windowed ``callcheck-gui`` (no console window at login) when it
    sits next to ``executable``, else its ``callcheck gui``; an installed package runs
    ``python -m callcheck gui``.
    """
    executable = sys.executable if executable is None else executable
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    if not frozen:
        return (executable, "-m", "callcheck", "gui", TRAY_FLAG)
    exe = Path(executable)
    gui = exe.with_name("callcheck-gui.exe" if exe.suffix.lower() == ".exe" else "callcheck-gui")
    if gui.exists():
        return (str(gui), TRAY_FLAG)
    return (executable, "gui", TRAY_FLAG)


# Desktop Entry Specification 1.5, "The Exec key": an argument with a reserved character is
# quoted in double quotes, and inside them `"`, `` ` ``, `$` and `\` are escaped by a backslash;
# the key's value is then a string, whose own backslashes are escaped once more.
_RESERVED: Final = frozenset(" \t\n\"'\\><~|&;$*?#()`")


def desktop_exec(argv: Sequence[str]) -> str:
    """``argv`` as the value of a desktop entry's ``Exec`` key."""
    parts = []
    for arg in argv:
        arg = arg.replace("%", "%%")  # field codes start with %
        if any(c in _RESERVED for c in arg):
            inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
            arg = f'"{inner}"'
        parts.append(arg.replace("\\", "\\\\"))
    return " ".join(parts)


def _desktop_file(argv: Sequence[str]) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=CallCheck\n"
        "Comment=Scheduled call quality tests in the system tray\n"
        f"Exec={desktop_exec(argv)}\n"
        "Icon=callcheck\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def _launch_agent(argv: Sequence[str]) -> bytes:
    return plistlib.dumps(
        {
            "Label": LAUNCH_AGENT_LABEL,
            "ProgramArguments": list(argv),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
        }
    )


@dataclass(frozen=True, slots=True)
class AutostartPlaces:
    """Where this user's autostart entries live (tests point them at a temporary folder)."""

    home: Path
    """The user's home (macOS: ``~/Library/LaunchAgents``)."""
    xdg_config_home: Path
    """``$XDG_CONFIG_HOME`` (default ``~/.config``)."""

    @staticmethod
    def of_user() -> AutostartPlaces:
        """This user's."""
        home = Path.home()
        xdg = os.environ.get("XDG_CONFIG_HOME")
        # The spec: a relative path is invalid and is ignored.
        config = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".config"
        return AutostartPlaces(home, config)


def autostart_entry(platform: str, places: AutostartPlaces) -> Path | str:
    """The file (Linux, macOS) or the Run value's key path (Windows) of the entry."""
    if platform == "win32":
        return f"{RUN_KEY}\\{RUN_VALUE}"
    if platform == "darwin":
        return places.home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
    return places.xdg_config_home / "autostart" / DESKTOP_FILE_NAME


def set_autostart(
    enabled: bool,
    *,
    platform: str | None = None,
    places: AutostartPlaces | None = None,
    registry: UserRegistry | None = None,
    command: Sequence[str] | None = None,
) -> None:
    """Write (``enabled``) or remove the entry that starts the app in the tray at login.

    Idempotent; removing an entry that is not there is not an error. Raises ``OSError`` when
    the entry cannot be written (the caller says so; the schedule still works while the app
    runs).
    """
    platform = sys.platform if platform is None else platform
    argv = tuple(command) if command is not None else launch_command()
    if platform == "win32":
        reg = registry if registry is not None else WinUserRegistry()
        if enabled:
            reg.set_string(RUN_KEY, RUN_VALUE, subprocess.list2cmdline(argv))
        else:
            reg.delete_value(RUN_KEY, RUN_VALUE)
        return
    path = autostart_entry(platform, places or AutostartPlaces.of_user())
    assert isinstance(path, Path)
    if not enabled:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    content = _launch_agent(argv) if platform == "darwin" else _desktop_file(argv).encode()
    # Written whole, then renamed: a login that reads it meanwhile sees the old or the new one.
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(content)
    partial.replace(path)
