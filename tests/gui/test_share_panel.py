"""The helpdesk live view's desktop widgets: switch, code panel, run-again prompt (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from callcheck.gui import texts
from callcheck.gui.share_panel import RunAgainPrompt, SharePanel, ShareSwitch

pytestmark = pytest.mark.gui

CODE = "AC7-K3M-9PX"
URL = "https://cc.example.com/live/AC7-K3M-9PX"


def test_the_switch_shows_only_with_a_server_and_is_off_when_hidden(qtbot: QtBot) -> None:
    switch = ShareSwitch()
    qtbot.addWidget(switch)
    switch.show()
    switch.set_server_configured(True)
    assert switch.isVisible()
    qtbot.keyClick(switch, Qt.Key.Key_Space)  # keyboard: a plain check box
    assert switch.isChecked()
    switch.set_server_configured(False)
    assert not switch.isVisible()
    assert not switch.isChecked()
    assert "&" in texts.SHARE_SWITCH  # a mnemonic


def test_the_panel_shows_the_code_large_the_link_and_what_is_shared(
    qtbot: QtBot, screenshot_dir: Path
) -> None:
    panel = SharePanel()
    qtbot.addWidget(panel)
    panel.resize(560, 320)
    assert not panel.isVisible()
    panel.show_share(CODE, URL)
    assert panel.isVisible()
    assert panel.shareCode() == CODE
    assert panel.code.font().pointSize() >= 28
    assert URL in panel.link.text()
    assert panel.what.text() == texts.SHARE_WHAT
    assert panel.code.accessibleName() == "A C 7 " + texts.ROOM_CODE_DASH + " K 3 M " + (
        texts.ROOM_CODE_DASH + " 9 P X"
    )
    panel.set_viewers(2)
    assert panel.status.text() == texts.SHARE_VIEWERS.format(count=2)
    image = panel.grab().toImage()
    image.save(str(screenshot_dir / "share-panel.png"))
    colours = {
        QColor(image.pixel(x, y)).name()
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
    }
    assert len(colours) > 2  # drawn, not blank


def test_stop_sharing_by_keyboard_then_the_panel_says_so(qtbot: QtBot) -> None:
    panel = SharePanel()
    qtbot.addWidget(panel)
    panel.show_share(CODE, URL)
    panel.stopButton.setFocus()
    with qtbot.waitSignal(panel.stopRequested):
        qtbot.keyClick(panel.stopButton, Qt.Key.Key_Space)
    panel.set_stopped()
    assert panel.status.text() == texts.SHARE_STOPPED
    assert not panel.stopButton.isEnabled()
    panel.set_viewers(3)  # a late count does not hide that sharing stopped
    assert panel.status.text() == texts.SHARE_STOPPED


def test_run_again_waits_for_a_click_and_enter_alone_does_not_run(qtbot: QtBot) -> None:
    prompt = RunAgainPrompt()
    qtbot.addWidget(prompt)
    prompt.ask()
    assert prompt.isVisible()
    assert prompt.question.text() == texts.SHARE_RUN_AGAIN
    assert prompt.notNowButton.hasFocus() or not prompt.isActiveWindow()
    assert not prompt.runButton.autoDefault()
    assert not prompt.notNowButton.autoDefault()
    with qtbot.waitSignal(prompt.dismissed), qtbot.assertNotEmitted(prompt.runRequested):
        qtbot.keyClick(prompt.notNowButton, Qt.Key.Key_Space)
    assert not prompt.isVisible()
    prompt.ask()
    with qtbot.waitSignal(prompt.runRequested):
        qtbot.mouseClick(prompt.runButton, Qt.MouseButton.LeftButton)
    assert not prompt.isVisible()


def test_reconnecting_shows_until_sharing_again_and_never_after_stopping(qtbot: QtBot) -> None:
    panel = SharePanel()
    qtbot.addWidget(panel)
    panel.show_share(CODE, URL)
    panel.set_reconnecting()
    assert panel.status.text() == texts.SHARE_RECONNECTING
    assert panel.shareCode() == CODE  # the code stays valid while reconnecting
    panel.set_resumed()
    assert panel.status.text() == ""
    panel.set_stopped()
    panel.set_reconnecting()  # a late signal does not revive a stopped share
    assert panel.status.text() == texts.SHARE_STOPPED
