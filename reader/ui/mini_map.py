"""The mini map: a world map (Equal Earth) with the text's countries coloured.

Shapes come from ``resources/map/world.json`` (Natural Earth, projected once by
``tools/build_map.py``). Paths are built once; the painted map is cached in a
pixmap at the screen's pixel ratio and redrawn only when the view changes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from math import atan2, ceil, pi

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
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
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QFileDialog, QGridLayout, QToolTip, QWidget

from reader.core.files import write_atomically
from reader.core.model import CountryUse
from reader.core.resources import resource_path
from reader.ui.article.tooltip import tooltip_markup
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


#: Points on a country's main land, this many across its longer side (see :func:`land_points`).
LAND_GRID = 40
#: A country with less than this share of its main land in view is off the map.
OFF_MAP_SHARE = 0.02
#: A country with at least this share of its main land outside the view is partly off the map.
PARTLY_OFF_SHARE = 0.1


@cache
def land_points(code: str) -> tuple[tuple[float, float], ...]:
    """Points spread evenly over the main land of ``code`` (projected units), for what share is in view.

    The country is drawn once onto a grid of :data:`LAND_GRID` cells across its
    main land's bounds; the centre of each cell it covers is a point, so each
    point stands for the same area.
    """
    shape = world_shapes().countries[code]
    fit = shape.fit_bounds
    side = max(fit.width(), fit.height())
    if side <= 0:
        return ((fit.center().x(), fit.center().y()),)
    scale = LAND_GRID / side
    width, height = max(1, ceil(fit.width() * scale)), max(1, ceil(fit.height() * scale))
    image = QImage(width, height, QImage.Format.Format_Grayscale8)
    image.fill(0)
    painter = QPainter(image)
    painter.setTransform(QTransform(scale, 0, 0, scale, -fit.left() * scale, -fit.top() * scale))
    painter.fillPath(shape.path, QColor(255, 255, 255))
    painter.end()
    pixels = bytes(image.constBits())
    stride = image.bytesPerLine()
    points = tuple(
        (fit.left() + (x + 0.5) / scale, fit.top() + (y + 0.5) / scale)
        for y in range(height)
        for x in range(width)
        if pixels[y * stride + x] > 127
    )
    return points or ((fit.center().x(), fit.center().y()),)


#: Arrows pointing from the view toward a country outside it, by (dx, dy).
ARROWS: dict[tuple[int, int], str] = {
    (-1, 0): "←", (1, 0): "→", (0, -1): "↑", (0, 1): "↓",
    (-1, -1): "↖", (1, -1): "↗", (-1, 1): "↙", (1, 1): "↘",
}  # fmt: skip
#: The arrows by angle, from east (0°) clockwise in steps of 45° (the projection's y grows southward).
EIGHT_WAYS = ("→", "↘", "↓", "↙", "←", "↖", "↑", "↗")
DIRECTIONS: dict[str, str] = {
    "←": "west", "→": "east", "↑": "north", "↓": "south",
    "↖": "north-west", "↗": "north-east", "↙": "south-west", "↘": "south-east",
}  # fmt: skip
#: Pixels kept clear around the fitted countries.
FIT_PADDING = 10.0
#: A country the caption does not colour joins the fit if that grows it at most this much.
FIT_GROWTH = 1.6
#: The legend's last chip, when a count has a "+ n" part.
PLUS_NOTE = "+ n: its places and nationality"


def _plural(n: int) -> str:
    return "1 mention" if n == 1 else f"{n} mentions"


def own_mentions(use: CountryUse) -> int:
    """The mentions of the country by its own name (what the entity panel counts for it)."""
    return sum(n for name, n in use.parts if name == use.name)


def count_label(use: CountryUse) -> str:
    """The legend's count: the country's own name, then ``+ n`` for its places and nationality words."""
    if not use.parts:
        return str(use.mentions)
    own = own_mentions(use)
    extra = use.mentions - own
    if not extra:
        return str(own)
    return f"{own} + {extra}" if own else f"+ {extra}"


def describe_use(use: CountryUse) -> str:
    """``North Korea``, then what its mentions are: ``14 mentions: 8 as “North Korea”, 6 as “North Korean”``."""
    text = _plural(use.mentions)
    if use.parts and (len(use.parts) > 1 or use.parts[0][0] != use.name):
        text += ": " + ", ".join(f"{n} as “{name}”" for name, n in use.parts)
    return f"{use.name}\n{text}"


@dataclass(frozen=True)
class LegendItem:
    """One legend chip: a country (``code``) with its colour and count, or a note (``code`` None)."""

    code: str | None
    name: str
    count: str = ""
    colour: QColor | None = None
    off_map: str = ""  # an arrow toward the country (or its part) outside the view
    description: str = ""
    partly: bool = False  # only part of the country is outside the view

    @property
    def text(self) -> str:
        return " ".join(part for part in (self.name, self.count, self.marker) if part)

    @property
    def marker(self) -> str:
        if not self.off_map:
            return ""
        return f"{self.off_map} partly off map" if self.partly else f"{self.off_map} off map"


@dataclass(frozen=True)
class MapLayout:
    """Where the map goes in a target, how the world maps onto it, and what falls outside."""

    area: QRectF
    transform: QTransform
    off_map: dict[str, str]  # country code -> arrow toward it
    chips: list[tuple[QRectF, LegendItem]]
    partly_off_map: dict[str, str] = field(default_factory=dict)  # country code -> arrow toward its part outside


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

    def fit_rect(self, extra: Iterable[str] = ()) -> QRectF:
        """The part of the world to show (projected units, without padding).

        The caption's countries (else all coloured ones), then each other
        coloured country that grows the frame by at most :data:`FIT_GROWTH`,
        and the ``extra`` countries asked for.
        """
        shapes = self.shapes.countries
        core = [c.code for c in self.countries if c.from_legend] or [c.code for c in self.countries]
        rect = QRectF()
        for code in core:
            bounds = shapes[code].fit_bounds
            rect = bounds if rect.isNull() else rect.united(bounds)
        if rect.isNull():
            return QRectF(self.shapes.bounds)
        base = max(rect.width(), 0.7) * max(rect.height(), 0.35)
        for use in self.countries:
            if use.code in core:
                continue
            grown = rect.united(shapes[use.code].fit_bounds)
            if max(grown.width(), 0.7) * max(grown.height(), 0.35) <= FIT_GROWTH * base:
                rect = grown
        for code in extra:
            if code in shapes:
                rect = rect.united(shapes[code].fit_bounds)
        # A margin, and no closer than a region of about 40° across.
        w, h = max(rect.width(), 0.7), max(rect.height(), 0.35)
        centre = rect.center()
        rect = QRectF(centre.x() - w / 2, centre.y() - h / 2, w, h)
        return rect.adjusted(-w * FIT_MARGIN, -h * FIT_MARGIN, w * FIT_MARGIN, h * FIT_MARGIN)

    def transform_for(self, world: QRectF, target: QRectF) -> QTransform:
        """Map ``world`` (projected units) into ``target`` (pixels), keeping proportions.

        ``world`` is kept :data:`FIT_PADDING` pixels clear of the edges where
        ``target`` allows it. The extra room on the longer side is kept on the
        globe where it fits, rather than beyond the poles.
        """
        pad = FIT_PADDING if target.width() > 8 * FIT_PADDING and target.height() > 8 * FIT_PADDING else 0.0
        inner = target.adjusted(pad, pad, -pad, -pad)
        scale = min(inner.width() / world.width(), inner.height() / world.height())
        centre = QPointF(world.center())
        bounds = self.shapes.bounds
        for axis in ("x", "y"):
            half = (target.width() if axis == "x" else target.height()) / scale / 2
            low, high = (bounds.left(), bounds.right()) if axis == "x" else (bounds.top(), bounds.bottom())
            value = centre.x() if axis == "x" else centre.y()
            # Shift the spare room onto the globe, but never so far that ``world`` leaves the view.
            room = half - (world.width() if axis == "x" else world.height()) / 2
            if 2 * half <= high - low and room > 0:
                clamped = min(max(value, low + half), high - half)
                value = min(max(clamped, value - room), value + room)
            if axis == "x":
                centre.setX(value)
            else:
                centre.setY(value)
        dx = target.center().x() - centre.x() * scale
        dy = target.center().y() - centre.y() * scale
        return QTransform(scale, 0, 0, scale, dx, dy)

    # -- what is in view ---------------------------------------------------------

    def outside(self, visible: QRectF) -> tuple[dict[str, str], dict[str, str]]:
        """The coloured countries off the map and those partly off it, given ``visible`` (projected units).

        Each comes with an arrow: toward the country when it is off the map,
        toward its part outside when it is partly off. A country is off the map
        when less than :data:`OFF_MAP_SHARE` of its main land is in view, and
        partly off when :data:`PARTLY_OFF_SHARE` or more of it is outside.
        """
        off: dict[str, str] = {}
        partly: dict[str, str] = {}
        left, top, right, bottom = visible.left(), visible.top(), visible.right(), visible.bottom()
        for use in self.countries:
            fit = self.shapes.countries[use.code].fit_bounds
            if visible.contains(fit):
                continue
            points = land_points(use.code)
            out = [(x, y) for x, y in points if not (left <= x <= right and top <= y <= bottom)]
            if len(points) - len(out) < OFF_MAP_SHARE * len(points):
                centre = fit.center()
                dx = -1 if centre.x() < left else 1 if centre.x() > right else 0
                dy = -1 if centre.y() < top else 1 if centre.y() > bottom else 0
                off[use.code] = ARROWS.get((dx, dy), "→")
            elif len(out) >= PARTLY_OFF_SHARE * len(points):
                # Toward the part outside: the mean of how far each of its points lies beyond the edges.
                sx = sum(min(x - left, 0.0) + max(x - right, 0.0) for x, _y in out)
                sy = sum(min(y - top, 0.0) + max(y - bottom, 0.0) for _x, y in out)
                partly[use.code] = EIGHT_WAYS[round(atan2(sy, sx) / (pi / 4)) % 8]
        return off, partly

    def off_map(self, visible: QRectF) -> dict[str, str]:
        """The coloured countries off the map given ``visible`` (see :meth:`outside`), each with an arrow toward it."""
        return self.outside(visible)[0]

    def layout(self, target: QRectF, font: QFont, world: QRectF | None = None) -> MapLayout:
        """Lay out the map and its legend in ``target``, showing ``world`` (by default the fit)."""
        world = world or self.fit_rect()
        # The legend's height and what is off the map depend on each other: the room kept for
        # the legend only grows, so the notes of the last map always fit under it.
        height = 0.0
        for _attempt in range(4):
            area = QRectF(target.left(), target.top(), target.width(), max(1.0, target.height() - height))
            transform = self.transform_for(world, area)
            off, partly = self.outside(transform.inverted()[0].mapRect(area))
            chips = self.legend_layout(target.width(), font, off, partly) if self.legend else []
            needed = (chips[-1][0].bottom() + 4) if chips else 0.0
            if needed <= height:
                break
            height = needed
        else:
            area = QRectF(target.left(), target.top(), target.width(), max(1.0, target.height() - height))
            transform = self.transform_for(world, area)
        chips = [(rect.translated(target.left(), area.bottom()), item) for rect, item in chips]
        return MapLayout(area, transform, off, chips, partly)

    # -- the legend ----------------------------------------------------------------

    def legend_items(
        self, off_map: dict[str, str] | None = None, partly_off_map: dict[str, str] | None = None
    ) -> list[LegendItem]:
        """The chips: each coloured country (the first :data:`LEGEND_ROWS`), then notes."""
        off_map = off_map or {}
        partly_off_map = partly_off_map or {}
        if self.note:
            return [LegendItem(None, self.note)]
        items = []
        for use in self.countries[:LEGEND_ROWS]:
            arrow = off_map.get(use.code, "")
            partly = partly_off_map.get(use.code, "")
            description = describe_use(use).replace("\n", " — ", 1)
            if arrow:
                description += f". Outside the map, to the {DIRECTIONS[arrow]}: choose it to show it."
            elif partly:
                description += f". Partly outside the map, to the {DIRECTIONS[partly]}: choose it to show it whole."
            items.append(
                LegendItem(
                    use.code,
                    use.name,
                    count_label(use),
                    QColor(use.colour),
                    off_map=arrow or partly,
                    description=description,
                    partly=bool(partly),
                )
            )
        extra = len(self.countries) - LEGEND_ROWS
        if extra > 0:
            items.append(LegendItem(None, f"+{extra} more"))
        if any("+" in item.count for item in items):
            items.append(LegendItem(None, PLUS_NOTE))
        return items

    def legend_layout(
        self,
        width: float,
        font: QFont,
        off_map: dict[str, str] | None = None,
        partly_off_map: dict[str, str] | None = None,
    ) -> list[tuple[QRectF, LegendItem]]:
        """Where each legend chip goes, from the legend's top left: a flow of chips in rows."""
        metrics = QFontMetricsF(font)
        line = metrics.height() + 4
        swatch = metrics.height() * 0.8
        pad = 8.0
        x, y = pad, 4.0
        placed = []
        for item in self.legend_items(off_map, partly_off_map):
            chip = metrics.horizontalAdvance(item.text) + (swatch + 5 if item.colour is not None else 0) + 12
            if x > pad and x + chip > width - pad:
                x, y = pad, y + line
            placed.append((QRectF(x, y, chip, line), item))
            x += chip
        return placed

    def legend_height(self, width: float, font: QFont) -> float:
        """The legend's height at ``width`` (with nothing off the map)."""
        chips = self.legend_layout(width, font) if self.legend else []
        return (chips[-1][0].bottom() + 4) if chips else 0.0

    def paint_chip(self, painter: QPainter, rect: QRectF, item: LegendItem, font: QFont, focused: bool = False) -> None:
        """One chip: swatch, name, count (muted) and, when (partly) off the map, an arrow that says so."""
        pal = self.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        swatch = metrics.height() * 0.8
        muted = QColor(pal.text)
        muted.setAlpha(160)
        if focused:
            pen = QPen(pal.outline, 1.5)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 4, 4)
        x = rect.left() + 3
        align = int(Qt.AlignmentFlag.AlignVCenter)
        if item.colour is None:
            painter.setPen(muted)
            painter.drawText(QRectF(x, rect.top(), rect.right() - x, rect.height()), align, item.name)
            painter.restore()
            return
        edge = QColor(pal.text)
        edge.setAlpha(90)
        painter.setPen(QPen(edge, 1))
        painter.setBrush(item.colour)
        painter.drawRoundedRect(QRectF(x, rect.center().y() - swatch / 2, swatch, swatch), 2, 2)
        x += swatch + 5
        for text, colour in ((item.name, pal.text), (item.count, muted), (item.marker, pal.text)):
            if not text:
                continue
            painter.setPen(colour)
            painter.drawText(QRectF(x, rect.top(), rect.right() - x + 4, rect.height()), align, text)
            x += metrics.horizontalAdvance(text + " ")
        painter.restore()

    def paint_legend(
        self, painter: QPainter, target: QRectF, font: QFont, chips: list[tuple[QRectF, LegendItem]]
    ) -> None:
        """The panel below the map and its chips (``chips`` as :meth:`layout` placed them)."""
        painter.fillRect(target, self.palette.panel)
        for rect, item in chips:
            self.paint_chip(painter, rect, item, font)

    def map_rect(self, target: QRectF, font: QFont, world: QRectF | None = None) -> QRectF:
        """The part of ``target`` the map itself takes: all but the legend below it."""
        return self.layout(target, font, world).area

    # -- paint ---------------------------------------------------------------------

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

    def render(self, painter: QPainter, target: QRectF, font: QFont, world: QRectF | None = None) -> QTransform:
        """Draw the map and, below it, the legend into ``target``; return the map's transform."""
        layout = self.layout(target, font, world)
        self.paint_map(painter, layout.transform, layout.area)
        if self.legend:
            legend = QRectF(target.left(), layout.area.bottom(), target.width(), target.bottom() - layout.area.bottom())
            self.paint_legend(painter, legend, font, layout.chips)
        return layout.transform

    def export(self, path: str, size: QSize, font: QFont) -> None:
        """Write the map with its legend to a PNG or SVG file, atomically; raises OSError if it fails."""
        data = self.encode("svg" if path.lower().endswith(".svg") else "png", size, font)
        write_atomically(path, bytes(data.data()))

    @staticmethod
    def export_font(font: QFont, size: QSize, legend_px: int | None = None) -> QFont:
        """The legend's font in an export of ``size``: ``legend_px`` pixels, else in proportion to its width."""
        font = QFont(font)
        font.setPixelSize(legend_px or max(11, round(size.width() / 90)))
        return font

    def encode(self, fmt: str, size: QSize, font: QFont, legend_px: int | None = None) -> QByteArray:
        """The map with its legend as ``"svg"`` or ``"png"`` bytes (legend text ``legend_px`` high if given)."""
        target = QRectF(0, 0, size.width(), size.height())
        font = self.export_font(font, size, legend_px)
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
            if not image.save(out, "PNG"):  # type: ignore[call-overload]  # the stubs say bytes; only str works
                raise OSError("the image could not be encoded")
            out.close()
        return data


class LegendChip(QAbstractButton):
    """A legend chip in the window: a button to screen readers, with its country's name and counts.

    A click chooses it; the keyboard reaches it through the map (see :class:`MiniMap`).
    """

    def __init__(self, owner: MiniMap, item: LegendItem) -> None:
        super().__init__(owner)
        self.owner = owner
        self.item = item
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.set_item(item)

    def set_item(self, item: LegendItem) -> None:
        self.item = item
        self.setText(item.text)
        self.setAccessibleName(item.name)
        self.setAccessibleDescription(item.description or item.text)
        self.setToolTip(tooltip_markup(item.description or item.text))
        self.setCursor(Qt.CursorShape.PointingHandCursor if item.code else Qt.CursorShape.ArrowCursor)
        self.update()

    @property
    def current(self) -> bool:
        """Whether the keyboard is on this chip: the map has the focus and this is its current chip."""
        return self.owner.hasFocus() and self.owner.current_chip() is self

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.owner.renderer.paint_chip(painter, QRectF(self.rect()), self.item, self.font(), self.current)
        painter.end()


class MiniMap(QWidget):
    """The map widget: colours, legend chips, hover, click, wheel zoom, drag, double-click refit.

    It outlines the country of the place ``selection`` holds. It is one Tab
    stop: with the focus, the arrow keys move between the legend's chips (the
    current one ringed) and Enter chooses one, as a click does. The view fits the
    coloured countries to the widget's size, and follows it on resizes until
    the reader zooms or drags; a double click fits again.
    """

    countryClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None, selection: Selection | None = None) -> None:
        super().__init__(parent)
        self.selection = selection or Selection(self)
        self.selection.countryChanged.connect(self.set_outline)
        self.renderer = MapRenderer()
        self.mentions: dict[str, CountryUse] = {}
        self.shown: set[str] = set()  # countries brought into the fit from the legend
        self.user_view = False  # zoomed or dragged: resizes keep the view
        self.world = self.renderer.fit_rect()
        self.chips: list[LegendChip] = []
        self._current: str | None = None  # the country of the chip the keyboard is on
        self._layout: MapLayout | None = None
        self._cache: QPixmap | None = None
        self._drag_from: QPointF | None = None
        self._dragged = False
        self.setMouseTracking(True)
        self.setMinimumSize(220, 130)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName("Map")
        # One Tab stop for the map and its legend: the arrow keys move between
        # the chips, Enter chooses one.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def sizeHint(self) -> QSize:
        return QSize(340, 210)

    # -- data ----------------------------------------------------------------

    def set_countries(self, countries: Sequence[CountryUse], waiting: str = "") -> None:
        """Colour these countries; ``waiting`` is the note to show while there are none yet."""
        self.renderer.set_countries(countries)
        self.renderer.waiting = waiting
        self.mentions = {c.code: c for c in countries}
        self.shown = set()
        self.refit()

    def set_outline(self, code: str | None) -> None:
        self.renderer.outlined = code
        self.invalidate(relayout=False)

    def set_theme(self, theme: Theme) -> None:
        self.renderer.set_theme(theme)
        self.invalidate()

    @property
    def note(self) -> str:
        return self.renderer.note

    @property
    def off_map(self) -> dict[str, str]:
        """The coloured countries outside the view, each with an arrow toward it."""
        return self.current_layout().off_map

    @property
    def partly_off_map(self) -> dict[str, str]:
        """The coloured countries the view cuts, each with an arrow toward its part outside."""
        return self.current_layout().partly_off_map

    # -- view ------------------------------------------------------------------

    def refit(self) -> None:
        """Fit the coloured countries (and those shown from the legend) to the widget's size."""
        self.user_view = False
        self.world = self.renderer.fit_rect(sorted(self.shown))
        self.invalidate()

    def show_country(self, code: str) -> None:
        """Bring ``code`` into view: fit it with the others."""
        self.shown.add(code)
        self.refit()

    def invalidate(self, relayout: bool = True) -> None:
        self._cache = None
        if relayout:
            self._layout = None
            self._place_chips()
        self.update()

    def current_layout(self) -> MapLayout:
        if self._layout is None:
            self._layout = self.renderer.layout(QRectF(self.rect()), self.font(), self.world)
        return self._layout

    def transform(self) -> QTransform:
        return self.current_layout().transform

    def world_point(self, pos: QPointF) -> QPointF:
        return self.transform().inverted()[0].map(pos)

    def widget_point(self, world: QPointF) -> QPointF:
        return self.transform().map(world)

    def country_at(self, pos: QPointF) -> str | None:
        if not self.current_layout().area.contains(pos):
            return None
        point = self.world_point(pos)
        for code, shape in self.renderer.shapes.countries.items():
            if shape.bounds.contains(point) and shape.path.contains(point):
                return code
        return None

    # -- legend chips ------------------------------------------------------------

    def _place_chips(self) -> None:
        """Make, update and place the chip widgets as the layout says."""
        placed = self.current_layout().chips
        while len(self.chips) > len(placed):
            chip = self.chips.pop()
            chip.hide()
            chip.deleteLater()
        for i, (rect, item) in enumerate(placed):
            if i < len(self.chips):
                chip = self.chips[i]
                if chip.item != item:
                    chip.set_item(item)
            else:
                chip = LegendChip(self, item)
                chip.clicked.connect(lambda _checked=False, c=chip: self._chip_chosen(c))
                self.chips.append(chip)
            chip.setGeometry(rect.toAlignedRect())
            chip.show()
        self._describe_map()

    def country_chips(self) -> list[LegendChip]:
        return [chip for chip in self.chips if chip.item.code]

    def current_chip(self) -> LegendChip | None:
        """The chip the keyboard is on (the first country's until the arrows move it)."""
        chips = self.country_chips()
        if not chips:
            return None
        return next((c for c in chips if c.item.code == self._current), chips[0])

    def move_current(self, step: int) -> None:
        """Move the keyboard's chip ``step`` chips on (stopping at the ends), and say so to screen readers."""
        chips = self.country_chips()
        current = self.current_chip()
        if current is None:
            return
        index = min(max(chips.index(current) + step, 0), len(chips) - 1)
        self._current = chips[index].item.code
        for chip in chips:
            chip.update()
        if self.hasFocus():
            QAccessible.updateAccessibility(QAccessibleEvent(chips[index], QAccessible.Event.Focus))

    def _chip_chosen(self, chip: LegendChip) -> None:
        code = chip.item.code
        if code is None:
            return
        self._current = code
        if code in self.off_map or code in self.partly_off_map:
            self.show_country(code)
        self.countryClicked.emit(code)

    def _describe_map(self) -> None:
        layout = self.current_layout()
        if self.note:
            self.setAccessibleDescription(self.note)
            return
        inside = [use for use in self.renderer.countries if use.code not in layout.off_map]
        outside = [use for use in self.renderer.countries if use.code in layout.off_map]
        cut = [use for use in self.renderer.countries if use.code in layout.partly_off_map]
        text = "Countries coloured: " + "; ".join(describe_use(u).replace("\n", ", ") for u in inside) + "."
        if cut:
            text += " Partly outside the view: " + ", ".join(u.name for u in cut) + "."
        if outside:
            text += " Outside the view: " + ", ".join(u.name for u in outside) + "."
        self.setAccessibleDescription(text)

    # -- events --------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        steps = {
            Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1,
            Qt.Key.Key_Home: -LEGEND_ROWS, Qt.Key.Key_End: LEGEND_ROWS,
        }  # fmt: skip
        chip = self.current_chip()
        if key in steps and chip is not None:
            self.move_current(steps[key])  # type: ignore[index]
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space, Qt.Key.Key_Select) and chip is not None:
            self._chip_chosen(chip)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        chip = self.current_chip()
        if chip is not None:
            chip.update()
            QAccessible.updateAccessibility(QAccessibleEvent(chip, QAccessible.Event.Focus))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        for chip in self.country_chips():
            chip.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        ratio = self.devicePixelRatioF()
        if self._cache is None or self._cache.size() != self.size() * ratio:
            pixmap = QPixmap(self.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(self.palette().color(QPalette.ColorRole.Window))
            painter = QPainter(pixmap)
            layout = self.current_layout()
            self.renderer.paint_map(painter, layout.transform, layout.area)
            painter.fillRect(
                QRectF(0, layout.area.bottom(), self.width(), self.height() - layout.area.bottom()),
                self.renderer.palette.panel,
            )
            painter.end()
            self._cache = pixmap
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._cache)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self.user_view:
            self.invalidate()
        else:
            self.refit()
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
        self.user_view = True
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
                self.world = self.world.translated(-delta.x() / scale, -delta.y() / scale)
                self.user_view = True
                self._drag_from = event.position()
                self.invalidate()
            return
        code = self.country_at(event.position())
        if code is None:
            QToolTip.hideText()
            self.setCursor(Qt.CursorShape.ArrowCursor)
            return
        tip = tooltip_markup(self.describe(code))
        QToolTip.showText(event.globalPosition().toPoint(), tip, self)
        clickable = code in self.mentions
        self.setCursor(Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor)

    def describe(self, code: str) -> str:
        """What hovering ``code`` says: its name and what its mentions are."""
        use = self.mentions.get(code)
        name = self.renderer.shapes.countries[code].name
        if use is None:
            return f"{name}\nNot mentioned"
        return describe_use(use)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self._dragged:
            code = self.country_at(event.position())
            if code is not None and code in self.mentions:
                # The keyboard's place (and its focus ring) follows the click to that country's chip.
                if any(chip.item.code == code for chip in self.country_chips()):
                    self._current = code
                    for chip in self.country_chips():
                        chip.update()
                self.countryClicked.emit(code)
        self._drag_from = None
        self._dragged = False

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.shown = set()
        self.refit()


class MapExportDialog(QFileDialog):
    """Where to save the map, and how: by default clean (light theme, nothing selected).

    Qt's own dialog (not the platform's), so that it can offer the two choices.
    """

    def __init__(self, parent: QWidget | None, suggested: str) -> None:
        super().__init__(parent, "Export Map", suggested, "PNG image (*.png);;SVG drawing (*.svg)")
        self.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        self.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.setFileMode(QFileDialog.FileMode.AnyFile)
        self.selectFile(suggested)
        self.window_theme = QCheckBox("Use the window's theme", self)
        self.window_theme.setToolTip("Off: the map is saved in the light theme, whatever the window shows.")
        self.show_selection = QCheckBox("Show the selection", self)
        self.show_selection.setToolTip("Off: the map is saved with no country outlined.")
        grid = self.layout()
        if isinstance(grid, QGridLayout):
            row = grid.rowCount()
            grid.addWidget(self.window_theme, row, 0, 1, grid.columnCount())
            grid.addWidget(self.show_selection, row + 1, 0, 1, grid.columnCount())
        elif grid is not None:  # pragma: no cover - Qt's dialog has always been a grid
            grid.addWidget(self.window_theme)
            grid.addWidget(self.show_selection)

    def chosen_path(self, path: str) -> str:
        """``path`` with the extension of the chosen file type if it has neither."""
        if path.lower().endswith((".png", ".svg")):
            return path
        return path + (".svg" if "svg" in self.selectedNameFilter().lower() else ".png")
