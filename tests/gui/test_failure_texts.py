"""Every reason a test can fail for has its own plain-words headline and advice (issue 16): a
code without a FAILURES entry showed the generic "The test could not run"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from callcheck.engine import snapshots
from callcheck.gui import texts

pytestmark = pytest.mark.gui

ENGINE = Path(snapshots.__file__).resolve().parent
#: The user's own stop is not a failure (the GUI shows the partial result, not an error page).
NOT_FAILURES = {snapshots.STOPPED}


def engine_reason_codes() -> set[str]:
    """Every reason code the engine declares (engine/snapshots.py) or spells out in a
    ``CallFailed("code", …)``."""
    declared = {
        value
        for name, value in vars(snapshots).items()
        if name.isupper() and isinstance(value, str) and re.fullmatch(r"[a-z_]+", value)
    }
    spelled = set()
    for source in ENGINE.glob("*.py"):
        spelled |= set(re.findall(r'CallFailed\(\s*"([a-z_]+)"', source.read_text()))
    return declared | spelled


def test_the_engine_codes_are_found() -> None:
    codes = engine_reason_codes()
    assert {"bad_answer", "ice_failed", "server_unreachable"} <= codes


@pytest.mark.parametrize("code", sorted(engine_reason_codes() - NOT_FAILURES))
def test_every_engine_reason_code_has_its_own_text(code: str) -> None:
    headline, advice = texts.FAILURES[code]
    assert (headline, advice) != texts.FAILURE_DEFAULT
    assert headline.endswith(".")
    assert advice
    assert code not in headline  # plain words, not the code
