"""Send finished reports to the fleet server: queued on disk, in order, exactly once.

A report is first written to the queue directory (atomically: a temporary file, fsync,
rename), then sent oldest first. A file is deleted only after the server confirmed it
(``201`` stored, or ``200`` already stored), so a crash at any point — even between the
server storing a report and the client hearing so — loses nothing; the resend is harmless
because the server is idempotent by report id. When the server cannot be reached, or says
"later" (``408``, ``429``, ``5xx``), sending stops and the queue waits for the next flush,
keeping the order. A report the server refuses for good (``400``, ``413``, ``415``) moves to
``rejected/`` with the server's reason so it never blocks the ones behind it; a refused token
(``401``/``403``) stops sending and keeps everything.

The CLI (``callcheck test --upload``) and the GUI call :func:`upload_report`, or keep an
:class:`UploadQueue` and call :meth:`UploadQueue.flush` on a schedule.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Final

import aiohttp

__all__ = [
    "FLEET_TOKEN_ENV",
    "REPORTS_PATH",
    "UploadQueue",
    "UploadResult",
    "UploadTarget",
    "default_queue_dir",
    "upload_report",
]

#: Where the server takes reports (``callcheck.server.fleet_api``).
REPORTS_PATH: Final = "/api/v1/reports"
HOST_HEADER: Final = "X-CallCheck-Host"
#: The fleet token when none is given (CLI and app; so it need not appear in ``ps`` output).
FLEET_TOKEN_ENV: Final = "CALLCHECK_FLEET_TOKEN"
#: One upload's time limit (connect + send + answer).
DEFAULT_TIMEOUT_S: Final = 20.0
_SUFFIX: Final = ".json"
_NAME: Final = re.compile(r"^(\d{12})-[A-Za-z0-9_.-]{0,64}\.json$")
#: Answers that mean "this report will never be accepted": set it aside, send the next.
_REJECTED: Final = frozenset({400, 413, 415, 422})
#: Answers that mean "the server is fine but not for this client": stop, keep everything.
_REFUSED: Final = frozenset({401, 403})


def default_queue_dir() -> Path:
    """The one queue of this user (CLI and app alike): ``$CALLCHECK_DATA_DIR/upload-queue``,
    else in the user's data directory."""
    override = os.environ.get("CALLCHECK_DATA_DIR")
    if override:
        return Path(override) / "upload-queue"
    import platformdirs

    return Path(platformdirs.user_data_dir("CallCheck", appauthor=False)) / "upload-queue"


@dataclass(frozen=True, slots=True)
class UploadTarget:
    """Where and as whom reports are sent."""

    server_url: str
    """``http(s)://host:port`` of `callcheck serve`."""
    token: str | None = None
    """The fleet token (``Authorization: Bearer``)."""
    host_name: str | None = None
    """This laptop's name for the fleet page (sent as ``X-CallCheck-Host``)."""


@dataclass(frozen=True, slots=True)
class UploadResult:
    """What a flush did."""

    sent: tuple[str, ...]
    """Report ids the server confirmed, in the order sent (including ones it already had)."""
    rejected: tuple[str, ...]
    """Report ids the server refused for good (moved to ``rejected/``)."""
    pending: int
    """Reports still queued."""
    error: str | None
    """Why sending stopped early (unreachable, token refused, busy), else ``None``."""

    @property
    def complete(self) -> bool:
        """True when nothing is left to send."""
        return self.pending == 0 and self.error is None


@contextlib.contextmanager
def _locked(path: Path, *, wait: bool) -> Iterator[bool]:
    """An exclusive lock on ``path`` between processes; yields False when ``wait`` is False
    and another process holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+b") as handle:
        acquired = _lock(handle, wait=wait)
        try:
            yield acquired
        finally:
            if acquired:
                _unlock(handle)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: IO[bytes], *, wait: bool) -> bool:
        mode = msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), mode, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes], *, wait: bool) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _sequence(path: Path) -> int:
    match = _NAME.match(path.name)
    return int(match.group(1)) if match else 0


def _fsync_dir(directory: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover - no directory handles to sync
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class UploadQueue:
    """Reports waiting for the server, one file each in ``directory``, sent oldest first."""

    def __init__(
        self, directory: Path, target: UploadTarget, *, timeout_s: float = DEFAULT_TIMEOUT_S
    ) -> None:
        self.directory = directory
        self.target = target
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)

    @property
    def rejected_dir(self) -> Path:
        """Where refused reports go, each with a ``.reason.txt`` beside it."""
        return self.directory / "rejected"

    def pending(self) -> list[Path]:
        """Queued report files, oldest first."""
        if not self.directory.is_dir():
            return []
        return sorted(p for p in self.directory.iterdir() if _NAME.match(p.name))

    def enqueue(self, report: Mapping[str, Any]) -> Path:
        """Write ``report`` to the queue durably; returns its file."""
        report_id = str(report.get("id", ""))
        safe_id = re.sub(r"[^A-Za-z0-9_.-]", "_", report_id)[:64]
        data = json.dumps(report, ensure_ascii=False).encode("utf-8")
        self.directory.mkdir(parents=True, exist_ok=True)
        with _locked(self.directory / ".enqueue.lock", wait=True):
            queued = self.pending()
            last = _sequence(queued[-1]) if queued else 0
            sequence = max(last, self._read_counter()) + 1
            path = self.directory / f"{sequence:012d}-{safe_id}{_SUFFIX}"
            part = self.directory / f".{path.name}.part"
            with part.open("wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(part, path)
            self._write_counter(sequence)
            _fsync_dir(self.directory)
        return path

    # The counter keeps the order even when the queue was emptied in between.
    def _read_counter(self) -> int:
        try:
            return int((self.directory / ".sequence").read_text().strip() or 0)
        except (OSError, ValueError):
            return 0

    def _write_counter(self, sequence: int) -> None:
        (self.directory / ".sequence").write_text(str(sequence))

    async def flush(self) -> UploadResult:
        """Send every queued report, oldest first, until one cannot be sent now."""
        sent: list[str] = []
        rejected: list[str] = []
        with _locked(self.directory / ".send.lock", wait=False) as mine:
            if not mine:
                return UploadResult((), (), len(self.pending()), "another process is sending")
            error: str | None = None
            async with aiohttp.ClientSession(timeout=self._timeout) as http:
                for path in self.pending():
                    status, message, report_id = await self._send(http, path)
                    if status in (200, 201):
                        path.unlink()
                        _fsync_dir(self.directory)
                        sent.append(report_id)
                    elif status in _REJECTED:
                        self._reject(path, status, message)
                        rejected.append(report_id)
                    else:
                        error = message
                        break
            return UploadResult(tuple(sent), tuple(rejected), len(self.pending()), error)

    async def _send(self, http: aiohttp.ClientSession, path: Path) -> tuple[int, str, str]:
        """POST one file; (status or 0 when unreachable, message, report id)."""
        body = path.read_bytes()
        try:
            report_id = str(json.loads(body).get("id", path.stem))
        except (ValueError, AttributeError):
            return 400, "the queued file is not a JSON report", path.stem
        headers = {"Content-Type": "application/json"}
        if self.target.token:
            headers["Authorization"] = f"Bearer {self.target.token}"
        if self.target.host_name:
            headers[HOST_HEADER] = self.target.host_name
        url = self.target.server_url.rstrip("/") + REPORTS_PATH
        try:
            async with http.post(url, data=body, headers=headers) as response:
                text = await response.text()
                status = response.status
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            return 0, f"the server {self.target.server_url} cannot be reached ({exc!r})", report_id
        if status in (200, 201):
            return status, "", report_id
        try:
            message = str(json.loads(text).get("message", text))
        except (ValueError, AttributeError):
            message = text[:200]
        if status in _REFUSED:
            message = f"the server refused the fleet token ({status}): {message}"
        return status, message, report_id

    def _reject(self, path: Path, status: int, message: str) -> None:
        self.rejected_dir.mkdir(exist_ok=True)
        (self.rejected_dir / f"{path.name}.reason.txt").write_text(f"{status} {message}\n")
        os.replace(path, self.rejected_dir / path.name)
        _fsync_dir(self.directory)


async def upload_report(
    report: Mapping[str, Any], directory: Path, target: UploadTarget
) -> UploadResult:
    """Queue ``report`` and send everything queued (this one last, after any older ones)."""
    queue = UploadQueue(directory, target)
    await asyncio.to_thread(queue.enqueue, report)
    return await queue.flush()
