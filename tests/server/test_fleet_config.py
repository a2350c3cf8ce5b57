"""The fleet settings in the server's TOML file."""

from __future__ import annotations

from pathlib import Path

import pytest

from callcheck.server.config import ConfigError, ServerConfig, load_toml


def test_fleet_settings_load_from_a_fleet_table(tmp_path: Path) -> None:
    path = tmp_path / "serve.toml"
    path.write_text(
        "[fleet]\n"
        'database = "postgresql://u:pw@db/callcheck"\n'
        'fleet_token = "up"\nadmin_token = "read"\n'
        'sites_csv = "/etc/callcheck/sites.csv"\nretention_days = 30\n'
    )
    config = load_toml(path)
    assert config.database == "postgresql://u:pw@db/callcheck"
    assert (config.fleet_token, config.admin_token) == ("up", "read")
    assert config.sites_csv == Path("/etc/callcheck/sites.csv")
    assert config.retention_days == 30
    # Secrets stay out of the configuration's repr (and so out of any log of it).
    assert "pw@" not in repr(config)
    assert "read" not in repr(config)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"admin_token": " "}, "admin_token is empty", id="empty-admin"),
        pytest.param({"fleet_token": ""}, "fleet_token is empty", id="empty-fleet"),
        pytest.param({"retention_days": 0}, "retention_days must be positive", id="retention"),
        pytest.param({"max_report_bytes": -1}, "max_report_bytes", id="report-size"),
    ],
)
def test_bad_fleet_settings_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        ServerConfig(**changes)  # type: ignore[arg-type]
