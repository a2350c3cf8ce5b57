"""The MOS gauge: what it shows, how it is read aloud, how it draws (issue 7, the gauge widget)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPalette, QPixmap
from pytestqt.qtbot import QtBot

from callcheck.core.grades import GRADE_BANDS, Grade
from callcheck.gui import texts
from callcheck.gui.gauge import MosGauge

pytestmark = pytest.mark.gui


@pytest.fixture
def gauge(qtbot: QtBot) -> MosGauge:
    widget = MosGauge()
    widget.animationDuration = 0  # most tests look at the end state
    widget.resize(400, widget.heightForWidth(400))
    qtbot.addWidget(widget)
    return widget


def _pixels(image: QImage) -> np.ndarray:
    """An image as an (h, w) array of 32-bit ARGB values."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    array = np.frombuffer(image.constBits(), dtype=np.uint32)  # type: ignore[call-overload]
    return array.reshape(image.height(), image.bytesPerLine() // 4)[:, : image.width()].copy()


def _centre(gauge: MosGauge) -> np.ndarray:
    """The middle of the dial, inside the needle's reach: only the centre text is drawn there."""
    geo = gauge._geometry()
    half = 0.35 * geo.r
    rect = QRect(round(geo.cx - half), round(geo.cy - half), round(2 * half), round(2 * half))
    return _pixels(gauge.grab(rect).toImage())


# ---------------------------------------------------------------- value


@pytest.mark.parametrize(
    ("given", "shown"),
    [(3.3, 3.3), (1.0, 1.0), (5.0, 5.0), (0.2, 1.0), (-7.0, 1.0), (5.01, 5.0), (math.inf, 5.0)],
    ids=["inside", "low-end", "high-end", "below", "negative", "above", "infinite"],
)
def test_value_is_clamped_to_1_to_5(gauge: MosGauge, given: float, shown: float) -> None:
    gauge.setValue(given)
    assert gauge.value == shown


def test_nan_is_ignored(gauge: MosGauge, qtbot: QtBot) -> None:
    gauge.setValue(4.1)
    with qtbot.assertNotEmitted(gauge.valueChanged):
        gauge.setValue(math.nan)
    assert gauge.value == 4.1


def test_value_is_a_qt_property_with_a_change_signal(gauge: MosGauge, qtbot: QtBot) -> None:
    with qtbot.waitSignal(gauge.valueChanged) as blocker:
        assert gauge.setProperty("value", 9.0) is True
    assert blocker.args == [5.0]
    assert gauge.property("value") == 5.0


def test_setting_the_same_value_again_emits_nothing(gauge: MosGauge, qtbot: QtBot) -> None:
    gauge.setValue(3.2)
    with qtbot.assertNotEmitted(gauge.valueChanged):
        gauge.setValue(3.2)


def test_there_is_no_value_before_the_first(gauge: MosGauge) -> None:
    assert not gauge.hasValue()
    assert math.isnan(gauge.value)
    assert gauge.grade() is None
    assert gauge.currentBandColor() is None


def test_clear_returns_to_no_value(gauge: MosGauge) -> None:
    empty = _centre(gauge)
    gauge.setValue(3.0)
    gauge.clear()
    assert not gauge.hasValue()
    assert gauge.recentValue() is None
    assert np.array_equal(_centre(gauge), empty)


# ---------------------------------------------------------------- bands


@pytest.mark.parametrize(
    ("mos", "grade"),
    [
        (5.0, Grade.EXCELLENT),
        (4.3, Grade.EXCELLENT),
        (4.29, Grade.GOOD),
        (4.0, Grade.GOOD),
        (3.99, Grade.FAIR),
        (3.6, Grade.FAIR),
        (3.59, Grade.POOR),
        (3.1, Grade.POOR),
        (3.09, Grade.BAD),
        (1.0, Grade.BAD),
    ],
    ids=str,
)
def test_band_colour_at_band_edges(gauge: MosGauge, mos: float, grade: Grade) -> None:
    gauge.setValue(mos)
    assert gauge.grade() is grade
    assert gauge.currentBandColor() == gauge.bandColor(grade)
    # The grade chip in the centre is painted in that band's colour.
    chip_colour = gauge.bandColor(grade).rgba()
    assert np.count_nonzero(_centre(gauge) == chip_colour) > 100


def test_the_five_bands_have_distinct_colours(gauge: MosGauge) -> None:
    colours = {gauge.bandColor(band.grade).name() for band in GRADE_BANDS}
    assert len(colours) == len(GRADE_BANDS)


def test_colours_are_styleable_from_a_style_sheet(gauge: MosGauge) -> None:
    gauge.setStyleSheet(
        "MosGauge { qproperty-needleColor: #ff0000; qproperty-goodColor: #123456;"
        " qproperty-textColor: #00ff00; }"
    )
    gauge.ensurePolished()
    assert gauge.needleColor == QColor("#ff0000")
    assert gauge.bandColor(Grade.GOOD) == QColor("#123456")
    assert gauge.textColor == QColor("#00ff00")


def test_text_and_needle_follow_the_palette_until_set(gauge: MosGauge) -> None:
    palette = gauge.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    gauge.setPalette(palette)
    assert gauge.effectiveTextColor() == QColor("#eeeeee")
    assert gauge.effectiveNeedleColor() == QColor("#eeeeee")


# ---------------------------------------------------------------- accessibility


def test_accessible_name(gauge: MosGauge) -> None:
    assert gauge.accessibleName() == "MOS gauge"


@pytest.mark.parametrize(
    ("mos", "description"),
    [
        (4.2, "MOS 4.2, Good"),
        (4.41, "MOS 4.4, Excellent"),
        (3.99, "MOS 3.9, Fair"),
        (1, "MOS 1.0, Bad"),
    ],
    ids=["good", "excellent", "just-below-pass-reads-fair", "bad"],
)
def test_accessible_description_reads_value_and_grade(
    gauge: MosGauge, mos: float, description: str
) -> None:
    gauge.setValue(mos)
    assert gauge.accessibleDescription() == description


def test_accessible_description_before_a_value(gauge: MosGauge) -> None:
    assert gauge.accessibleDescription() == "No MOS measured yet"


# ---------------------------------------------------------------- drawing


@pytest.mark.parametrize("width_px", [200, 400, 1200])
def test_grab_renders_at_every_size(gauge: MosGauge, width_px: int, screenshot_dir: Path) -> None:
    gauge.resize(width_px, gauge.heightForWidth(width_px))
    gauge.setValue(2.4)
    gauge.setValue(4.2)
    pixmap = gauge.grab()
    assert pixmap.size() == gauge.size() * gauge.devicePixelRatio()
    assert len(np.unique(_pixels(pixmap.toImage()))) > 20  # a drawing, not a blank
    assert pixmap.save(str(screenshot_dir / f"gauge-{width_px}px.png"))


def test_centre_text_shows_the_value(gauge: MosGauge, screenshot_dir: Path) -> None:
    gauge.grab().save(str(screenshot_dir / "gauge-no-value.png"))
    empty = _centre(gauge)
    gauge.setValue(2.0)
    two = _centre(gauge)
    gauge.setValue(2.5)  # same band (Bad): only the number differs
    two_and_a_half = _centre(gauge)
    assert not np.array_equal(empty, two)
    assert not np.array_equal(two, two_and_a_half)


def test_hidpi_draws_at_device_resolution(gauge: MosGauge, screenshot_dir: Path) -> None:
    gauge.setValue(3.7)
    pixmap = QPixmap(gauge.size() * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(QColor("white"))
    gauge.render(pixmap)
    pixels = _pixels(pixmap.toImage())
    assert pixels.shape == (gauge.height() * 2, gauge.width() * 2)
    # An upscaled 1× drawing repeats every pixel twice; a sharp one differs within the pairs.
    assert np.count_nonzero(pixels[:, 0::2] != pixels[:, 1::2]) > 1000
    assert pixmap.save(str(screenshot_dir / "gauge-400px@2x.png"))


def test_dark_palette(gauge: MosGauge, screenshot_dir: Path) -> None:
    palette = gauge.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    gauge.setPalette(palette)
    gauge.setValue(3.4)
    gauge.setValue(4.35)
    assert gauge.grab().save(str(screenshot_dir / "gauge-400px-dark.png"))


def test_size_hints_allow_200_px_and_keep_the_aspect(gauge: MosGauge) -> None:
    assert gauge.minimumSizeHint().width() <= 200
    assert gauge.sizeHint().width() >= gauge.minimumSizeHint().width()
    assert gauge.hasHeightForWidth()
    assert gauge.heightForWidth(1000) == pytest.approx(5 * gauge.heightForWidth(200), abs=5)


# ---------------------------------------------------------------- needle and minimum


def test_needle_animates_to_the_new_value(gauge: MosGauge, qtbot: QtBot) -> None:
    gauge.animationDuration = 150
    gauge.setValue(4.5)
    assert gauge.displayedValue < 4.5  # on its way, not there yet
    qtbot.waitUntil(lambda: gauge.displayedValue == pytest.approx(4.5), timeout=2000)
    gauge.setValue(2.5)
    qtbot.waitUntil(lambda: gauge.displayedValue == pytest.approx(2.5), timeout=2000)


def test_needle_jumps_when_animation_is_off(gauge: MosGauge) -> None:
    gauge.setValue(3.3)
    assert gauge.displayedValue == 3.3


def test_a_start_up_dip_does_not_stay_on_the_dial(gauge: MosGauge) -> None:
    """Issue 16: a clean call's first half second (2.8) stayed as "lowest so far" to the end."""
    gauge.setValue(2.8)
    gauge.noteRecent(2.8)
    assert not gauge.recentShown()  # the needle is there itself
    for mos in (3.9, 4.3, 4.4, 4.4):
        gauge.setValue(mos)
        gauge.noteRecent(4.4)
    assert gauge.recentValue() == 4.4
    assert not gauge.recentShown()
    assert "last second" not in gauge.accessibleDescription()


def test_recent_trouble_shows_while_the_last_second_is_worse(gauge: MosGauge) -> None:
    gauge.setValue(4.39)
    gauge.noteRecent(3.14)  # a dropout: the call so far hardly moves, the last second does
    assert gauge.recentShown()
    assert gauge.accessibleDescription() == "MOS 4.3, Excellent; the last second only MOS 3.1"
    gauge.noteRecent(4.31)  # recovered; as printed it reads like the needle ("4.3")
    assert not gauge.recentShown()
    assert gauge.accessibleDescription() == "MOS 4.3, Excellent"
    gauge.noteRecent(3.0)
    gauge.clearRecent()
    assert gauge.recentValue() is None
    assert not gauge.recentShown()


def test_the_trace_is_explained_by_its_tooltip(gauge: MosGauge) -> None:
    assert "last 1 s" in gauge.toolTip()
    assert "needle" in gauge.toolTip()


def test_recent_trace_and_its_label_are_drawn(
    gauge: MosGauge, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = MosGauge()
    qtbot.addWidget(other)
    other.animationDuration = 0
    other.resize(gauge.size())
    gauge.setValue(4.5)
    other.setValue(4.5)
    other.noteRecent(2.0)  # same value, but the last second was bad
    with_trace = other.grab().toImage()
    assert not np.array_equal(_pixels(gauge.grab().toImage()), _pixels(with_trace))
    # The "last 1 s" label is painted beside the notch: without its words the picture differs.
    monkeypatch.setattr(texts, "GAUGE_RECENT_LABEL", "")
    other.update()
    assert not np.array_equal(_pixels(other.grab().toImage()), _pixels(with_trace))
    monkeypatch.undo()
    other.clearRecent()
    assert np.array_equal(_pixels(gauge.grab().toImage()), _pixels(other.grab().toImage()))
