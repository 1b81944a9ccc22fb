"""The one analysis path: the chunk plan, the model, the cleaning step, the grouping.

The window's analysis processes call :func:`analyse_chunks` on batches of the
plan; ``gazette extract``, ``gazette map`` and the accuracy script call
:func:`analyse_text`, which runs the same batches in this process. Both give
the same :class:`~reader.core.model.ChunkSpans`, so the same
:class:`~reader.core.model.Analysis`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from reader.core.analysis import build_analysis
from reader.core.chunks import plan_batches
from reader.core.entities import clean_chunk
from reader.core.model import Analysis, ChunkSpans, RawSpan
from reader.core.places import Gazetteer, default_gazetteer
from reader.nlp.pipeline import model_text

if TYPE_CHECKING:
    from reader.nlp.pipeline import Pipeline

#: A chunk as it is handed to the model: its start offset and its text.
Chunk = tuple[int, str]


def analyse_chunks(pipeline: Pipeline, chunks: Sequence[Chunk], gazetteer: Gazetteer | None = None) -> list[ChunkSpans]:
    """Run the model over one batch of chunks and clean what it finds, chunk by chunk."""
    gaz = gazetteer or default_gazetteer()
    docs = pipeline.nlp.pipe([model_text(text, 0, len(text)) for _start, text in chunks], batch_size=len(chunks))
    results = []
    for (start, text), doc in zip(chunks, docs, strict=True):
        raw = tuple(RawSpan(start + e.start_char, start + e.end_char, e.label_) for e in doc.ents)
        results.append(ChunkSpans(start, start + len(text), raw, clean_chunk(text, start, raw, gaz)))
    return results


def iter_chunk_spans(pipeline: Pipeline, text: str, gazetteer: Gazetteer | None = None) -> Iterator[ChunkSpans]:
    """Analyse ``text`` batch by batch of the plan, in this process; yields chunks in order."""
    for batch in plan_batches(text):
        yield from analyse_chunks(pipeline, [(s, text[s:e]) for s, e in batch], gazetteer)


def analyse_text(
    text: str,
    pipeline: Pipeline,
    gazetteer: Gazetteer | None = None,
    progress: Callable[[int, str], None] | None = None,
) -> Analysis:
    """Run ``pipeline`` over ``text`` and build the :class:`Analysis`.

    ``progress``, if given, hears how many code points are analysed after each
    chunk, then ``(len(text), "grouping")`` before the whole text is grouped.
    """
    if progress is None:
        chunks = list(iter_chunk_spans(pipeline, text, gazetteer))
    else:
        chunks = []
        for chunk in iter_chunk_spans(pipeline, text, gazetteer):
            chunks.append(chunk)
            progress(chunk.end, "")
        progress(len(text), "grouping…")
    return analysis_of_chunks(text, chunks, gazetteer, pipeline.name, pipeline.version)


def analysis_of_chunks(
    text: str,
    chunks: Sequence[ChunkSpans],
    gazetteer: Gazetteer | None = None,
    pipeline_name: str = "",
    pipeline_version: str = "",
) -> Analysis:
    """The :class:`Analysis` of ``text`` from all of its analysed chunks."""
    raw = [r for c in chunks for r in c.raw]
    cleaned = [s for c in chunks for s in c.spans]
    return build_analysis(text, raw, gazetteer, pipeline_name, pipeline_version, cleaned=cleaned)
