"""The annotated article as one self-contained HTML file.

The document's text is escaped and never interpreted: a ``<script>`` in it is
shown as typed. Highlights are ``<mark>`` elements by kind, with a legend; an
index of entities links to each of their mentions; the map comes inline as
SVG. Nothing in the file refers to anything outside it, so it opens offline in
any browser, and it prints well.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections.abc import Mapping

from reader.core.document import Document
from reader.core.model import KINDS, Analysis
from reader.core.offsets import paragraph_gaps, show_bidi_controls

KIND_HEADINGS = {"PERSON": "People", "PLACE": "Places", "ORG": "Organisations", "GROUP": "Groups"}
KIND_NOUNS = {"PERSON": "person", "PLACE": "place", "ORG": "organisation", "GROUP": "group"}


def _count(n: int, noun: str) -> str:
    """``1 entity``, ``2 entities``, ``3 mentions``."""
    if n == 1:
        return f"1 {noun}"
    return f"{n} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


_STYLE = """
:root { color-scheme: light; }
body { font: 16px/1.6 Georgia, 'DejaVu Serif', serif; color: #1d1d1f; background: #fff;
       max-width: 48rem; margin: 2rem auto; padding: 0 1.25rem; }
header h1 { font: 600 1.5rem/1.3 system-ui, 'DejaVu Sans', sans-serif; margin: 0 0 .25rem; }
header p, .legend, nav, footer { font: .9rem/1.5 system-ui, 'DejaVu Sans', sans-serif; color: #4a4a4f; }
.legend span { display: inline-block; margin-right: 1rem; }
.article { white-space: pre-wrap; overflow-wrap: break-word; }
mark { color: inherit; border-radius: 2px; padding: 0 1px; }
mark:target { outline: 2px solid #1d1d1f; }
nav h2 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
.page { display: block; border-top: 1px dashed #c8c8cc; color: #8a8a90; text-align: right;
        font: .75rem/1.4 system-ui, 'DejaVu Sans', sans-serif; }
nav ul { margin: 0; padding-left: 1.2rem; }
nav a { color: inherit; }
.map svg { width: 100%; height: auto; border: 1px solid #d0d0d4; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav a { text-decoration: none; }
  .map { break-inside: avoid; }
}
"""


#: The same look for Qt's rich text, which knows fewer properties and measures in points.
_STYLE_QT = """
body { font-family: 'DejaVu Serif', Georgia, serif; font-size: 11pt; color: #1d1d1f; }
h1 { font-family: 'DejaVu Sans', sans-serif; font-size: 16pt; }
h2 { font-family: 'DejaVu Sans', sans-serif; font-size: 12pt; }
header p, .legend, nav, .map { font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; color: #4a4a4f; }
.article { white-space: pre-wrap; }
"""


def _swatch(kind: str, colours: Mapping[str, str]) -> str:
    colour = colours.get(kind, "#888888")
    return f"background: {colour}33; border-bottom: 2px {'dashed' if kind == 'ORG' else 'solid'} {colour};"


def _inline(kind: str, colours: Mapping[str, str]) -> str:
    """A highlight's style written on the element, for renderers without selectors (Qt's rich text)."""
    colour = colours.get(kind, "#888888").lstrip("#")
    r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    # The kind's colour at a fifth over white: what the browser shows with ``33`` alpha.
    light = "#" + "".join(f"{round(c * 0.2 + 255 * 0.8):02x}" for c in (r, g, b))
    return f"background-color: {light}; color: #1d1d1f;"


def annotated_html(
    document: Document,
    analysis: Analysis,
    kind_colours: Mapping[str, str],
    map_svg: str | None = None,
    kinds: tuple[str, ...] = ("PERSON", "PLACE", "ORG"),
    map_image: str | None = None,
) -> str:
    """The annotated article of ``document``: text, highlights of ``kinds``, legend, index and map.

    ``map_svg`` is drawn inline. For Qt's printing, which knows neither inline
    SVG nor ``<mark>``, ``map_image`` names an image resource instead, and
    highlights carry their style on the element.
    """
    qt = map_image is not None
    text = document.text
    shown = [m for m in analysis.mentions if m.kind in kinds]
    number = {m.start: i + 1 for i, m in enumerate(shown)}
    # Paragraphs on lines of their own are spaced as the window spaces them.
    gaps = paragraph_gaps(text)

    def spaced(start: int, end: int) -> str:
        """``text[start:end]`` escaped, with an empty line before each paragraph gap in it."""
        first, last = bisect.bisect_right(gaps, start), bisect.bisect_right(gaps, end)
        cuts = [start, *gaps[first:last], end]
        return "\n".join(html.escape(show_bidi_controls(text[a:b])) for a, b in itertools.pairwise(cuts))

    pieces: list[str] = []
    pages = list(document.sources.page_starts) if document.sources else []

    def plain(start: int, end: int) -> str:
        """``text[start:end]`` escaped, with a page marker where a page starts."""
        out, at = [], start
        while pages and pages[0][0] < end:
            offset, page = pages.pop(0)
            if offset < start:
                continue  # a page that starts inside a mention: the marker is left out
            out.append(spaced(at, offset))
            if qt:
                out.append(f'<span style="color: #8a8a90; font-size: 8pt;">――――― p. {page} ―――――</span>\n')
            else:
                out.append(f'<span class="page" id="page-{page}" role="separator">p. {page}</span>')
            at = offset
        out.append(spaced(at, end))
        return "".join(out)

    pos = 0
    for m in shown:
        pieces.append(plain(pos, m.start))
        entity = analysis.entity(m.entity)
        title = f"{entity.name if entity else m.text} ({KIND_NOUNS[m.kind]})"
        if qt:
            pieces.append(
                f'<a name="m{number[m.start]}"></a><span style="{_inline(m.kind, kind_colours)}">'
                f"{html.escape(show_bidi_controls(m.text))}</span>"
            )
        else:
            pieces.append(
                f'<mark id="m{number[m.start]}" class="k-{m.kind.lower()}" title="{html.escape(title)}">'
                f"{html.escape(show_bidi_controls(m.text))}</mark>"
            )
        pos = m.end
    pieces.append(plain(pos, len(text)))

    css = (
        _STYLE_QT
        if qt
        else _STYLE
        + "".join(f"mark.k-{k.lower()}, .legend .k-{k.lower()} {{ {_swatch(k, kind_colours)} }}\n" for k in KINDS)
    )
    legend = "".join(
        f'<span><span class="k-{k.lower()}"'
        + (f' style="{_inline(k, kind_colours)}"' if qt else "")
        + f">&nbsp;{html.escape(KIND_HEADINGS[k])}&nbsp;</span></span> "
        for k in kinds
    )
    index: list[str] = []
    for kind in kinds:
        entities = [e for e in analysis.entities if e.kind == kind]
        if not entities:
            continue
        index.append(f"<h2>{html.escape(KIND_HEADINGS[kind])} ({len(entities)})</h2><ul>")
        for e in entities:
            links = " ".join(
                f'<a href="#m{number[m.start]}">{i + 1}</a>' for i, m in enumerate(analysis.mentions_of(e.id))
            )
            aliases = f" <small>({html.escape(', '.join(e.aliases))})</small>" if e.aliases else ""
            index.append(f"<li>{html.escape(e.name)}{aliases}: {links}</li>")
        index.append("</ul>")
    countries = ", ".join(f"{html.escape(c.name)} ({c.mentions})" for c in analysis.countries)
    figure = ""
    if map_image is not None:
        figure = f'<p class="map"><img src="{html.escape(map_image)}" width="640"><br>{countries}</p>'
    elif map_svg:
        # Only the drawing itself: no XML prolog or doctype inside the HTML.
        svg = map_svg[map_svg.find("<svg") :] if "<svg" in map_svg else ""
        figure = f'<figure class="map">{_no_scripts(svg)}<figcaption>{countries}</figcaption></figure>'
    elif countries:
        figure = f'<p class="map">Countries: {countries}</p>'
    pipeline = html.escape(f"{analysis.pipeline_name} {analysis.pipeline_version}".strip())
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="Gazette">\n<title>{html.escape(document.name)}</title>\n'
        f"<style>{css}</style></head>\n<body>\n"
        f"<header><h1>{html.escape(document.name)}</h1>"
        f"<p>{_count(len(shown), 'highlighted mention')} of "
        f"{_count(sum(1 for e in analysis.entities if e.kind in kinds), 'entity')}"
        f"{' found by ' + pipeline if pipeline else ''}.</p>"
        f'<p class="legend">{legend}</p></header>\n'
        f"{figure}\n"
        f'<main class="article">{"".join(pieces)}</main>\n'
        f'<nav aria-label="Index of entities">{"".join(index)}</nav>\n'
        "</body></html>\n"
    )


def _no_scripts(svg: str) -> str:
    """The map's SVG without anything that could run (it is drawn by Gazette, but stays inert)."""
    svg = re.sub(r"<script\b.*?</script\s*>", "", svg, flags=re.DOTALL | re.IGNORECASE)
    return re.sub(r"\son\w+\s*=\s*(\"[^\"]*\"|'[^']*')", "", svg, flags=re.IGNORECASE)
