"""The "at login" entry (issue 18): written when at login is on, removed when off — the XDG
autostart file for real (and checked by desktop-file-validate where installed), the Windows Run
value through the registry fake, the macOS LaunchAgent as a plist in a test home."""

from __future__ import annotations

import plistlib
import shutil
import subprocess
from pathlib import Path

import pytest

from callcheck.engine.autostart import (
    LAUNCH_AGENT_LABEL,
    RUN_KEY,
    RUN_VALUE,
    TRAY_FLAG,
    AutostartPlaces,
    desktop_exec,
    launch_command,
    set_autostart,
)
from callcheck.engine.win_registry import MemoryRegistry

# An install path with a space: the Exec key must quote it.
COMMAND = ("/opt/Call Check/bin/python3", "-m", "callcheck", "gui", TRAY_FLAG)


def _places(tmp_path: Path) -> AutostartPlaces:
    return AutostartPlaces(home=tmp_path / "home", xdg_config_home=tmp_path / "xdg")


def _exec_argv(desktop_file: Path) -> list[str]:
    """The Exec key read back as the Desktop Entry Specification 1.5 says: the string escapes
    first, then the quoting (inside double quotes a backslash escapes ", `, $ and itself)."""
    line = next(x for x in desktop_file.read_text().splitlines() if x.startswith("Exec="))
    value = line.removeprefix("Exec=").replace("\\\\", "\\")
    args: list[str] = []
    current: str | None = None
    quoted = False
    chars = iter(value)
    for c in chars:
        if quoted:
            if c == "\\":
                c = next(chars)
                assert c in '"`$\\', f"a backslash before {c!r} is not a valid escape"
                current = (current or "") + c
            elif c == '"':
                quoted = False
            else:
                current = (current or "") + c
        elif c == '"':
            quoted, current = True, current or ""
        elif c == " ":
            if current is not None:
                args.append(current)
            current = None
        else:
            current = (current or "") + c
    assert not quoted
    if current is not None:
        args.append(current)
    return [a.replace("%%", "%") for a in args]


def test_linux_at_login_on_writes_an_xdg_autostart_entry_and_off_removes_it(
    tmp_path: Path,
) -> None:
    places = _places(tmp_path)
    set_autostart(True, platform="linux", places=places, command=COMMAND)
    entry = tmp_path / "xdg" / "autostart" / "callcheck.desktop"
    text = entry.read_text()
    assert text.startswith("[Desktop Entry]\n")
    assert "Type=Application\n" in text
    assert _exec_argv(entry) == list(COMMAND)
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(
            ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
        )
        assert check.returncode == 0, check.stdout
        assert check.stdout == ""  # not even a hint
    # Again (each start): the same file, no leftovers.
    set_autostart(True, platform="linux", places=places, command=COMMAND)
    assert sorted(p.name for p in entry.parent.iterdir()) == ["callcheck.desktop"]
    set_autostart(False, platform="linux", places=places, command=COMMAND)
    assert not entry.exists()
    set_autostart(False, platform="linux", places=places)  # off when already off: no error


@pytest.mark.parametrize(
    "arg",
    ["plain", "with space", 'quo"te', "dollar$HOME", "back\\slash", "per%cent", "tick`s"],
    ids=["plain", "space", "quote", "dollar", "backslash", "percent", "backtick"],
)
def test_exec_key_quoting_reads_back_as_the_same_argument(arg: str, tmp_path: Path) -> None:
    entry = tmp_path / "x.desktop"
    entry.write_text(f"[Desktop Entry]\nExec=/bin/app {desktop_exec([arg])}\n")
    assert _exec_argv(entry) == ["/bin/app", arg]


def test_xdg_config_home_is_honoured_and_defaults_to_dot_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "elsewhere"))
    assert AutostartPlaces.of_user().xdg_config_home == tmp_path / "elsewhere"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/is/ignored")
    assert AutostartPlaces.of_user().xdg_config_home == tmp_path / ".config"


def test_windows_at_login_is_the_run_value(tmp_path: Path) -> None:
    registry = MemoryRegistry()
    command = ("C:\\Program Files\\CallCheck\\callcheck-gui.exe", TRAY_FLAG)
    set_autostart(True, platform="win32", registry=registry, command=command)
    assert registry.value(RUN_KEY, RUN_VALUE) == (
        '"C:\\Program Files\\CallCheck\\callcheck-gui.exe" --tray'
    )
    registry.set_string(RUN_KEY, "OtherApp", "other.exe")
    set_autostart(False, platform="win32", registry=registry, command=command)
    assert registry.value(RUN_KEY, RUN_VALUE) is None
    assert registry.value(RUN_KEY, "OtherApp") == "other.exe"  # only ours is removed
    set_autostart(False, platform="win32", registry=registry, command=command)


def test_macos_at_login_is_a_launch_agent(tmp_path: Path) -> None:
    places = _places(tmp_path)
    command = ("/Applications/CallCheck.app/Contents/MacOS/callcheck-gui", TRAY_FLAG)
    set_autostart(True, platform="darwin", places=places, command=command)
    agent = tmp_path / "home" / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
    data = plistlib.loads(agent.read_bytes())
    assert data["Label"] == LAUNCH_AGENT_LABEL
    assert data["ProgramArguments"] == list(command)
    assert data["RunAtLoad"] is True
    if shutil.which("plutil"):
        subprocess.run(["plutil", "-lint", str(agent)], check=True, capture_output=True)
    set_autostart(False, platform="darwin", places=places, command=command)
    assert not agent.exists()


def test_the_entry_starts_the_app_in_the_tray(tmp_path: Path) -> None:
    assert launch_command("/venv/bin/python", frozen=False) == (
        "/venv/bin/python",
        "-m",
        "callcheck",
        "gui",
        TRAY_FLAG,
    )
    # A frozen bundle: its windowed launcher when there is one, else the CLI's `gui`.
    cli = tmp_path / "callcheck.exe"
    assert launch_command(str(cli), frozen=True) == (str(cli), "gui", TRAY_FLAG)
    (tmp_path / "callcheck-gui.exe").write_bytes(b"")
    assert launch_command(str(cli), frozen=True) == (str(tmp_path / "callcheck-gui.exe"), TRAY_FLAG)
