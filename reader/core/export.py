"""The ``gazette extract`` formats: a JSON object per document, or CSV of mentions."""

from __future__ import annotations

import bisect
import csv
import io
import json
from collections.abc import Callable, Iterable
from typing import Any

from reader.core.document import Document
from reader.core.model import Analysis

#: A cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: one that would start a formula gets a leading ``'``.

    Numbers pass as they are. This is OWASP's advice against CSV injection; the
    csv module quotes the cell and doubles its quotes as needed.
    """
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _safe_writer(out: io.StringIO) -> Callable[[Iterable[object]], object]:
    writer = csv.writer(out, lineterminator="\n")
    return lambda row: writer.writerow([csv_cell(cell) for cell in row])


CSV_COLUMNS = (
    "file", "start", "end", "text", "kind", "label", "entity", "entity_name", "country", "line", "column", "page",
    "section",
)  # fmt: skip


def source_of(document: Document) -> Callable[[int], tuple[int | None, str | None]]:
    """A function from an offset to its ``(page, section label)``: ``(None, None)`` for a plain text file."""
    sources = document.sources

    def where(offset: int) -> tuple[int | None, str | None]:
        section = sources.at(offset) if sources else None
        if section is None:
            return None, None
        return section.page, section.label

    return where


def line_and_column(text: str) -> Callable[[int], tuple[int, int]]:
    """A function from a code-point offset in ``text`` to its (line, column), both counted from 1.

    Lines end at ``\n`` (the document's newlines are normalised); the column
    counts code points from the start of the line.
    """
    starts = [0]
    at = text.find("\n")
    while at != -1:
        starts.append(at + 1)
        at = text.find("\n", at + 1)

    def where(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    return where


def _marks(actions: tuple[str, ...] | None) -> dict[str, list[str]]:
    """``{"corrected": [...]}`` for what a reader's correction changed, else nothing."""
    return {"corrected": list(actions)} if actions else {}


def analysis_to_dict(document: Document, analysis: Analysis, package: str | None = None) -> dict[str, Any]:
    """The JSON-ready form of one document's analysis (see DESIGN.md)."""
    pipeline: dict[str, Any] = {"name": analysis.pipeline_name, "version": analysis.pipeline_version}
    if package and package != analysis.pipeline_name:
        pipeline["package"] = package
    where = line_and_column(document.text)
    source = source_of(document)
    unit = document.sources.unit if document.sources else None
    return {
        "file": document.name,
        "sha256": document.sha256,
        "encoding": document.encoding or None,
        "format": document.format,
        "pipeline": pipeline,
        "entities": [
            {
                "id": e.id,
                "kind": e.kind,
                "name": e.name,
                "aliases": list(e.aliases),
                "mentions": e.mentions,
                "country": e.country,
                **(
                    {"corrected": list(analysis.corrected_entities[e.id])}
                    if e.id in analysis.corrected_entities
                    else {}
                ),
            }
            for e in analysis.entities
        ],
        "mentions": [
            {
                "start": m.start,
                "end": m.end,
                "line": (place := where(m.start))[0],
                "column": place[1],
                **(
                    {"page": page}
                    if (page := source(m.start)[0]) is not None
                    else {unit: source(m.start)[1]}
                    if unit
                    else {}
                ),
                "text": m.text,
                "kind": m.kind,
                "label": m.label,
                "entity": m.entity,
                **(
                    {"corrected": list(analysis.corrected_mentions[m.start])}
                    if m.start in analysis.corrected_mentions
                    else {}
                ),
            }
            for m in analysis.mentions
        ],
        "countries": [
            {
                "code": c.code,
                "name": c.name,
                "mentions": c.mentions,
                "colour": c.colour,
                "from_legend": c.from_legend,
            }
            for c in analysis.countries
        ],
    }


def to_json(document: Document, analysis: Analysis, package: str | None = None, indent: int | None = 2) -> str:
    return json.dumps(analysis_to_dict(document, analysis, package), ensure_ascii=False, indent=indent)


def to_csv(document: Document, analysis: Analysis, header: bool = True) -> str:
    """The mentions as CSV rows, one per mention, with the entity's name and country.

    A text cell that a spreadsheet would take for a formula starts with ``'`` (see :func:`csv_cell`).
    """
    out = io.StringIO()
    write_row = _safe_writer(out)
    if header:
        write_row(CSV_COLUMNS)
    where = line_and_column(document.text)
    source = source_of(document)
    for m in analysis.mentions:
        entity = analysis.entity(m.entity)
        write_row(
            (
                document.name,
                m.start,
                m.end,
                m.text,
                m.kind,
                m.label,
                m.entity,
                entity.name if entity else "",
                (entity.country or "") if entity else "",
                *where(m.start),
                *("" if value is None else value for value in source(m.start)),
            )
        )
    return out.getvalue()


def entities_to_csv(analysis: Analysis) -> str:
    """One row per entity: name, kind, mentions, aliases (separated by "; "), country code.

    A text cell that a spreadsheet would take for a formula starts with ``'`` (see :func:`csv_cell`).
    """
    out = io.StringIO()
    write_row = _safe_writer(out)
    write_row(["name", "kind", "mentions", "aliases", "country"])
    for e in analysis.entities:
        # Each alias is made safe on its own too: a spreadsheet may split the list.
        aliases = "; ".join(str(csv_cell(a)) for a in e.aliases)
        write_row([e.name, e.kind, e.mentions, aliases, e.country or ""])
    return out.getvalue()
