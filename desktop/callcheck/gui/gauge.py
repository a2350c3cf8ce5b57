"""``MosGauge``: the live MOS dial of the desktop app (issue 7, "The gauge widget").

A custom-painted dial from MOS 1 to 5 with the grade bands of the MOS table, a needle animated to
the latest value, the value and its grade in words in the centre, a marker at the pass mark and
a faint, labelled "last 1 s" trace of the recent-trouble rating given to
:meth:`MosGauge.noteRecent`, shown while it reads lower than the needle.

Issue 16: the trace used to be the lowest value seen in the test, unlabelled, so a start-up dip
(the first half second's figures) stayed on the dial of a clean call to the end. It now follows
the last second: a dropout shows at once and goes once the call recovers; the tooltip and the
accessible description say what it is.

The bands, the pass mark and the grade of a value come from :mod:`callcheck.core.grades`; the
words from :mod:`callcheck.gui.texts`. The widget only draws.

Colours: the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), which stays
distinguishable with the common forms of colour blindness. It runs cool to warm: the two
passing bands are blue and bluish green, the three failing ones yellow, orange and vermillion.
Each band also carries its grade word, so colour is never the only cue.

Painting is split in two layers: the dial (bands, labels, scale, pass mark) is drawn once per
size, device pixel ratio and colour set into a cached pixmap; the needle, the recent trace and
the centre text are drawn on top every frame. That keeps a repaint well under 2 ms at 400 px.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import (
    Property,
    QEasingCurve,
    QEvent,
    QPointF,
    QPropertyAnimation,
    QRectF,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from callcheck.core.grades import GRADE_BANDS, PASS_MOS, Grade, format_mos, grade_for
from callcheck.gui import texts

#: The dial's range: the MOS table's lowest and highest values (1 and 5).
MOS_LOW: Final = min(band.low_mos for band in GRADE_BANDS)
MOS_HIGH: Final = max(band.high_mos for band in GRADE_BANDS)

#: Okabe–Ito colours per grade (see the module docstring).
DEFAULT_BAND_COLORS: Final[dict[Grade, str]] = {
    Grade.EXCELLENT: "#0072B2",  # blue
    Grade.GOOD: "#009E73",  # bluish green
    Grade.FAIR: "#F0E442",  # yellow
    Grade.POOR: "#E69F00",  # orange
    Grade.BAD: "#D55E00",  # vermillion
}

# Dial geometry. Angles in degrees, Qt's convention: counter-clockwise from 3 o'clock.
START_DEG: Final = 210.0  # where MOS 1 sits (8 o'clock)
SPAN_DEG: Final = -240.0  # clockwise to MOS 5 (4 o'clock)
# Radii and sizes as fractions of the band ring's outer radius R.
RING_INNER: Final = 0.80
NEEDLE_BASE: Final = 0.40
NEEDLE_TIP: Final = 0.88
NEEDLE_WIDTH: Final = 0.07
MARKER_OUTER: Final = 1.07
TICK_MINOR: Final = 0.76
TICK_MAJOR: Final = 0.73
SCALE_NUMBERS: Final = 0.65
PASS_LABEL: Final = 1.14
#: The "last 1 s" label is left out (tooltip and accessible description still say it) when the
#: trace is this close to the pass mark, whose label would overlap it (label ~0.4 R wide at
#: 1.14 R: ±10°, 60° per MOS).
RECENT_LABEL_CLEAR_MOS: Final = 0.35
# The whole drawing spans 2.24 R across and 1.62 R down (1.1 R above the centre: markers and the
# pass label; 0.52 R below it: the ends of the ring).
EXTENT_X: Final = 2.24
EXTENT_UP: Final = 1.10
EXTENT_DOWN: Final = 0.52
ASPECT: Final = (EXTENT_UP + EXTENT_DOWN) / EXTENT_X  # height / width
MARGIN_PX: Final = 4.0
MIN_FONT_PX: Final = 7

DEFAULT_ANIMATION_MS: Final = 300
RECENT_TRACE_ALPHA: Final = 90  # of 255: "faint"


@dataclass(frozen=True, slots=True)
class _Geometry:
    """Where the dial sits in the widget: centre and the ring's outer radius, in pixels."""

    cx: float
    cy: float
    r: float

    def point(self, angle_deg: float, radius: float) -> QPointF:
        """The point at ``angle_deg`` (Qt convention) and ``radius`` × R from the centre."""
        a = math.radians(angle_deg)
        return QPointF(
            self.cx + math.cos(a) * radius * self.r, self.cy - math.sin(a) * radius * self.r
        )

    def font_px(self, fraction_of_r: float) -> int:
        return max(MIN_FONT_PX, round(fraction_of_r * self.r))


def _angle_for(mos: float) -> float:
    return START_DEG + (mos - MOS_LOW) / (MOS_HIGH - MOS_LOW) * SPAN_DEG


def _relative_luminance(color: QColor) -> float:
    """WCAG 2.x relative luminance, to pick black or white text on a band."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def _text_color_on(background: QColor) -> QColor:
    """Black or white, whichever contrasts more with ``background`` (WCAG contrast ratio)."""
    lum = _relative_luminance(background)
    on_black = (lum + 0.05) / 0.05
    on_white = 1.05 / (lum + 0.05)
    return QColor(Qt.GlobalColor.black) if on_black >= on_white else QColor(Qt.GlobalColor.white)


def _as_color(color: QColor | QBrush | str) -> QColor:
    if isinstance(color, QBrush):
        return color.color()
    return QColor(color)


def _band_color_property(grade: Grade) -> Property:
    """A Qt colour property for one grade's band (``goodColor`` …), so style sheets reach it."""

    def getter(gauge: MosGauge) -> QColor:
        return gauge.bandColor(grade)

    def setter(gauge: MosGauge, color: QColor | QBrush | str) -> None:
        gauge.setBandColor(grade, color)

    return Property(QColor, getter, setter)


class MosGauge(QWidget):
    """A dial showing a MOS from 1 to 5.

    ``value`` is a Qt property (``valueChanged`` is its notify signal); :meth:`setValue` clamps
    to 1–5 and ignores NaN. Before the first value the dial shows "–". The colours are Qt
    properties too, so a style sheet can set them
    (``MosGauge { qproperty-needleColor: #333; qproperty-goodColor: green; }``); the needle and
    text colours follow the palette until set.
    """

    valueChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = math.nan
        self._displayed = MOS_LOW
        self._recent: float | None = None
        self._band_colors = {g: QColor(c) for g, c in DEFAULT_BAND_COLORS.items()}
        self._needle_color = QColor()  # invalid: follow the palette
        self._text_color = QColor()
        self._static: QPixmap | None = None
        self._static_key: tuple[int, int, float] | None = None

        self._animation = QPropertyAnimation(self, b"displayedValue", self)
        self._animation.setDuration(DEFAULT_ANIMATION_MS)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)

        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName(texts.GAUGE_ACCESSIBLE_NAME)
        self.setToolTip(texts.GAUGE_TOOLTIP)
        self._update_accessible_description()

    # ------------------------------------------------------------------ value

    def _get_value(self) -> float:
        return self._value

    @Slot(float)
    def setValue(self, mos: float) -> None:
        """Show ``mos``, clamped to 1–5; NaN is ignored. The needle moves there animated."""
        if math.isnan(mos):
            return
        mos = min(MOS_HIGH, max(MOS_LOW, float(mos)))
        first = math.isnan(self._value)
        if not first and mos == self._value:
            return
        self._value = mos
        self._animate_needle_to(mos, from_low=first)
        self._update_accessible_description()
        self.update()
        self.valueChanged.emit(mos)

    value = Property(float, _get_value, setValue, notify=valueChanged)
    """The MOS shown (NaN before the first value)."""

    def hasValue(self) -> bool:
        """False until the first value is set (and after :meth:`clear`)."""
        return not math.isnan(self._value)

    def grade(self) -> Grade | None:
        """The grade of the value shown, ``None`` before the first value."""
        return None if math.isnan(self._value) else grade_for(self._value)

    @Slot(float)
    def noteRecent(self, mos: float) -> None:
        """The recent-trouble rating: a MOS rated over the last second (clamped to 1–5; NaN
        ignored; :mod:`callcheck.core.live_rating`).

        The needle shows the call so far, which a short outage hardly moves; the trace shows
        this value while it reads lower than the needle, so a dropout shows on the dial at once
        and goes when the call recovers.
        """
        if math.isnan(mos):
            return
        mos = min(MOS_HIGH, max(MOS_LOW, float(mos)))
        if mos == self._recent:
            return
        self._recent = mos
        self._update_accessible_description()
        self.update()

    def recentValue(self) -> float | None:
        """The last :meth:`noteRecent` value (``None`` if none since :meth:`clearRecent`)."""
        return self._recent

    def recentShown(self) -> bool:
        """Whether the trace is on the dial: the last second reads lower than the needle (as
        printed: :func:`callcheck.core.grades.format_mos`, so "4.3" and "4.3" show none)."""
        if self._recent is None or math.isnan(self._value):
            return False
        return float(format_mos(self._recent)) < float(format_mos(self._value))

    @Slot()
    def clearRecent(self) -> None:
        """Forget the recent-trouble rating (a new test starts)."""
        self._recent = None
        self._update_accessible_description()
        self.update()

    @Slot()
    def clear(self) -> None:
        """Back to the "no value yet" state, with no recent-trouble trace."""
        self._animation.stop()
        self._value = math.nan
        self._recent = None
        self._displayed = MOS_LOW
        self._update_accessible_description()
        self.update()

    def _animate_needle_to(self, mos: float, *, from_low: bool) -> None:
        self._animation.stop()
        start = MOS_LOW if from_low else self._displayed
        if self._animation.duration() <= 0:
            self._set_displayed_value(mos)
            return
        self._animation.setStartValue(start)
        self._animation.setEndValue(mos)
        self._animation.start()

    def _get_displayed_value(self) -> float:
        return self._displayed

    def _set_displayed_value(self, mos: float) -> None:
        self._displayed = mos
        self.update()

    displayedValue = Property(float, _get_displayed_value, _set_displayed_value)
    """Where the needle points right now (animates towards ``value``)."""

    def _get_animation_duration(self) -> int:
        return self._animation.duration()

    def setAnimationDuration(self, msec: int) -> None:
        """Needle animation length in milliseconds; 0 moves the needle at once."""
        self._animation.setDuration(max(0, int(msec)))

    animationDuration = Property(int, _get_animation_duration, setAnimationDuration)
    """Needle animation in milliseconds; 0 moves the needle at once."""

    def _update_accessible_description(self) -> None:
        grade = self.grade()
        if grade is None:
            self.setAccessibleDescription(texts.GAUGE_NO_VALUE_DESCRIPTION)
        else:
            recent = self._recent if self.recentShown() else None
            self.setAccessibleDescription(texts.gauge_description(self._value, grade, recent))

    # ------------------------------------------------------------------ colours

    def bandColor(self, grade: Grade) -> QColor:
        """The colour of a grade's band."""
        return QColor(self._band_colors[grade])

    def setBandColor(self, grade: Grade, color: QColor | QBrush | str) -> None:
        """Recolour a grade's band."""
        self._band_colors[grade] = _as_color(color)
        self._invalidate_static()

    def currentBandColor(self) -> QColor | None:
        """The colour of the band the value is in, ``None`` before the first value."""
        grade = self.grade()
        return None if grade is None else self.bandColor(grade)

    excellentColor = _band_color_property(Grade.EXCELLENT)
    goodColor = _band_color_property(Grade.GOOD)
    fairColor = _band_color_property(Grade.FAIR)
    poorColor = _band_color_property(Grade.POOR)
    badColor = _band_color_property(Grade.BAD)

    def effectiveNeedleColor(self) -> QColor:
        """The needle colour: the one set, else the palette's text colour."""
        if self._needle_color.isValid():
            return QColor(self._needle_color)
        return self.palette().color(QPalette.ColorRole.WindowText)

    def _set_needle_color(self, color: QColor | QBrush | str) -> None:
        self._needle_color = _as_color(color)  # an invalid colour means "follow the palette"
        self.update()

    needleColor = Property(QColor, effectiveNeedleColor, _set_needle_color)

    def effectiveTextColor(self) -> QColor:
        """The text colour: the one set, else the palette's text colour."""
        if self._text_color.isValid():
            return QColor(self._text_color)
        return self.palette().color(QPalette.ColorRole.WindowText)

    def _set_text_color(self, color: QColor | QBrush | str) -> None:
        self._text_color = _as_color(color)
        self._invalidate_static()

    textColor = Property(QColor, effectiveTextColor, _set_text_color)

    def _invalidate_static(self) -> None:
        self._static = None
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
        ):
            self._static = None
        super().changeEvent(event)

    # ------------------------------------------------------------------ size

    def sizeHint(self) -> QSize:
        return QSize(360, self.heightForWidth(360))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.heightForWidth(200))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return math.ceil(width * ASPECT)

    def _geometry(self) -> _Geometry:
        w, h = float(self.width()), float(self.height())
        r = max(
            1.0,
            min((w - 2 * MARGIN_PX) / EXTENT_X, (h - 2 * MARGIN_PX) / (EXTENT_UP + EXTENT_DOWN)),
        )
        top = (h - (EXTENT_UP + EXTENT_DOWN) * r) / 2.0
        return _Geometry(cx=w / 2.0, cy=top + EXTENT_UP * r, r=r)

    def _font(self, geo: _Geometry, fraction_of_r: float, *, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(geo.font_px(fraction_of_r))
        font.setBold(bold)
        return font

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        geo = self._geometry()
        self.drawDial(painter, geo)
        if self.hasValue():
            if self.recentShown():
                self.drawRecentTrace(painter, geo)
            self.drawNeedle(painter, geo)
        self.drawCentreText(painter, geo)
        painter.end()

    def drawDial(self, painter: QPainter, geo: _Geometry) -> None:
        """The static layer, from the cache (redrawn when size, DPR or colours change)."""
        dpr = painter.device().devicePixelRatioF()
        key = (self.width(), self.height(), dpr)
        if self._static is None or self._static_key != key:
            pixmap = QPixmap(round(self.width() * dpr), round(self.height() * dpr))
            pixmap.setDevicePixelRatio(dpr)
            pixmap.fill(Qt.GlobalColor.transparent)
            layer = QPainter(pixmap)
            layer.setRenderHint(QPainter.RenderHint.Antialiasing)
            layer.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            self.drawBands(layer, geo)
            self.drawBandLabels(layer, geo)
            self.drawScale(layer, geo)
            self.drawPassMark(layer, geo)
            layer.end()
            self._static, self._static_key = pixmap, key
        painter.drawPixmap(0, 0, self._static)

    def drawBands(self, painter: QPainter, geo: _Geometry) -> None:
        """The five grade bands as one ring, each in its colour."""
        width = (1.0 - RING_INNER) * geo.r
        radius = geo.r - width / 2.0
        rect = QRectF(geo.cx - radius, geo.cy - radius, 2 * radius, 2 * radius)
        for band in GRADE_BANDS:
            pen = QPen(self._band_colors[band.grade], width)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            start = _angle_for(band.low_mos)
            span = _angle_for(band.high_mos) - start
            painter.drawArc(rect, round(start * 16), round(span * 16))  # 1/16 degree units

    def drawBandLabels(self, painter: QPainter, geo: _Geometry) -> None:
        """Each band's grade word on the band, along the ring (colour is not the only cue)."""
        radius = (1.0 + RING_INNER) / 2.0 * geo.r
        font = self._font(geo, 0.085, bold=True)
        for band in GRADE_BANDS:
            label = texts.grade_name(band.grade)
            start, end = _angle_for(band.low_mos), _angle_for(band.high_mos)
            # The chord across the band, less a little padding, is the room for the word.
            room = 2.0 * radius * math.sin(math.radians(abs(end - start)) / 2.0) * 0.9
            fitted = QFont(font)
            while (
                fitted.pixelSize() > MIN_FONT_PX
                and QFontMetricsF(fitted).horizontalAdvance(label) > room
            ):
                fitted.setPixelSize(fitted.pixelSize() - 1)
            painter.save()
            painter.setFont(fitted)
            painter.setPen(_text_color_on(self._band_colors[band.grade]))
            painter.translate(geo.cx, geo.cy)
            painter.rotate(90.0 - (start + end) / 2.0)  # the word's baseline along the ring
            height = (1.0 - RING_INNER) * geo.r
            painter.drawText(
                QRectF(-room, -radius - height / 2.0, 2 * room, height),
                Qt.AlignmentFlag.AlignCenter,
                label,
            )
            painter.restore()

    def drawScale(self, painter: QPainter, geo: _Geometry) -> None:
        """Ticks every half point inside the ring, numbered at the whole points."""
        color = self.effectiveTextColor()
        painter.setPen(QPen(color, max(1.0, geo.r * 0.012)))
        steps = round((MOS_HIGH - MOS_LOW) * 2)
        for i in range(steps + 1):
            mos = MOS_LOW + i / 2.0
            angle = _angle_for(mos)
            inner = TICK_MAJOR if i % 2 == 0 else TICK_MINOR
            painter.drawLine(geo.point(angle, RING_INNER - 0.01), geo.point(angle, inner))
        painter.setFont(self._font(geo, 0.08))
        size = geo.r * 0.2
        for whole in range(math.ceil(MOS_LOW), math.floor(MOS_HIGH) + 1):
            centre = geo.point(_angle_for(whole), SCALE_NUMBERS)
            painter.drawText(
                QRectF(centre.x() - size / 2, centre.y() - size / 2, size, size),
                Qt.AlignmentFlag.AlignCenter,
                str(whole),
            )

    def drawPassMark(self, painter: QPainter, geo: _Geometry) -> None:
        """A bar across the ring at the pass mark (4.0), labelled outside it."""
        angle = _angle_for(PASS_MOS)
        color = self.effectiveTextColor()
        pen = QPen(color, max(2.0, geo.r * 0.025))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawLine(geo.point(angle, RING_INNER - 0.04), geo.point(angle, MARKER_OUTER))
        rect, font = self.passLabelLayout(geo)
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, texts.GAUGE_PASS_MARK)

    def passLabelLayout(self, geo: _Geometry | None = None) -> tuple[QRectF, QFont]:
        """Where the pass mark's word goes and in what font: outside the ring by the mark,
        inside the widget, the font made smaller until the word fits ("bestanden" is longer
        than "pass"; issue 16, translations)."""
        geo = geo or self._geometry()
        centre = geo.point(_angle_for(PASS_MOS), PASS_LABEL)
        # As wide as 0.4 r, but never past the widget's edge (the label sits right of centre).
        half = max(1.0, min(geo.r * 0.2, self.width() - centre.x() - 1.0, centre.x() - 1.0))
        h = geo.r * 0.12
        font = self._font(geo, 0.075)
        while (
            font.pixelSize() > MIN_FONT_PX
            and QFontMetricsF(font).horizontalAdvance(texts.GAUGE_PASS_MARK) > 2 * half
        ):
            font.setPixelSize(font.pixelSize() - 1)
        return QRectF(centre.x() - half, centre.y() - h / 2, 2 * half, h), font

    def drawRecentTrace(self, painter: QPainter, geo: _Geometry) -> None:
        """A faint ghost needle and a notch outside the ring at the last second's rating,
        labelled "last 1 s" outside the notch (unless the pass mark's label is in the way)."""
        if self._recent is None:
            return
        angle = _angle_for(self._recent)
        color = self.effectiveNeedleColor()
        color.setAlpha(RECENT_TRACE_ALPHA)
        pen = QPen(color, max(1.5, geo.r * 0.02))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(geo.point(angle, NEEDLE_BASE), geo.point(angle, 1.0))
        half = math.degrees(0.035 / MARKER_OUTER)
        notch = QPolygonF(
            [
                geo.point(angle, 1.005),
                geo.point(angle + half * 1.4, MARKER_OUTER),
                geo.point(angle - half * 1.4, MARKER_OUTER),
            ]
        )
        painter.setPen(Qt.PenStyle.NoPen)
        color.setAlpha(min(255, RECENT_TRACE_ALPHA * 2))
        painter.setBrush(color)
        painter.drawPolygon(notch)
        if abs(self._recent - PASS_MOS) < RECENT_LABEL_CLEAR_MOS:
            return
        label = self.effectiveTextColor()
        label.setAlphaF(0.75)  # as the caption: readable, quieter than the figures
        painter.setPen(label)
        painter.setFont(self._font(geo, 0.065))
        centre = geo.point(angle, PASS_LABEL)
        w, h = geo.r * 0.4, geo.r * 0.12
        # Kept inside the widget at the ends of the dial (MOS 1 and 5 sit near its edges).
        x = min(max(centre.x() - w / 2, 0.0), self.width() - w)
        y = min(max(centre.y() - h / 2, 0.0), self.height() - h)
        painter.drawText(
            QRectF(x, y, w, h),
            Qt.AlignmentFlag.AlignCenter,
            texts.GAUGE_RECENT_LABEL,
        )

    def drawNeedle(self, painter: QPainter, geo: _Geometry) -> None:
        """A tapered pointer from around the centre text into the ring."""
        angle = _angle_for(self._displayed)
        half_width_deg = math.degrees(NEEDLE_WIDTH / 2.0 / NEEDLE_BASE)
        needle = QPolygonF(
            [
                geo.point(angle + half_width_deg, NEEDLE_BASE),
                geo.point(angle, NEEDLE_TIP),
                geo.point(angle - half_width_deg, NEEDLE_BASE),
            ]
        )
        outline = self.palette().color(QPalette.ColorRole.Window)
        painter.setPen(QPen(outline, max(1.0, geo.r * 0.008)))
        painter.setBrush(self.effectiveNeedleColor())
        painter.drawPolygon(needle)

    def drawCentreText(self, painter: QPainter, geo: _Geometry) -> None:
        """The caption, the value, and the grade word on a chip in its band's colour."""
        color = self.effectiveTextColor()
        caption = QColor(color)
        caption.setAlphaF(0.7)
        painter.setPen(caption)
        painter.setFont(self._font(geo, 0.075))
        w = geo.r * 0.7
        painter.drawText(
            QRectF(geo.cx - w / 2, geo.cy - 0.36 * geo.r, w, 0.12 * geo.r),
            Qt.AlignmentFlag.AlignCenter,
            texts.GAUGE_CAPTION,
        )
        painter.setPen(color)
        painter.setFont(self._font(geo, 0.30, bold=True))
        painter.drawText(
            QRectF(geo.cx - w / 2, geo.cy - 0.22 * geo.r, w, 0.36 * geo.r),
            Qt.AlignmentFlag.AlignCenter,
            texts.mos_text(self._value),
        )
        grade = self.grade()
        if grade is None:
            return
        word = texts.grade_name(grade)
        font = self._font(geo, 0.09, bold=True)
        metrics = QFontMetricsF(font)
        chip_w = metrics.horizontalAdvance(word) + metrics.height()
        chip_h = metrics.height() * 1.3
        chip = QRectF(geo.cx - chip_w / 2, geo.cy + 0.20 * geo.r, chip_w, chip_h)
        band = self._band_colors[grade]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(band)
        painter.drawRoundedRect(chip, chip_h / 2, chip_h / 2)
        painter.setPen(_text_color_on(band))
        painter.setFont(font)
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, word)
