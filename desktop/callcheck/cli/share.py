"""`callcheck test --share`: share the test with the helpdesk (issue 17).

The share has its own engine loop (:class:`~callcheck.engine.live_share.ThreadedShare`, a
second worker thread), so publishing never runs on — or waits for — the call's loop. After
each run the CLI keeps sharing until the employee presses Enter; when the helpdesk asks for
another run it asks the employee (``Run? [y/N]``) and runs only on yes.
With ``--json`` (scripts) it never waits or asks.
"""

from __future__ import annotations

import queue
import sys
import threading
from typing import Final, TextIO

from callcheck.engine.live_share import ShareError, ShareInfo, ThreadedShare

__all__ = ["RUN_AGAIN_PROMPT", "ShareSession"]

#: What the employee is asked when the helpdesk presses "Ask to run again".
RUN_AGAIN_PROMPT: Final = "Your helpdesk asks you to run the test again — Run? [y/N] "
_YES: Final = frozenset({"y", "yes", "r", "run"})


class ShareSession:
    """The CLI's side of one share: made once, fed by every run of the session."""

    def __init__(
        self,
        server_url: str,
        token: str | None,
        *,
        out: TextIO,
        err: TextIO,
        interactive: bool,
    ) -> None:
        self._out = out
        self._err = err
        self._interactive = interactive
        self._asked = threading.Event()
        self._lines: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._reader: threading.Thread | None = None
        self.share = ThreadedShare(
            server_url,
            token,
            on_run_again=self._asked.set,
            on_stopped=self._note,
            on_reconnecting=self._note,  # a note: "sharing interrupted: reconnecting…"
            on_resumed=self._resumed,
        )
        self.info: ShareInfo | None = None

    def start(self) -> ShareInfo | None:
        """Make the share and print ``share: <URL>``; ``None`` (with a note) when it cannot
        be made — the test then runs unshared."""
        try:
            self.info = self.share.start()
        except ShareError as exc:
            print(f"note: not shared with the helpdesk: {exc}", file=self._err, flush=True)
            return None
        # The first line, for the employee to read out (stderr under --json: stdout is JSON).
        where = self._out if self._interactive else self._err
        print(f"share: {self.info.url}", file=where, flush=True)
        if self._interactive:
            print(
                "sharing with the helpdesk: the test's figures and report only "
                f"(code {self.info.code}, until {self.info.expires_at})",
                file=self._out,
                flush=True,
            )
        return self.info

    def _note(self, reason: str) -> None:
        print(f"note: {reason}", file=self._err, flush=True)

    def _resumed(self) -> None:
        print("note: sharing again", file=self._err, flush=True)

    # -------------------------------------------------------------------------- between runs

    def run_again(self, stdin: TextIO = sys.stdin) -> bool:
        """After a run: wait until Enter (False) or until the helpdesk asks and the employee
        says yes (True). Never waits under ``--json`` or once sharing stopped."""
        if not self._interactive or self.share.stopped is not None:
            return False
        if self._reader is None:
            self._reader = threading.Thread(
                target=self._read_lines, args=(stdin,), name="share-stdin", daemon=True
            )
            self._reader.start()
        print(
            "the helpdesk can still watch and ask for another run; press Enter to stop sharing",
            file=self._out,
            flush=True,
        )
        try:
            return self._wait_for_answer()
        except KeyboardInterrupt:  # Ctrl-C stops sharing like Enter
            return False

    def _wait_for_answer(self) -> bool:
        while True:
            if self._asked.wait(0.1):
                self._asked.clear()
                print(RUN_AGAIN_PROMPT, end="", file=self._out, flush=True)
                answer = self._lines.get()
                if answer is not None and answer.strip().lower() in _YES:
                    return True
                print("not now", file=self._out, flush=True)
                if answer is None:
                    return False
                continue
            try:
                line = self._lines.get_nowait()
            except queue.Empty:
                continue
            if line is None or not line.strip():
                return False

    def _read_lines(self, stdin: TextIO) -> None:
        for line in stdin:
            self._lines.put(line)
        self._lines.put(None)

    def close(self) -> None:
        """Stop sharing (the page says so) and end the share's thread."""
        self.share.close()
