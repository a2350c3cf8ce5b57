"""Managed settings (issue 18): the admin's TOML file, its locations, locks and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from callcheck.engine.managed_config import (
    MANAGED_CONFIG_ENV,
    ManagedConfig,
    ManagedConfigError,
    load_managed_config,
    managed_config_path,
)


def test_platform_locations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MANAGED_CONFIG_ENV, raising=False)
    monkeypatch.setenv("PROGRAMDATA", r"D:\PD")
    assert managed_config_path("linux") == Path("/etc/callcheck/callcheck.toml")
    assert managed_config_path("darwin") == Path(
        "/Library/Application Support/CallCheck/callcheck.toml"
    )
    assert managed_config_path("win32") == Path(r"D:\PD") / "CallCheck" / "callcheck.toml"
    monkeypatch.setenv(MANAGED_CONFIG_ENV, "/tmp/x.toml")
    assert managed_config_path("linux") == Path("/tmp/x.toml")


def test_missing_file_manages_nothing(tmp_path: Path) -> None:
    config = load_managed_config(tmp_path / "absent.toml")
    assert config == ManagedConfig()
    assert config.resolve("server_url", "https://mine") == "https://mine"


def test_full_file_and_locks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "callcheck.toml"
    path.write_text(
        'server_url = "https://cc.example.com:8443"\nfleet_token = "ft"\nserver_token = "st"\n'
        "upload = true\nschedule_every_h = 4\nschedule_at_login = true\n"
        'locked = ["server_url", "upload"]\n'
    )
    monkeypatch.setenv(MANAGED_CONFIG_ENV, str(path))
    config = load_managed_config()
    assert config.source == path
    assert (config.server_url, config.fleet_token, config.server_token) == (
        "https://cc.example.com:8443",
        "ft",
        "st",
    )
    assert config.upload is True
    assert config.schedule_every_h == 4.0
    assert config.schedule_at_login is True
    # Locked: the admin's value wins over the user's; unlocked: the user's wins, the admin's
    # is the preset.
    assert config.is_locked("server_url")
    assert config.resolve("server_url", "https://mine") == "https://cc.example.com:8443"
    assert config.resolve("upload", False) is True
    assert not config.is_locked("schedule_every_h")
    assert config.resolve("schedule_every_h", 8.0) == 8.0
    assert config.resolve("schedule_every_h", None) == 4.0


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("server_url = ", "not valid TOML"),
        ("colour = 'red'", "unknown key(s) colour"),
        ("upload = 'yes'", "upload must be true or false"),
        ("schedule_every_h = 0.01", "between 0.25 and 168"),
        ("schedule_every_h = true", "number of hours"),
        ("server_url = ''", "non-empty string"),
        ("locked = 'server_url'", "locked must be a list"),
        ("locked = ['volume']", "unknown key(s) volume"),
    ],
)
def test_wrong_file_is_a_clear_error(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "callcheck.toml"
    path.write_text(text + "\n")
    with pytest.raises(ManagedConfigError) as info:
        load_managed_config(path)
    assert str(path) in str(info.value)
    assert words in str(info.value)


def test_zero_hours_turns_the_schedule_off(tmp_path: Path) -> None:
    path = tmp_path / "callcheck.toml"
    path.write_text("schedule_every_h = 0\nlocked = ['schedule_every_h']\n")
    config = load_managed_config(path)
    assert config.schedule_every_h == 0.0
    assert config.resolve("schedule_every_h", 4.0) == 0.0
