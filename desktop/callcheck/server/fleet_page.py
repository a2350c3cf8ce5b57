"""The /fleet page: one self-contained HTML file (inline CSS and JS, no CDN, no web fonts).

It holds no data: it reads ``/api/v1`` with the admin token, so serving it needs no token and
a page saved from the browser leaks nothing. The file ships as package data next to this
module.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["fleet_page_html"]


@cache
def fleet_page_html() -> str:
    """The page's HTML."""
    return (resources.files("callcheck.server") / "fleet_page.html").read_text(encoding="utf-8")
