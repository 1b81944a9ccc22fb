"""The mini map: a world map (Equal Earth) with the text's countries coloured.

Shapes come from ``resources/map/world.json`` (Natural Earth, projected once by
``tools/build_map.py``). Paths are built once; the painted map is cached in a
pixmap at the screen's pixel ratio and redrawn only when the view changes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSaveFile, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QToolTip, QWidget

from reader.core.model import CountryUse
from reader.core.resources import resource_path
from reader.ui.selection import Selection
from reader.ui.theme import LIGHT, MapColours, Theme

LEGEND_ROWS = 10
FIT_MARGIN = 0.08


@dataclass(frozen=True)
class CountryShape:
    code: str
    name: str
    path: QPainterPath
    bounds: QRectF
    fit_bounds: QRectF  # without small far-off islands and territories
    label: QPointF


@dataclass(frozen=True)
class WorldShapes:
    countries: dict[str, CountryShape]
    sphere: QPainterPath
    bounds: QRectF


def _ring_area(points: Sequence[float]) -> float:
    area = 0.0
    n = len(points) // 2
    for i in range(n):
        x1, y1 = points[2 * i], points[2 * i + 1]
        x2, y2 = points[2 * ((i + 1) % n)], points[2 * ((i + 1) % n) + 1]
        area += x1 * y2 - x2 * y1
    return abs(area) / 2


def _polygon(points: Sequence[float]) -> QPolygonF:
    return QPolygonF([QPointF(points[i], points[i + 1]) for i in range(0, len(points) - 1, 2)])


@cache
def world_shapes() -> WorldShapes:
    """Load and build the country paths once."""
    with open(resource_path("map", "world.json"), encoding="utf-8") as fh:
        data = json.load(fh)
    countries: dict[str, CountryShape] = {}
    for row in data["countries"]:
        code = row.get("code")
        if not code:
            continue
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        areas = [_ring_area(ring) for ring in row["rings"]]
        largest = max(areas) if areas else 0.0
        fit = QRectF()
        for ring, area in zip(row["rings"], areas, strict=True):
            polygon = _polygon(ring)
            path.addPolygon(polygon)
            path.closeSubpath()
            if area >= 0.2 * largest:
                fit = fit.united(polygon.boundingRect()) if not fit.isNull() else polygon.boundingRect()
        label = QPointF(*row["label"])
        countries[code] = CountryShape(code, row["name"], path, path.boundingRect(), fit, label)
    sphere = QPainterPath()
    sphere.addPolygon(_polygon(data["sphere"]))
    sphere.closeSubpath()
    x0, y0, x1, y1 = data["bounds"]
    return WorldShapes(countries, sphere, QRectF(QPointF(x0, y0), QPointF(x1, y1)))


class MapRenderer:
    """Draws the map, coloured countries, an outline and a legend onto any painter."""

    def __init__(self, theme: Theme = LIGHT) -> None:
        self.shapes = world_shapes()
        self.theme = theme
        self.countries: list[CountryUse] = []
        self.colours: dict[str, QColor] = {}
        self.outlined: str | None = None
        self.legend = True
        self.waiting = ""  # shown instead of the legend while there is nothing to show yet

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme

    @property
    def palette(self) -> MapColours:
        return self.theme.map

    def set_countries(self, countries: Sequence[CountryUse]) -> None:
        self.countries = [c for c in countries if c.code in self.shapes.countries]
        self.colours = {c.code: QColor(c.colour) for c in self.countries}

    @property
    def note(self) -> str:
        if self.countries:
            return ""
        return self.waiting or "No countries are named in this text."

    def fit_rect(self) -> QRectF:
        """The part of the world to show: the caption's countries, else all coloured ones."""
        codes = [c.code for c in self.countries if c.from_legend] or [c.code for c in self.countries]
        rect = QRectF()
        for code in codes:
            bounds = self.shapes.countries[code].fit_bounds
            rect = bounds if rect.isNull() else rect.united(bounds)
        if rect.isNull():
            return QRectF(self.shapes.bounds)
        # A margin, and no closer than a region of about 40° across.
        w, h = max(rect.width(), 0.7), max(rect.height(), 0.35)
        centre = rect.center()
        rect = QRectF(centre.x() - w / 2, centre.y() - h / 2, w, h)
        return rect.adjusted(-w * FIT_MARGIN, -h * FIT_MARGIN, w * FIT_MARGIN, h * FIT_MARGIN)

    def transform_for(self, world: QRectF, target: QRectF) -> QTransform:
        """Map ``world`` (projected units) into ``target`` (pixels), keeping proportions.

        The extra room on the longer side is kept on the globe where it fits,
        rather than beyond the poles.
        """
        scale = min(target.width() / world.width(), target.height() / world.height())
        centre = QPointF(world.center())
        bounds = self.shapes.bounds
        for axis in ("x", "y"):
            half = (target.width() if axis == "x" else target.height()) / scale / 2
            low, high = (bounds.left(), bounds.right()) if axis == "x" else (bounds.top(), bounds.bottom())
            value = centre.x() if axis == "x" else centre.y()
            if 2 * half <= high - low:
                value = min(max(value, low + half), high - half)
            if axis == "x":
                centre.setX(value)
            else:
                centre.setY(value)
        dx = target.center().x() - centre.x() * scale
        dy = target.center().y() - centre.y() * scale
        return QTransform(scale, 0, 0, scale, dx, dy)

    def paint_map(self, painter: QPainter, transform: QTransform, target: QRectF) -> None:
        """Ocean, land, borders, coloured countries and the outline."""
        pal = self.palette
        painter.save()
        painter.setClipRect(target)
        painter.fillRect(target, pal.off_globe)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setTransform(transform, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pal.ocean)
        painter.drawPath(self.shapes.sphere)
        border = QPen(pal.border, 0.6)
        border.setCosmetic(True)
        painter.setPen(border)
        visible = transform.inverted()[0].mapRect(target)
        for code, shape in self.shapes.countries.items():
            if not shape.bounds.intersects(visible):
                continue
            painter.setBrush(self.colours.get(code, pal.land))
            painter.drawPath(shape.path)
        if self.outlined and self.outlined in self.shapes.countries:
            pen = QPen(pal.outline, 2.2)
            pen.setCosmetic(True)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.shapes.countries[self.outlined].path)
        painter.restore()

    def _legend_items(self, font: QFont) -> list[tuple[str, QColor | None]]:
        items: list[tuple[str, QColor | None]] = [
            (f"{c.name} {c.mentions}", QColor(c.colour)) for c in self.countries[:LEGEND_ROWS]
        ]
        extra = len(self.countries) - LEGEND_ROWS
        if extra > 0:
            items.append((f"+{extra} more", None))
        if self.note:
            items = [(self.note, None)]
        return items

    def _legend_layout(self, width: float, font: QFont) -> list[tuple[QRectF, str, QColor | None]]:
        """Where each legend chip goes: a flow of chips, left to right, in rows."""
        metrics = QFontMetricsF(font)
        line = metrics.height() + 4
        swatch = metrics.height() * 0.8
        pad = 8.0
        x, y = pad, 4.0
        placed = []
        for text, colour in self._legend_items(font):
            chip = metrics.horizontalAdvance(text) + (swatch + 5 if colour is not None else 0) + 12
            if x > pad and x + chip > width - pad:
                x, y = pad, y + line
            placed.append((QRectF(x, y, chip, line), text, colour))
            x += chip
        return placed

    def legend_height(self, width: float, font: QFont) -> float:
        if not self.legend:
            return 0.0
        placed = self._legend_layout(width, font)
        return (placed[-1][0].bottom() + 4) if placed else 0.0

    def paint_legend(self, painter: QPainter, target: QRectF, font: QFont) -> None:
        """Each coloured country with its colour and mentions, as chips below the map."""
        pal = self.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(target, pal.panel)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        swatch = metrics.height() * 0.8
        muted = QColor(pal.text)
        muted.setAlpha(160)
        for rect, text, colour in self._legend_layout(target.width(), font):
            rect = rect.translated(target.topLeft())
            x = rect.left()
            if colour is not None:
                edge = QColor(pal.text)
                edge.setAlpha(90)
                painter.setPen(QPen(edge, 1))
                painter.setBrush(colour)
                painter.drawRoundedRect(QRectF(x, rect.center().y() - swatch / 2, swatch, swatch), 2, 2)
                x += swatch + 5
                name, _space, count = text.rpartition(" ")
                painter.setPen(pal.text)
                painter.drawText(
                    QRectF(x, rect.top(), rect.right() - x, rect.height()), int(Qt.AlignmentFlag.AlignVCenter), name
                )
                x += metrics.horizontalAdvance(name + " ")
                painter.setPen(muted)
                painter.drawText(
                    QRectF(x, rect.top(), rect.right() - x, rect.height()), int(Qt.AlignmentFlag.AlignVCenter), count
                )
            else:
                painter.setPen(muted)
                painter.drawText(
                    QRectF(x, rect.top(), rect.width(), rect.height()), int(Qt.AlignmentFlag.AlignVCenter), text
                )
        painter.restore()

    def map_rect(self, target: QRectF, font: QFont) -> QRectF:
        """The part of ``target`` the map itself takes: all but the legend below it."""
        return QRectF(
            target.left(), target.top(), target.width(), target.height() - self.legend_height(target.width(), font)
        )

    def render(self, painter: QPainter, target: QRectF, font: QFont, world: QRectF | None = None) -> QTransform:
        """Draw the map and, below it, the legend into ``target``; return the map's transform."""
        area = self.map_rect(target, font)
        transform = self.transform_for(world or self.fit_rect(), area)
        self.paint_map(painter, transform, area)
        if self.legend:
            self.paint_legend(
                painter, QRectF(target.left(), area.bottom(), target.width(), target.bottom() - area.bottom()), font
            )
        return transform

    def export(self, path: str, size: QSize, font: QFont) -> None:
        """Write the map with its legend to a PNG or SVG file, atomically."""
        data = self.encode("svg" if path.lower().endswith(".svg") else "png", size, font)
        file = QSaveFile(path)
        if not file.open(QIODevice.OpenModeFlag.WriteOnly):
            raise OSError(file.errorString())
        file.write(data)
        if not file.commit():
            raise OSError(file.errorString())

    def encode(self, fmt: str, size: QSize, font: QFont) -> QByteArray:
        """The map with its legend as ``"svg"`` or ``"png"`` bytes."""
        target = QRectF(0, 0, size.width(), size.height())
        font = QFont(font)
        font.setPixelSize(max(11, round(size.width() / 90)))
        if fmt == "svg":
            buffer = QBuffer()
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            generator = QSvgGenerator()
            generator.setOutputDevice(buffer)
            generator.setSize(size)
            generator.setViewBox(target)
            generator.setTitle("Gazette map")
            painter = QPainter(generator)
            self.render(painter, target, font)
            painter.end()
            data = buffer.data()
        else:
            image = QImage(size, QImage.Format.Format_ARGB32)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            self.render(painter, target, font)
            painter.end()
            data = QByteArray()
            out = QBuffer(data)
            out.open(QIODevice.OpenModeFlag.WriteOnly)
            if not image.save(out, "PNG"):
                raise OSError("the image could not be encoded")
            out.close()
        return data


class MiniMap(QWidget):
    """The map widget: colours, legend, hover, click, wheel zoom, drag, double-click refit.

    It outlines the country of the place ``selection`` holds.
    """

    countryClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None, selection: Selection | None = None) -> None:
        super().__init__(parent)
        self.selection = selection or Selection(self)
        self.selection.countryChanged.connect(self.set_outline)
        self.renderer = MapRenderer()
        self.mentions: dict[str, CountryUse] = {}
        self.world = self.renderer.fit_rect()
        self._cache: QPixmap | None = None
        self._drag_from: QPointF | None = None
        self._dragged = False
        self.setMouseTracking(True)
        self.setMinimumSize(220, 130)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:
        return QSize(340, 210)

    # -- data ----------------------------------------------------------------

    def set_countries(self, countries: Sequence[CountryUse], waiting: str = "") -> None:
        """Colour these countries; ``waiting`` is the note to show while there are none yet."""
        self.renderer.set_countries(countries)
        self.renderer.waiting = waiting
        self.mentions = {c.code: c for c in countries}
        self.refit()

    def set_outline(self, code: str | None) -> None:
        self.renderer.outlined = code
        self.invalidate()

    def set_theme(self, theme: Theme) -> None:
        self.renderer.set_theme(theme)
        self.invalidate()

    @property
    def note(self) -> str:
        return self.renderer.note

    # -- view ------------------------------------------------------------------

    def refit(self) -> None:
        self.world = self.renderer.fit_rect()
        self.invalidate()

    def invalidate(self) -> None:
        self._cache = None
        self.update()

    def transform(self) -> QTransform:
        area = self.renderer.map_rect(QRectF(self.rect()), self.font())
        return self.renderer.transform_for(self.world, area)

    def world_point(self, pos: QPointF) -> QPointF:
        return self.transform().inverted()[0].map(pos)

    def widget_point(self, world: QPointF) -> QPointF:
        return self.transform().map(world)

    def country_at(self, pos: QPointF) -> str | None:
        if not self.renderer.map_rect(QRectF(self.rect()), self.font()).contains(pos):
            return None
        point = self.world_point(pos)
        for code, shape in self.renderer.shapes.countries.items():
            if shape.bounds.contains(point) and shape.path.contains(point):
                return code
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        ratio = self.devicePixelRatioF()
        if self._cache is None or self._cache.size() != self.size() * ratio:
            pixmap = QPixmap(self.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(self.palette().color(QPalette.ColorRole.Window))
            painter = QPainter(pixmap)
            self.renderer.render(painter, QRectF(self.rect()), self.font(), self.world)
            painter.end()
            self._cache = pixmap
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._cache)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.invalidate()
        super().resizeEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if not steps:
            return
        factor = 0.8**steps
        anchor = self.world_point(event.position())
        world = self.world
        w, h = world.width() * factor, world.height() * factor
        full = self.renderer.shapes.bounds
        if w > full.width() * 1.2 or w < 0.05:
            return
        fx = (anchor.x() - world.left()) / world.width()
        fy = (anchor.y() - world.top()) / world.height()
        self.world = QRectF(anchor.x() - fx * w, anchor.y() - fy * h, w, h)
        self.invalidate()
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = event.position()
            self._dragged = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None and event.buttons() & Qt.MouseButton.LeftButton:
            delta = event.position() - self._drag_from
            if self._dragged or delta.manhattanLength() > 3:
                self._dragged = True
                scale = self.transform().m11()
                self.world.translate(-delta.x() / scale, -delta.y() / scale)
                self._drag_from = event.position()
                self.invalidate()
            return
        code = self.country_at(event.position())
        if code is None:
            QToolTip.hideText()
            self.setCursor(Qt.CursorShape.ArrowCursor)
            return
        QToolTip.showText(event.globalPosition().toPoint(), self.describe(code), self)
        clickable = code in self.mentions
        self.setCursor(Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor)

    def describe(self, code: str) -> str:
        use = self.mentions.get(code)
        name = self.renderer.shapes.countries[code].name
        if use is None:
            return f"{name}\nNot mentioned"
        return f"{use.name}\n{'1 mention' if use.mentions == 1 else f'{use.mentions} mentions'}"

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self._dragged:
            code = self.country_at(event.position())
            if code is not None and code in self.mentions:
                self.countryClicked.emit(code)
        self._drag_from = None
        self._dragged = False

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.refit()
