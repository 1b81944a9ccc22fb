"""The ``gazette extract`` formats: a JSON object per document, or CSV of mentions."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from reader.core.document import Document
from reader.core.model import Analysis

CSV_COLUMNS = ("file", "start", "end", "text", "kind", "label", "entity", "entity_name", "country")


def _marks(actions: tuple[str, ...] | None) -> dict[str, list[str]]:
    """``{"corrected": [...]}`` for what a reader's correction changed, else nothing."""
    return {"corrected": list(actions)} if actions else {}


def analysis_to_dict(document: Document, analysis: Analysis, package: str | None = None) -> dict[str, Any]:
    """The JSON-ready form of one document's analysis (see DESIGN.md)."""
    pipeline: dict[str, Any] = {"name": analysis.pipeline_name, "version": analysis.pipeline_version}
    if package and package != analysis.pipeline_name:
        pipeline["package"] = package
    return {
        "file": document.name,
        "sha256": document.sha256,
        "encoding": document.encoding,
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
    """The mentions as CSV rows, one per mention, with the entity's name and country."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(CSV_COLUMNS)
    for m in analysis.mentions:
        entity = analysis.entity(m.entity)
        writer.writerow(
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
            )
        )
    return out.getvalue()


def entities_to_csv(analysis: Analysis) -> str:
    """One row per entity: name, kind, mentions, aliases (separated by "; "), country code."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", "kind", "mentions", "aliases", "country"])
    for e in analysis.entities:
        writer.writerow([e.name, e.kind, e.mentions, "; ".join(e.aliases), e.country or ""])
    return out.getvalue()
