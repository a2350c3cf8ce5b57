"""`callcheck test --upload [--fleet-token T] [--quiet]`: send the report to the fleet server.

The report (finished or partial) goes through the on-disk queue of
:mod:`callcheck.engine.upload_queue`: when the server cannot be reached it waits there and the
next run sends it first, in order, exactly once. The server is ``--upload-server``, else
``--server``, else the managed config's ``server_url``; the fleet token ``--fleet-token``, else
``$CALLCHECK_FLEET_TOKEN``, else the managed config's. A managed ``upload = true`` uploads
without the flag (the admin wants every result). An upload that fails is reported on stderr but
never changes the exit code: the exit code is the test's (RMM scripts rely on it).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import socket
import sys
from collections.abc import Iterator, Mapping
from typing import Any, TextIO

from callcheck.engine.managed_config import ManagedConfig, ManagedConfigError, load_managed_config
from callcheck.engine.signaling import parse_server_url
from callcheck.engine.upload_queue import (
    FLEET_TOKEN_ENV,
    UploadTarget,
    default_queue_dir,
    upload_report,
)

__all__ = [
    "FLEET_TOKEN_ENV",
    "UploadUsageError",
    "add_upload_arguments",
    "check_upload",
    "quiet_output",
    "upload_after_test",
    "upload_target",
]


def add_upload_arguments(p: argparse.ArgumentParser) -> None:
    """The upload and script options of `callcheck test`."""
    p.add_argument(
        "--upload",
        action="store_true",
        help="send the report to the fleet server (queued on disk when it cannot be reached, "
        "sent by the next run)",
    )
    p.add_argument(
        "--upload-server",
        metavar="URL",
        help="the fleet server (default: --server, else the managed config's server_url)",
    )
    p.add_argument(
        "--fleet-token",
        help=f"the server's fleet token for uploads (or set {FLEET_TOKEN_ENV})",
    )
    p.add_argument(
        "--quiet",
        action="store_true",
        help="print nothing but errors (for scripts and RMM tools; exit codes unchanged)",
    )


def _managed(err: TextIO, prog: str) -> ManagedConfig:
    try:
        return load_managed_config()
    except ManagedConfigError as exc:
        print(f"{prog}: managed settings ignored: {exc}", file=err)
        return ManagedConfig()


class UploadUsageError(ValueError):
    """Upload options that cannot work (exit 2, like every usage error)."""


def check_upload(args: argparse.Namespace) -> None:
    """Raise :class:`UploadUsageError` now, before the test, when the upload could not work."""
    upload_target(args, _managed(sys.stderr, "callcheck test"))


def upload_target(args: argparse.Namespace, managed: ManagedConfig) -> UploadTarget | None:
    """Where this run uploads, or ``None`` when it does not; raises :class:`UploadUsageError`
    for an upload without a server."""
    wanted = bool(getattr(args, "upload", False)) or managed.upload is True
    if not wanted:
        return None
    typed = getattr(args, "upload_server", None) or getattr(args, "server", None)
    server = managed.resolve("server_url", typed)
    if not server:
        raise UploadUsageError(
            "--upload needs the fleet server: --server URL or --upload-server URL"
        )
    try:
        base = parse_server_url(server).base
    except ValueError as exc:
        raise UploadUsageError(f"--upload-server: {exc}") from None
    token = managed.resolve(
        "fleet_token", getattr(args, "fleet_token", None) or os.environ.get(FLEET_TOKEN_ENV)
    )
    return UploadTarget(base, token or None, socket.gethostname() or None)


def upload_after_test(
    data: Mapping[str, Any], args: argparse.Namespace, prog: str, err: TextIO | None = None
) -> None:
    """Queue and send ``data`` when this run uploads; problems go to stderr only."""
    err = sys.stderr if err is None else err
    managed = _managed(err, prog)
    try:
        target = upload_target(args, managed)
    except UploadUsageError as exc:
        print(f"{prog}: error: {exc}", file=err)
        return
    if target is None:
        return
    try:
        result = asyncio.run(upload_report(data, default_queue_dir(), target))
    except OSError as exc:
        print(f"{prog}: could not queue the report for upload: {exc}", file=err)
        return
    if result.error is not None:
        print(
            f"{prog}: upload: {result.error}; {result.pending} report(s) queued, "
            "sent by the next run",
            file=err,
        )
    for report_id in result.rejected:
        print(f"{prog}: upload: the server refused report {report_id} for good", file=err)
    if not getattr(args, "quiet", False) and not getattr(args, "json", False):
        print(f"uploaded {len(result.sent)} report(s) to {target.server_url}")


@contextlib.contextmanager
def quiet_output(args: argparse.Namespace) -> Iterator[None]:
    """``--quiet``: standard output goes nowhere while the test runs and the notes are not
    printed (as with ``--json``, whose output is then dropped); errors still reach stderr."""
    if not getattr(args, "quiet", False):
        yield
        return
    args.json = True
    with open(os.devnull, "w") as devnull, contextlib.redirect_stdout(devnull):
        yield
