"""`callcheck serve --tls-cert/--tls-key`: HTTPS for WHIP, and a real server-mode test over it."""

from __future__ import annotations

import datetime
import ipaddress
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def _self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 (the only address the tests talk to)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "callcheck test reflector")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def _callcheck() -> str:
    exe = shutil.which("callcheck", path=str(Path(sys.executable).parent))
    assert exe
    return exe


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    directory = tmp_path_factory.mktemp("tls")
    cert, key = _self_signed(directory)
    args = [_callcheck(), "serve", "--host", "127.0.0.1", "--port", "0"]
    args += ["--tls-cert", str(cert), "--tls-key", str(key), "--ice-address", "127.0.0.1"]
    with subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            match = re.search(r"listening on (https://\S+)", line)
            assert match, line
            yield match.group(1), cert
        finally:
            process.terminate()
            process.wait(10)


def _test(url: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    args = [_callcheck(), "test", "--server", url, "--duration", "3", "--no-audio-device"]
    args += ["--no-probe", "--json", "--ice-address", "127.0.0.1"]
    return subprocess.run(args, capture_output=True, text=True, timeout=60, env=env, check=False)


def test_server_mode_call_over_https(tls_server: tuple[str, Path]) -> None:
    url, cert = tls_server
    proc = _test(url, {**os.environ, "SSL_CERT_FILE": str(cert)})
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)
    assert report["mode"] == "server"
    assert report["network"]["uplink"]["measured_by"] == "reflector"
    checks = {c["name"]: c["status"] for c in report["connectivity"]["checks"]}
    assert checks["http"] == "ok"


def test_an_untrusted_certificate_is_named_not_hung(tls_server: tuple[str, Path]) -> None:
    url, _ = tls_server
    env = {k: v for k, v in os.environ.items() if k != "SSL_CERT_FILE"}
    proc = _test(url, env)
    assert proc.returncode == 3
    assert "server_unreachable" in proc.stderr
    assert "certificate" in proc.stderr.lower() or "tls" in proc.stderr.lower()
