"""Server configuration: defaults < TOML file < flags, and clear errors for bad settings."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from callcheck.server.config import (
    TOKEN_ENV,
    ConfigError,
    IceServerConfig,
    ServerConfig,
    add_serve_arguments,
    config_from_arguments,
    load_toml,
)


def parse(*argv: str, environ: dict[str, str] | None = None) -> ServerConfig:
    parser = argparse.ArgumentParser()
    add_serve_arguments(parser)
    return config_from_arguments(parser.parse_args(list(argv)), environ or {})


TOML = """
host = "127.0.0.1"
port = 8443
token = "from-file"

[limits]
max_calls = 20
max_session_s = 120
requests_per_minute = 30

[[ice_servers]]
urls = "stun:stun.example.com:3478"

[[ice_servers]]
urls = ["turn:turn.example.com:3478?transport=udp"]
username = "u"
credential = "p"
"""


def test_toml_file_sets_fields_and_limits(tmp_path: Path) -> None:
    path = tmp_path / "serve.toml"
    path.write_text(TOML)
    config = load_toml(path)
    assert (config.host, config.port, config.token) == ("127.0.0.1", 8443, "from-file")
    assert (config.max_calls, config.max_session_s, config.requests_per_minute) == (20, 120, 30)
    assert config.ice_servers == (
        IceServerConfig(urls=("stun:stun.example.com:3478",)),
        IceServerConfig(
            urls=("turn:turn.example.com:3478?transport=udp",), username="u", credential="p"
        ),
    )


def test_flags_override_the_file(tmp_path: Path) -> None:
    path = tmp_path / "serve.toml"
    path.write_text(TOML)
    config = parse("--config", str(path), "--port", "9000", "--max-calls", "5", "--token", "flag")
    assert (config.port, config.max_calls, config.token) == (9000, 5, "flag")
    assert config.max_session_s == 120  # still from the file


def test_token_from_the_environment_when_no_flag() -> None:
    assert parse(environ={TOKEN_ENV: "env-token"}).token == "env-token"
    assert parse("--token", "flag", environ={TOKEN_ENV: "env-token"}).token == "flag"
    assert parse().token is None


def test_ice_server_flags() -> None:
    config = parse(
        "--ice-server",
        "stun:stun.example.com",
        "--ice-server",
        "user:pa:ss@turn:turn.example.com:3478?transport=tcp",
        "--ice-address",
        "127.0.0.2",
    )
    assert config.ice_servers[1] == IceServerConfig(
        urls=("turn:turn.example.com:3478?transport=tcp",), username="user", credential="pa:ss"
    )
    assert config.ice_host_addresses == ("127.0.0.2",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("max_cals = 3", "unknown setting"),
        ("[limits]\nmax_calls = 0", "max_calls must be positive"),
        ("port = 70000", "port"),
        ('tls_cert = "a.pem"', "TLS needs both"),
        ('ice_host_addresses = ["nope"]', "not an IP address"),
        ('[[ice_servers]]\nurls = "http://x"', "stun:"),
        ('[[ice_servers]]\nurls = "turn:x:3478"', "username and a credential"),
        ("port = ", "not valid TOML"),
    ],
    ids=["typo", "zero-limit", "port", "half-tls", "bad-address", "bad-url", "turn-creds", "toml"],
)
def test_bad_settings_are_errors_that_say_what_is_wrong(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "serve.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_toml(path)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_toml(tmp_path / "missing.toml")


def test_ice_server_json_is_a_webrtc_ice_server_dictionary() -> None:
    server = IceServerConfig(urls=("turn:t:3478",), username="u", credential="p")
    assert server.to_json() == {"urls": ["turn:t:3478"], "username": "u", "credential": "p"}
