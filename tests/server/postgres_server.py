"""A real PostgreSQL for tests: ``initdb`` + ``pg_ctl`` in a temporary data directory.

Started the way the suite starts coturn: the Debian binaries, no system service, on 127.0.0.1
and a free port. PostgreSQL refuses to run as root, so as root the cluster runs as the
unprivileged ``postgres`` user the Debian package creates (``runuser``).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


INITDB = _bin("initdb")
PG_CTL = _bin("pg_ctl")
AVAILABLE = INITDB is not None and PG_CTL is not None
SKIP_REASON = "PostgreSQL is not installed (apt-get install postgresql; packaging/setup.sh test)"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """Run a throw-away cluster; yields its ``postgresql://`` URL.

    The data directory is a fresh one under the system temp folder, not pytest's ``tmp_path``
    (whose parents are private to root, so the ``postgres`` user could not reach it).
    """
    with (
        tempfile.TemporaryDirectory(prefix="callcheck-pg-") as base_dir,
        _cluster(Path(base_dir)) as url,
    ):
        yield url


@contextlib.contextmanager
def _cluster(base: Path) -> Iterator[str]:
    assert INITDB is not None
    assert PG_CTL is not None
    data = base / "data"
    data.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        base.chmod(0o755)
        os.chown(data, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run(
        [*prefix, INITDB, "-D", str(data), "-U", "callcheck", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {data} -c fsync=off"
    subprocess.run(
        [*prefix, PG_CTL, "-D", str(data), "-o", options, "-l", str(data / "log"), "-w", "start"],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://callcheck@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*prefix, PG_CTL, "-D", str(data), "-m", "immediate", "stop"],
            check=False,
            capture_output=True,
        )
