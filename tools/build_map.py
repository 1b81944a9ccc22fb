#!/usr/bin/env python3
"""Build Gazette's mini world map resource (resources/map/world.json).

Converts Natural Earth 1:50m Admin 0 country shapes, as shipped in TopoJSON by
the npm package ``world-atlas@2.0.2``, into a small pre-projected JSON file that
the reader draws directly with QPainter.

Obtain the inputs (only the npm registry is needed)::

    mkdir -p /tmp/mapnpm && cd /tmp/mapnpm && npm init -y \\
        && npm install world-atlas@2.0.2 world-countries@5.1.0

Regenerate (from the repository root; standard library only, Python >= 3.11)::

    python3 tools/build_map.py \\
        /tmp/mapnpm/node_modules/world-atlas/countries-50m.json \\
        /tmp/mapnpm/node_modules/world-countries/countries.json

This writes ``resources/map/world.json`` and ``resources/map/SOURCES.md``.
The output is deterministic: the same inputs give byte-identical files.

Pipeline
--------
1. Decode the TopoJSON topology: delta-encoded quantized arcs (transform
   scale/translate), ``~i`` for a reversed arc, Polygon and MultiPolygon.
2. Simplify every *arc* once (Douglas-Peucker in projected units, arc end
   points fixed), so that neighbouring countries keep identical borders
   (no slivers or gaps).  Arc edges that jump across the antimeridian are
   kept exactly.
3. Cut polygons at the antimeridian.  world-atlas "stitches" shapes that
   Natural Earth cut at +/-180 deg (Russia's Chukotka and Wrangel Island, a Fiji
   island, Antarctica, which also gains a ring along the south pole), so the
   rings are split there and rejoined along the +/-180 deg meridians.
4. Project with Equal Earth (Savric, Patterson & Jenny 2018) on the unit
   sphere, flip y so that it points down (screen convention, north up).
5. Drop rings that collapse to fewer than 3 distinct points (but keep at least
   one ring per country), compute a label point (pole of inaccessibility of
   the country's largest ring, honouring holes) and write the JSON.

Output format (all coordinates in projected units, y down, see "bounds")::

    {"projection": "equal-earth", "units": ..., "y_axis": "down",
     "precision": 4, "fill_rule": "odd-even", "tolerance": ...,
     "bounds": [minx, miny, maxx, maxy],        # of the sphere outline
     "data_bounds": [minx, miny, maxx, maxy],   # of all country rings
     "sphere": [x0, y0, x1, y1, ...],           # outline of the whole globe
     "countries": [{"code": "RU", "numeric": "643", "name": "Russia",
                    "rings": [[x0, y0, x1, y1, ...], ...],
                    "label": [x, y]}, ...]}

Rings are flat lists, implicitly closed (the first point is not repeated);
outer rings and holes are mixed and must be filled with the odd-even rule.
"""

from __future__ import annotations

import argparse
import hashlib
import heapq
import itertools
import json
import math
import sys
from pathlib import Path
from typing import Any

Point = tuple[float, float]

# --- Equal Earth ----------------------------------------------------------

A1 = 1.340264
A2 = -0.081106
A3 = 0.000893
A4 = 0.003796
M = math.sqrt(3.0) / 2.0


def equal_earth(lon_deg: float, lat_deg: float) -> Point:
    """Project (lon, lat) in degrees to Equal Earth on the unit sphere, y UP."""
    lam = math.radians(lon_deg)
    phi = math.radians(max(-90.0, min(90.0, lat_deg)))
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    t8 = t6 * t2
    x = 2.0 * math.sqrt(3.0) * lam * math.cos(theta) / (3.0 * (9.0 * A4 * t8 + 7.0 * A3 * t6 + 3.0 * A2 * t2 + A1))
    y = theta * (A4 * t8 + A3 * t6 + A2 * t2 + A1)
    return x, y


def project(lon: float, lat: float) -> Point:
    """Equal Earth with y pointing DOWN (screen convention)."""
    x, y = equal_earth(lon, lat)
    return x, -y


# --- geometry helpers -----------------------------------------------------


def seg_dist2(p: Point, a: Point, b: Point) -> float:
    """Squared distance from p to segment ab."""
    ax, ay = a
    dx = b[0] - ax
    dy = b[1] - ay
    px = p[0] - ax
    py = p[1] - ay
    den = dx * dx + dy * dy
    if den > 0.0:
        t = max(0.0, min(1.0, (px * dx + py * dy) / den))
        px -= t * dx
        py -= t * dy
    return px * px + py * py


def douglas_peucker(pts: list[Point], tol: float) -> list[int]:
    """Indices of the points kept by Douglas-Peucker (first and last kept)."""
    n = len(pts)
    if n <= 2:
        return list(range(n))
    keep = [False] * n
    keep[0] = keep[n - 1] = True
    tol2 = tol * tol
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        best = -1.0
        best_k = -1
        for k in range(i + 1, j):
            d = seg_dist2(pts[k], pts[i], pts[j])
            if d > best:
                best = d
                best_k = k
        if best_k >= 0 and best > tol2:
            keep[best_k] = True
            stack.append((i, best_k))
            stack.append((best_k, j))
    return [k for k in range(n) if keep[k]]


def ring_area(ring: list[Point]) -> float:
    """Signed shoelace area (positive = counter-clockwise in a y-up frame)."""
    s = 0.0
    n = len(ring)
    for k in range(n):
        x0, y0 = ring[k]
        x1, y1 = ring[(k + 1) % n]
        s += x0 * y1 - x1 * y0
    return s / 2.0


def crosses_antimeridian(p: Point, q: Point) -> bool:
    return abs(p[0] - q[0]) > 180.0


# --- TopoJSON ---------------------------------------------------------------


def decode_arcs(topo: dict[str, Any]) -> list[list[Point]]:
    tr = topo.get("transform")
    arcs: list[list[Point]] = []
    for arc in topo["arcs"]:
        pts: list[Point] = []
        if tr:
            (sx, sy), (tx, ty) = tr["scale"], tr["translate"]
            x = y = 0
            for pos in arc:
                x += pos[0]
                y += pos[1]
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(pts)
    return arcs


def simplify_arc(arc: list[Point], tol: float) -> list[Point]:
    """Douglas-Peucker in projected space; antimeridian jumps kept exactly."""
    if tol <= 0.0 or len(arc) <= 2:
        return list(arc)
    # Split into runs at edges that jump across +/-180 deg; both end points of
    # such an edge are kept so that the later antimeridian cut sees it.
    runs: list[list[Point]] = [[arc[0]]]
    for p, q in itertools.pairwise(arc):
        if crosses_antimeridian(p, q):
            runs.append([q])
        else:
            runs[-1].append(q)
    out: list[Point] = []
    for run in runs:
        proj = [project(lon, lat) for lon, lat in run]
        kept = douglas_peucker(proj, tol)
        # An edge spanning 180 deg of longitude or more would be read as an
        # antimeridian jump (e.g. Antarctica's ring along the south pole,
        # which is a straight line once projected): keep such edges short.
        k = 0
        while k < len(kept) - 1:
            i, j = kept[k], kept[k + 1]
            if j - i > 1 and abs(run[i][0] - run[j][0]) > 90.0:
                kept.insert(k + 1, (i + j) // 2)
            else:
                k += 1
        out.extend(run[k] for k in kept)
    return out


def assemble_ring(arc_ids: list[int], arcs: list[list[Point]]) -> list[Point]:
    ring: list[Point] = []
    for i in arc_ids:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(arc if not ring else arc[1:])
    return ring


# --- antimeridian cut ------------------------------------------------------

MERIDIAN_STEP = 1.0  # degrees of latitude between points along +/-180 deg


def meridian_walk(side: float, lat0: float, lat1: float) -> list[Point]:
    """Points strictly between lat0 and lat1 along the meridian lon=side."""
    n = int(abs(lat1 - lat0) / MERIDIAN_STEP)
    return [(side, lat0 + (lat1 - lat0) * k / (n + 1)) for k in range(1, n + 1)]


def cut_polygon(rings: list[list[Point]], clockwise: bool) -> list[list[Point]]:
    """Cut a polygon's closed rings (lon/lat, first == last) at +/-180 deg.

    Rings that never cross are returned unchanged (without the closing
    point).  Crossing rings are split into open pieces whose ends lie on the
    +180 or -180 meridian, and the pieces are rejoined by walking along the
    meridian, Weiler-Atherton style: from the point where the boundary leaves
    the map, walk along the map edge on the polygon's interior side to the
    nearest point where some boundary piece comes back in.
    """
    closed: list[list[Point]] = []
    pieces: list[tuple[float, float, float, float, list[Point]]] = []
    for ring in rings:
        pts = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else list(ring)
        n = len(pts)
        cuts = [k for k in range(n) if crosses_antimeridian(pts[k], pts[(k + 1) % n])]
        if not cuts:
            closed.append(pts)
            continue
        for c_idx, k in enumerate(cuts):
            k_next = cuts[(c_idx + 1) % len(cuts)]
            # piece starts after edge k and ends before edge k_next
            p, q = pts[k], pts[(k + 1) % n]
            s_side, s_lat = _crossing(p, q)[1]
            p2, q2 = pts[k_next], pts[(k_next + 1) % n]
            e_side, e_lat = _crossing(p2, q2)[0]
            body: list[Point] = []
            j = (k + 1) % n
            while True:
                body.append(pts[j])
                if j == k_next:
                    break
                j = (j + 1) % n
            piece = [(s_side, s_lat), *body, (e_side, e_lat)]
            piece = [pt for i, pt in enumerate(piece) if i == 0 or pt != piece[i - 1]]
            pieces.append((s_side, s_lat, e_side, e_lat, piece))

    used = [False] * len(pieces)
    for first in range(len(pieces)):
        if used[first]:
            continue
        out: list[Point] = []
        cur = first
        while not used[cur]:
            used[cur] = True
            _, _, e_side, e_lat, body = pieces[cur]
            out.extend(body)
            # Interior lies to the right of the direction of travel for a
            # clockwise (y-up) exterior.  Leaving eastwards over +180, right is
            # south; leaving westwards over -180, right is north.
            south = (e_side > 0) == clockwise
            best = -1
            best_d = math.inf
            for idx, (s_side, s_lat, _, _, _) in enumerate(pieces):
                if s_side != e_side:
                    continue
                d = (e_lat - s_lat) if south else (s_lat - e_lat)
                if d >= 0 and d < best_d and (not used[idx] or idx == first):
                    best, best_d = idx, d
            if best < 0:
                raise ValueError("antimeridian rejoin failed: no re-entry point")
            out.extend(meridian_walk(e_side, e_lat, pieces[best][1]))
            cur = best
        closed.append(out)
    return closed


def _crossing(p: Point, q: Point) -> tuple[Point, Point]:
    """For an edge p->q jumping over +/-180 deg: (exit point, entry point)."""
    if p[0] > 0:
        side, qx = 180.0, q[0] + 360.0
    else:
        side, qx = -180.0, q[0] - 360.0
    den = qx - p[0]
    t = (side - p[0]) / den if den else 0.0
    t = max(0.0, min(1.0, t))
    lat = p[1] + t * (q[1] - p[1])
    return (side, lat), (-side, lat)


# --- label point (pole of inaccessibility, after mapbox/polylabel) ----------


def point_in_ring(x: float, y: float, ring: list[Point]) -> bool:
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def signed_distance(x: float, y: float, rings: list[list[Point]]) -> float:
    """Distance to the nearest edge; positive inside (odd-even), else negative."""
    inside = False
    best = math.inf
    p = (x, y)
    for ring in rings:
        n = len(ring)
        j = n - 1
        for i in range(n):
            a, b = ring[i], ring[j]
            if (a[1] > y) != (b[1] > y) and x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0]:
                inside = not inside
            d = seg_dist2(p, a, b)
            if d < best:
                best = d
            j = i
    d = math.sqrt(best)
    return d if inside else -d


def polylabel(rings: list[list[Point]], precision: float) -> Point:
    """Pole of inaccessibility of rings[0] with rings[1:] as its holes."""
    outer = rings[0]
    xs = [p[0] for p in outer]
    ys = [p[1] for p in outer]
    minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
    w, h = maxx - minx, maxy - miny
    cell = min(w, h)
    if cell == 0.0:
        return outer[0]
    half = cell / 2.0

    def make(cx: float, cy: float, hh: float) -> tuple[float, float, float, float, float]:
        d = signed_distance(cx, cy, rings)
        return (-(d + hh * math.sqrt(2.0)), d, cx, cy, hh)

    heap: list[tuple[float, float, float, float, float]] = []
    x = minx
    while x < maxx:
        y = miny
        while y < maxy:
            heapq.heappush(heap, make(x + half, y + half, half))
            y += cell
        x += cell
    # seed with the area centroid (and the bbox centre)
    a = ring_area(outer)
    if a != 0.0:
        cx = cy = 0.0
        n = len(outer)
        for k in range(n):
            x0, y0 = outer[k]
            x1, y1 = outer[(k + 1) % n]
            f = x0 * y1 - x1 * y0
            cx += (x0 + x1) * f
            cy += (y0 + y1) * f
        best = make(cx / (6 * a), cy / (6 * a), 0.0)
    else:
        best = make(outer[0][0], outer[0][1], 0.0)
    bbox_c = make(minx + w / 2, miny + h / 2, 0.0)
    if bbox_c[1] > best[1]:
        best = bbox_c
    while heap:
        c = heapq.heappop(heap)
        if c[1] > best[1]:
            best = c
        if -c[0] - best[1] <= precision:
            continue
        hh = c[4] / 2.0
        for dx in (-hh, hh):
            for dy in (-hh, hh):
                heapq.heappush(heap, make(c[2] + dx, c[3] + dy, hh))
    if best[1] <= 0.0:  # degenerate sliver: fall back to a vertex
        return outer[0]
    return best[2], best[3]


# --- country metadata ------------------------------------------------------

# Features of world-atlas without an ISO 3166-1 numeric id.
NO_ID = {
    # Kosovo: "XK" is the user-assigned code used by the EU, IMF, CLDR and
    # world-countries (cca2 "XK", no ccn3).
    "Kosovo": ("XK", "Kosovo"),
    "N. Cyprus": (None, "Northern Cyprus"),
    "Somaliland": (None, "Somaliland"),
    "Siachen Glacier": (None, "Siachen Glacier"),
    # Australian Christmas Island (CX) and Cocos (Keeling) Islands (CC)
    # together; Natural Earth gives them no ISO code.
    "Indian Ocean Ter.": (None, "Australian Indian Ocean Territories"),
}


def load_codes(path: Path) -> dict[str, tuple[str, str]]:
    """ISO numeric (ccn3) -> (alpha-2, common name) from world-countries."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, tuple[str, str]] = {}
    for c in data:
        if c.get("ccn3"):
            out[c["ccn3"]] = (c["cca2"], c["name"]["common"])
    return out


# --- main -------------------------------------------------------------------


def r4(v: float) -> float:
    r = round(v, 4)
    return 0.0 if r == 0 else r  # no "-0.0"


def flat(ring: list[Point]) -> list[float]:
    return [c for p in ring for c in p]


def finish_ring(lonlat: list[Point], tol: float) -> list[Point]:
    """Project a lon/lat ring, round, drop repeated points and the closing point."""
    pts = [project(lon, lat) for lon, lat in lonlat]
    pts = [(r4(x), r4(y)) for x, y in pts]
    out: list[Point] = []
    for p in pts:
        if not out or p != out[-1]:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def build(atlas_path: Path, codes_path: Path, tol: float) -> dict[str, Any]:
    topo = json.loads(atlas_path.read_text(encoding="utf-8"))
    raw_arcs = decode_arcs(topo)
    simp_arcs = [simplify_arc(a, tol) for a in raw_arcs]
    codes = load_codes(codes_path)

    # Winding convention of the input (d3/world-atlas: clockwise exteriors).
    cw = ccw = 0
    for g in topo["objects"]["countries"]["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        for poly in polys:
            ring = assemble_ring(poly[0], raw_arcs)
            if any(crosses_antimeridian(p, q) for p, q in itertools.pairwise(ring)):
                continue
            if ring_area(ring) < 0:
                cw += 1
            else:
                ccw += 1
    clockwise = cw >= ccw
    if min(cw, ccw) > 0.05 * (cw + ccw):
        raise SystemExit(f"inconsistent ring winding in input (cw={cw}, ccw={ccw})")

    def country_rings(polys: list[list[list[int]]], arcs: list[list[Point]]) -> list[list[Point]]:
        rings: list[list[Point]] = []
        for poly in polys:
            lonlat = [assemble_ring(r, arcs) for r in poly]
            for ring in cut_polygon(lonlat, clockwise):
                rings.append(finish_ring(ring, tol))
        return rings

    merged: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    for g in topo["objects"]["countries"]["geometries"]:
        if g["type"] not in ("Polygon", "MultiPolygon"):
            continue
        ne_name = g["properties"]["name"]
        code: str | None
        numeric = g.get("id")
        if numeric:
            if numeric not in codes:
                raise SystemExit(f"no alpha-2 code for numeric {numeric} ({ne_name})")
            code, name = codes[numeric]
        elif ne_name in NO_ID:
            code, name = NO_ID[ne_name]
        else:
            code, name = None, ne_name
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        all_rings = country_rings(polys, simp_arcs)
        rings = [r for r in all_rings if len(r) >= 3 and ring_area(r) != 0.0]
        if not rings:
            # Never drop a country: fall back to its largest unsimplified ring.
            raw = [r for r in country_rings(polys, raw_arcs) if len(r) >= 3]
            rings = [max(raw, key=lambda r: abs(ring_area(r)))]
        # Natural Earth gives Ashmore and Cartier Is. the id of Australia
        # ("036"): merge features that share a numeric id.
        key = numeric or f"name:{name}"
        if key in merged:
            merged[key]["rings"].extend(rings)
            continue
        merged[key] = {"code": code, "numeric": numeric, "name": name, "rings": rings}
        order.append(key)

    # Natural Earth draws Crimea inside Russia (its de facto view). Gazette
    # follows the internationally recognised border (UN General Assembly
    # resolution 68/262), as its place tables do: the ring that holds
    # Simferopol moves from Russia to Ukraine.
    by_code = {c["code"]: c for c in merged.values() if c["code"]}
    if "RU" in by_code and "UA" in by_code:
        sx, sy = project(34.10, 44.95)
        crimea = [r for r in by_code["RU"]["rings"] if point_in_ring(sx, sy, r)]
        if len(crimea) != 1:
            raise SystemExit(f"expected one Russian ring around Simferopol, found {len(crimea)}")
        by_code["RU"]["rings"].remove(crimea[0])
        by_code["UA"]["rings"].append(crimea[0])

    countries = []
    for key in order:
        c = merged[key]
        rings = c["rings"]
        rings.sort(key=lambda r: -abs(ring_area(r)))  # largest ring first
        largest = rings[0]
        holes = [r for r in rings[1:] if point_in_ring(r[0][0], r[0][1], largest)]
        lx, ly = polylabel([largest, *holes], precision=0.0005)
        countries.append(
            {
                "code": c["code"],
                "numeric": c["numeric"],
                "name": c["name"],
                "rings": [flat(r) for r in rings],
                "label": [r4(lx), r4(ly)],
            }
        )
    countries.sort(key=lambda c: (c["code"] is None, c["code"] or "", c["name"]))

    # Sphere outline: lon=+180 from north to south, then lon=-180 back north.
    sphere_pts = [project(180.0, 90.0 - k * 0.5) for k in range(361)]
    sphere_pts += [project(-180.0, -90.0 + k * 0.5) for k in range(361)]
    sphere: list[Point] = []
    for x, y in sphere_pts:
        p = (r4(x), r4(y))
        if not sphere or p != sphere[-1]:
            sphere.append(p)
    idx = douglas_peucker(sphere, tol / 4)  # the rim is always visible: keep it smooth
    sphere = [sphere[k] for k in idx]
    if sphere[0] == sphere[-1]:
        sphere.pop()

    def bbox(pts: list[Point]) -> list[float]:
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        return [min(xs), min(ys), max(xs), max(ys)]

    data_pts = [(r[k], r[k + 1]) for c in countries for r in c["rings"] for k in range(0, len(r), 2)]
    return {
        "projection": "equal-earth",
        "units": "Equal Earth on the unit sphere (radius 1); x east, y down (north up)",
        "y_axis": "down",
        "precision": 4,
        "fill_rule": "odd-even",
        "tolerance": tol,
        "bounds": bbox(sphere),
        "data_bounds": bbox(data_pts),
        "sphere": flat(sphere),
        "countries": countries,
    }


def check(world: dict[str, Any]) -> list[str]:
    """Sanity checks; returns a list of problems (empty when fine)."""
    problems = []
    minx, _, maxx, maxy = world["bounds"]
    half = (maxx - minx) / 2.0
    for c in world["countries"]:
        for r in c["rings"]:
            pts = list(zip(r[0::2], r[1::2], strict=True))
            for p, q in itertools.pairwise([*pts, pts[0]]):
                # A long horizontal jump is only legitimate along the flat
                # pole line (Antarctica's southern edge).
                if abs(p[0] - q[0]) > half and not (abs(p[1] - maxy) < 1e-3 and abs(q[1] - maxy) < 1e-3):
                    problems.append(f"{c['name']}: streak {p} -> {q}")
        if not c["rings"]:
            problems.append(f"{c['name']}: no rings")
    return problems


def dump(world: dict[str, Any]) -> str:
    """Compact JSON, one country per line (readable diffs)."""
    head = {k: v for k, v in world.items() if k != "countries"}
    sep = (",", ":")
    parts = [json.dumps(head, separators=sep, ensure_ascii=False)[:-1], ',"countries":[\n']
    parts.append(",\n".join(json.dumps(c, separators=sep, ensure_ascii=False) for c in world["countries"]))
    parts.append("\n]}\n")
    return "".join(parts)


SOURCES_TEMPLATE = """\
# Map data sources

`world.json` is generated by `tools/build_map.py`; do not edit it by hand.

## Source

- **Shapes:** Natural Earth 1:50m Cultural Vectors, *Admin 0 - Countries*
  (Natural Earth v4.1.0), public domain (<https://www.naturalearthdata.com/about/terms-of-use/>).
- **Via:** the npm package `world-atlas@{atlas_version}` by Mike Bostock
  (file `countries-50m.json`, TopoJSON; package licence ISC),
  sha256 `{atlas_sha}`.
- **Codes and names:** the npm package `world-countries@{wc_version}`
  (ODbL-1.0; only the `ccn3` -> `cca2` mapping and common English names are
  used), sha256 `{wc_sha}`.

## Processing

- **Projection:** Equal Earth (Savric, Patterson & Jenny 2018) on the unit
  sphere. x points east, **y points down** (north up), so the coordinates
  can be drawn directly by Qt. Map bounds (the sphere outline):
  `{bounds}`, i.e. about {width:.4f} x {height:.4f} units, centred on (0, 0).
- **Simplification:** Douglas-Peucker on the shared TopoJSON arcs (so
  neighbouring borders stay identical), tolerance {tol} projected units
  (about {tol_px:.2f} px on a map {ref_px} px wide). Rings that collapse to
  fewer than 3 points are dropped, but every country keeps at least its
  largest ring.
- **Antimeridian:** world-atlas stitches shapes across +/-180 deg; they are cut
  there again and closed along the map edge (Russia's Chukotka and Wrangel
  Island, Fiji, Antarctica), so no ring jumps across the map.
- **Codes:** `code` is ISO 3166-1 alpha-2, `numeric` ISO 3166-1 numeric.
  Features without an ISO numeric code: Kosovo gets the user-assigned code
  `XK` (numeric `null`); Northern Cyprus, Somaliland, Siachen Glacier and the
  Australian Indian Ocean Territories have `code` and `numeric` `null`.
  Ashmore and Cartier Is., which Natural Earth files under Australia's id
  `036`, are merged into Australia (`AU`).
- **Rounding:** {precision} decimal places.

## Result

- `world.json`: {size} bytes ({size_kb:.0f} KB), {n_countries} countries,
  {n_rings} rings, {n_points} points.

## Regenerate

```sh
mkdir -p /tmp/mapnpm && cd /tmp/mapnpm && npm init -y \\
    && npm install world-atlas@2.0.2 world-countries@5.1.0
cd -  # back to the repository root
python3 tools/build_map.py \\
    /tmp/mapnpm/node_modules/world-atlas/countries-50m.json \\
    /tmp/mapnpm/node_modules/world-countries/countries.json
```
"""


def package_version(data_file: Path) -> str:
    pkg = data_file.parent / "package.json"
    try:
        return str(json.loads(pkg.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "?"


def main(argv: list[str] | None = None) -> int:
    repo = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("atlas", type=Path, help="world-atlas/countries-50m.json")
    ap.add_argument("countries", type=Path, help="world-countries/countries.json")
    ap.add_argument("--out-dir", type=Path, default=repo / "resources" / "map")
    ap.add_argument(
        "--tolerance",
        type=float,
        default=0.0015,
        help="Douglas-Peucker tolerance in projected units (default: 0.0015)",
    )
    args = ap.parse_args(argv)

    for path, pkg, want in (
        (args.atlas, "world-atlas", "2.0.2"),
        (args.countries, "world-countries", "5.1.0"),
    ):
        got = package_version(path)
        if got != want:
            print(f"warning: expected {pkg}@{want}, found version {got}", file=sys.stderr)

    world = build(args.atlas, args.countries, args.tolerance)
    problems = check(world)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1

    args.out_dir.mkdir(parents=True, exist_ok=True)
    text = dump(world)
    out = args.out_dir / "world.json"
    out.write_text(text, encoding="utf-8")
    size = len(text.encode("utf-8"))

    minx, miny, maxx, maxy = world["bounds"]
    ref_px = 1600
    n_rings = sum(len(c["rings"]) for c in world["countries"])
    n_points = sum(len(r) // 2 for c in world["countries"] for r in c["rings"])
    sources = SOURCES_TEMPLATE.format(
        atlas_version=package_version(args.atlas),
        wc_version=package_version(args.countries),
        atlas_sha=hashlib.sha256(args.atlas.read_bytes()).hexdigest(),
        wc_sha=hashlib.sha256(args.countries.read_bytes()).hexdigest(),
        bounds=world["bounds"],
        width=maxx - minx,
        height=maxy - miny,
        tol=args.tolerance,
        tol_px=args.tolerance * ref_px / (maxx - minx),
        ref_px=ref_px,
        precision=world["precision"],
        size=size,
        size_kb=size / 1024,
        n_countries=len(world["countries"]),
        n_rings=n_rings,
        n_points=n_points,
    )
    (args.out_dir / "SOURCES.md").write_text(sources, encoding="utf-8")
    print(f"wrote {out} ({size} bytes, {len(world['countries'])} countries, {n_rings} rings, {n_points} points)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
