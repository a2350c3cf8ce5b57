"""Helpdesk live view (issue 17): ``/live/<code>`` — see :mod:`callcheck.server.live.api`."""

from __future__ import annotations

from callcheck.server.live.api import LiveApi, live_page_html
from callcheck.server.live.bus import LiveBus, LocalLiveBus

__all__ = ["LiveApi", "LiveBus", "LocalLiveBus", "live_page_html"]
