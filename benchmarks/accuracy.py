#!/usr/bin/env python3
"""Score Gazette's entity recognition against the inline-annotated eval set.

Each ``benchmarks/eval/*.txt`` file is a short news article in which every gold
entity is written inline as ``[[surface text|KIND]]`` (KIND is one of PERSON,
PLACE, ORG, GROUP).  An optional first line ``# countries: RU KP UA`` gives the
ISO 3166-1 alpha-2 codes of the countries the article is about; it is stripped
before analysis.

The script strips the markup, runs the project's analysis on the plain text and
compares the predicted mentions with the gold spans (exact span + kind, offsets
in code points of the stripped text).  It prints precision, recall and F1 per
kind and micro-averaged overall, plus country-set precision and recall
micro-averaged across files.

    python benchmarks/accuracy.py                # score reader.core.analysis
    python benchmarks/accuracy.py --baseline     # score plain spaCy doc.ents
    python benchmarks/accuracy.py --verbose      # list errors per file
    python benchmarks/accuracy.py --json         # end with one JSON line
    python benchmarks/accuracy.py --check        # parse and lint only (no spaCy)
    python benchmarks/accuracy.py --dev DIR      # also score a gold-JSON set (texts/, gold/)
    python benchmarks/accuracy.py --dev DIR --write-pred OUT   # and write its predictions

A gold-JSON set (``DIR/texts/NAME.txt`` beside ``DIR/gold/NAME.json`` holding
``{"entities": [{start, end, text, label}], "countries": [...]}``) is scored
with the same semantics: exact span + kind, micro-averaged; only PERSON, PLACE
and ORG are scored there (GROUP predictions are left out), and each file gets a
line of its own.

Parsing and scoring are pure functions (``parse_annotated``, ``lint_document``,
``score_spans``, ``score_countries``, ...) so they can be unit-tested without
loading a model.  Only ``main`` imports the project.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

# The kinds, and how plain spaCy labels map to them for ``--baseline``, are the
# project's own (other labels are dropped).
from reader.core.model import KIND_OF_LABEL as SPACY_LABEL_TO_KIND  # noqa: E402
from reader.core.model import KINDS  # noqa: E402

DEFAULT_EVAL_DIR = REPO_ROOT / "benchmarks" / "eval"
#: The real-text development set, kept beside the repository when present.
DEFAULT_DEV_DIR = REPO_ROOT.parent / "shared" / "eval-dev"
#: The kinds a gold-JSON set annotates; the scorer ignores every other label.
GOLD_JSON_KINDS: tuple[str, ...] = ("PERSON", "PLACE", "ORG")

_MARKUP = re.compile(r"\[\[([^\[\]|\n]*)\|([^\[\]|\n]*)\]\]")
_HEADER = re.compile(r"#\s*countries\s*:(?P<codes>.*)", re.IGNORECASE)
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")
# Characters that should never start or end a gold span.  "." is allowed at the
# end because abbreviations such as "U.S." keep their final full stop.
_BAD_EDGE = set(" \t\n,;:!?\"'“”‘’()[]{}—–-")


class AnnotationError(ValueError):
    """Raised when an annotated file cannot be parsed."""


@dataclass(frozen=True, order=True)
class Span:
    """A mention: ``text[start:end]`` (code points) of a given kind."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Document:
    """One stripped eval article with its gold annotations."""

    name: str
    text: str
    spans: tuple[Span, ...]
    countries: frozenset[str] | None  # None when the file has no countries header
    #: Spans of kinds the set annotates but Gazette does not highlight (a public corpus's
    #: events, works, MISC): a prediction overlapping one, not exactly a gold span, is not scored.
    ignore: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


# --------------------------------------------------------------------------- parsing


def parse_countries_header(line: str) -> frozenset[str] | None:
    """Return the codes of a ``# countries: XX YY`` line, or None if it is not one."""
    match = _HEADER.fullmatch(line.strip())
    if match is None:
        return None
    codes = [c.upper() for c in re.split(r"[\s,;]+", match.group("codes")) if c]
    bad = [c for c in codes if not _COUNTRY_CODE.fullmatch(c)]
    if bad:
        raise AnnotationError(f"not ISO alpha-2 country codes: {', '.join(bad)}")
    return frozenset(codes)


def strip_markup(annotated: str, kinds: Sequence[str] = KINDS) -> tuple[str, tuple[Span, ...]]:
    """Turn ``[[surface|KIND]]`` markup into plain text plus gold spans.

    Offsets are code points in the returned text.  Raises AnnotationError on
    unknown kinds, empty surfaces or stray brackets.
    """
    out: list[str] = []
    spans: list[Span] = []
    pos = 0  # position in `annotated`
    length = 0  # length of the text produced so far
    for match in _MARKUP.finditer(annotated):
        before = annotated[pos : match.start()]
        _check_no_stray_markup(before, annotated, pos)
        out.append(before)
        length += len(before)
        surface, kind = match.group(1), match.group(2)
        if kind not in kinds:
            raise AnnotationError(f"unknown kind {kind!r} at {_where(annotated, match.start())}")
        if not surface:
            raise AnnotationError(f"empty surface at {_where(annotated, match.start())}")
        spans.append(Span(length, length + len(surface), kind))
        out.append(surface)
        length += len(surface)
        pos = match.end()
    rest = annotated[pos:]
    _check_no_stray_markup(rest, annotated, pos)
    out.append(rest)
    text = "".join(out)
    for span, match in zip(spans, _MARKUP.finditer(annotated), strict=True):
        if text[span.start : span.end] != match.group(1):  # pragma: no cover - invariant
            raise AssertionError(f"offset bug for {match.group(0)!r}")
    return text, tuple(spans)


def parse_annotated(raw: str, name: str = "<string>") -> Document:
    """Parse one annotated eval file's contents into a Document."""
    raw = raw.removeprefix("\ufeff").replace("\r\n", "\n")
    countries: frozenset[str] | None = None
    first, newline, remainder = raw.partition("\n")
    try:
        header = parse_countries_header(first)
    except AnnotationError as exc:
        raise AnnotationError(f"{name}: {exc}") from None
    if header is not None:
        countries = header
        raw = remainder if newline else ""
    try:
        text, spans = strip_markup(raw)
    except AnnotationError as exc:
        raise AnnotationError(f"{name}: {exc}") from None
    return Document(name=name, text=text, spans=spans, countries=countries)


def load_documents(paths: Iterable[Path]) -> list[Document]:
    """Read every ``*.txt`` file named (directories are searched one level deep)."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.txt")) if path.is_dir() else [path])
    return [parse_annotated(f.read_text(encoding="utf-8"), name=f.name) for f in files]


def load_gold_json_set(folder: Path) -> list[Document]:
    """Read a gold-JSON set: ``folder/texts/NAME.txt`` with ``folder/gold/NAME.json``.

    A gold span that opens with "The " is read without it (our convention has no
    leading article), and the file's ``ignore`` spans are kept for scoring, as the
    public sets' own scorer does. Raises AnnotationError when a gold span does not
    match its text.
    """
    documents = []
    for gold_path in sorted((folder / "gold").glob("*.json")):
        name = gold_path.stem
        text = (folder / "texts" / f"{name}.txt").read_text(encoding="utf-8")
        data = json.loads(gold_path.read_text(encoding="utf-8"))
        spans = []
        for entity in data.get("entities", []):
            start, end, label = int(entity["start"]), int(entity["end"]), str(entity["label"])
            kind = SPACY_LABEL_TO_KIND.get(label, label)
            if kind not in GOLD_JSON_KINDS:
                continue
            if "text" in entity and text[start:end] != entity["text"]:
                raise AnnotationError(f"{name}: span {start}:{end} is {text[start:end]!r}, not {entity['text']!r}")
            if text[start : start + 4] in ("The ", "the ") and end - start > 4:
                start += 4
            spans.append(Span(start, end, kind))
        countries = frozenset(str(c).upper() for c in data.get("countries", []))
        ignore = tuple(sorted((int(i["start"]), int(i["end"])) for i in data.get("ignore", []) or []))
        documents.append(Document(name, text, tuple(sorted(spans)), countries, ignore))
    return documents


def prediction_json(result: FileResult) -> dict[str, object]:
    """One file's predictions in the gold-JSON shape."""
    text = result.doc.text
    return {
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "entities": [
            {"start": s.start, "end": s.end, "text": text[s.start : s.end], "label": s.kind}
            for s in sorted(result.predicted)
        ],
        "countries": sorted(result.countries or ()),
    }


def lint_document(doc: Document) -> list[str]:
    """Warnings about gold spans that break the annotation conventions."""
    warnings: list[str] = []
    text = doc.text
    if unicodedata.normalize("NFC", text) != text:
        warnings.append(f"{doc.name}: text is not NFC-normalised")
    previous: Span | None = None
    for span in sorted(doc.spans):
        surface = text[span.start : span.end]
        where = f"{doc.name}: {span.kind} {surface!r} at {span.start}"
        if surface[0] in _BAD_EDGE or surface[-1] in _BAD_EDGE:
            warnings.append(f"{where}: starts or ends with whitespace or punctuation")
        if surface[-1] == "." and not re.search(r"\b\w\.\w?\.?$", surface):
            warnings.append(f"{where}: ends with a full stop that is not an abbreviation")
        if re.match(r"(?i)the\s", surface) and surface != "The Hague":
            warnings.append(f"{where}: starts with 'the'")
        if re.search(r"['’]s$", surface) and span.kind != "ORG":
            warnings.append(f"{where}: includes a possessive")
        if span.start > 0 and text[span.start - 1].isalnum():
            warnings.append(f"{where}: starts inside a word")
        if span.end < len(text) and text[span.end].isalnum():
            warnings.append(f"{where}: ends inside a word")
        if previous is not None and span.start < previous.end:
            warnings.append(f"{where}: overlaps the previous span")
        previous = span
    return warnings


def _check_no_stray_markup(chunk: str, whole: str, offset: int) -> None:
    for token in ("[[", "]]"):
        index = chunk.find(token)
        if index >= 0:
            raise AnnotationError(f"malformed markup near {_where(whole, offset + index)}")


def _where(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    snippet = text[index : index + 40].split("\n", 1)[0]
    return f"line {line}, column {column} ({snippet!r})"


# --------------------------------------------------------------------------- scoring


def without_ignored(doc: Document, predicted: Iterable[Span]) -> frozenset[Span]:
    """``predicted`` less the spans that overlap one of ``doc``'s ignore spans and are
    not exactly where a gold span is: they count neither for nor against."""
    if not doc.ignore:
        return frozenset(predicted)
    bounds = {(g.start, g.end) for g in doc.spans}
    return frozenset(
        p for p in predicted if (p.start, p.end) in bounds or not any(p.start < e and s < p.end for s, e in doc.ignore)
    )


def score_spans(gold: Iterable[Span], predicted: Iterable[Span]) -> dict[str, Counts]:
    """Exact span + kind matching; returns counts per kind (predicted kinds included)."""
    gold_set, pred_set = set(gold), set(predicted)
    kinds = list(KINDS) + sorted({s.kind for s in gold_set | pred_set} - set(KINDS))
    result: dict[str, Counts] = {}
    for kind in kinds:
        g = {s for s in gold_set if s.kind == kind}
        p = {s for s in pred_set if s.kind == kind}
        result[kind] = Counts(tp=len(g & p), fp=len(p - g), fn=len(g - p))
    return result


def score_countries(gold: Iterable[str], predicted: Iterable[str]) -> Counts:
    """Set comparison of country codes for one article."""
    g = {c.upper() for c in gold}
    p = {c.upper() for c in predicted}
    return Counts(tp=len(g & p), fp=len(p - g), fn=len(g - p))


def merge_counts(per_file: Iterable[Mapping[str, Counts]], kinds: Sequence[str] = KINDS) -> dict[str, Counts]:
    """Sum per-kind counts over files (``kinds`` always get a row, other kinds when seen)."""
    total: dict[str, Counts] = {kind: Counts() for kind in kinds}
    for counts in per_file:
        for kind, c in counts.items():
            total[kind] = total.get(kind, Counts()) + c
    return total


def micro(counts: Mapping[str, Counts]) -> Counts:
    """Micro-average: the sum of all kinds' counts."""
    return sum(counts.values(), Counts())


@dataclass(frozen=True)
class ErrorItem:
    """One false positive or false negative, with a hint about its nearest neighbour."""

    span: Span
    surface: str
    note: str


def diff_spans(text: str, gold: Iterable[Span], predicted: Iterable[Span]) -> tuple[list[ErrorItem], list[ErrorItem]]:
    """False positives and false negatives, each annotated with why it failed."""
    gold_set, pred_set = set(gold), set(predicted)

    def explain(span: Span, others: set[Span], label: str) -> str:
        same = [o for o in others if (o.start, o.end) == (span.start, span.end)]
        if same:
            return f"{label} has it as {same[0].kind}"
        near = sorted(o for o in others if o.start < span.end and span.start < o.end)
        if near:
            o = near[0]
            return f"{label} has {text[o.start : o.end]!r} {o.kind}"
        return ""

    fps = [ErrorItem(s, text[s.start : s.end], explain(s, gold_set, "gold")) for s in sorted(pred_set - gold_set)]
    fns = [ErrorItem(s, text[s.start : s.end], explain(s, pred_set, "predicted")) for s in sorted(gold_set - pred_set)]
    return fps, fns


def spacy_baseline_spans(ents: Iterable[object]) -> set[Span]:
    """Map spaCy entities (``.start_char``, ``.end_char``, ``.label_``) to Gazette spans."""
    spans: set[Span] = set()
    for ent in ents:
        kind = SPACY_LABEL_TO_KIND.get(getattr(ent, "label_", ""))
        if kind is not None:
            spans.add(Span(int(ent.start_char), int(ent.end_char), kind))  # type: ignore[attr-defined]
    return spans


def mention_spans(mentions: Iterable[object]) -> set[Span]:
    """Map Gazette mentions (``.start``, ``.end``, ``.kind``) to spans."""
    spans: set[Span] = set()
    for m in mentions:
        kind = m.kind  # type: ignore[attr-defined]
        kind = str(getattr(kind, "value", kind))
        spans.add(Span(int(m.start), int(m.end), kind))  # type: ignore[attr-defined]
    return spans


# --------------------------------------------------------------------------- report


@dataclass(frozen=True)
class FileResult:
    doc: Document
    predicted: frozenset[Span]
    countries: frozenset[str] | None  # None when the mode predicts no countries


@dataclass(frozen=True)
class Report:
    mode: str
    pipeline: str
    kinds: dict[str, Counts]
    countries: Counts | None
    country_files: int
    files: int

    @property
    def overall(self) -> Counts:
        return micro(self.kinds)


def build_report(
    mode: str, pipeline: str, results: Sequence[FileResult], kinds_scored: Sequence[str] = KINDS
) -> Report:
    per_file = [
        {k: c for k, c in score_spans(r.doc.spans, r.predicted).items() if k in kinds_scored or c.gold or c.predicted}
        for r in results
    ]
    kinds = merge_counts(per_file, kinds_scored)
    country_results = [
        score_countries(r.doc.countries, r.countries)
        for r in results
        if r.doc.countries is not None and r.countries is not None
    ]
    countries = sum(country_results, Counts()) if country_results else None
    return Report(mode, pipeline, kinds, countries, len(country_results), len(results))


def format_table(report: Report) -> str:
    lines = [
        f"{'kind':<16}{'gold':>6}{'pred':>6}{'tp':>6}{'precision':>11}{'recall':>8}{'F1':>8}",
    ]

    def row(label: str, c: Counts) -> str:
        return f"{label:<16}{c.gold:>6}{c.predicted:>6}{c.tp:>6}{c.precision:>11.3f}{c.recall:>8.3f}{c.f1:>8.3f}"

    for kind, counts in report.kinds.items():
        lines.append(row(kind, counts))
    lines.append("-" * len(lines[0]))
    lines.append(row("overall (micro)", report.overall))
    if report.countries is None:
        lines.append("countries: not scored (no country predictions or no '# countries:' headers)")
    else:
        c = report.countries
        lines.append(
            f"countries (micro over {report.country_files} files): "
            f"precision {c.precision:.3f}  recall {c.recall:.3f}  F1 {c.f1:.3f}  "
            f"(tp {c.tp}, fp {c.fp}, fn {c.fn})"
        )
    return "\n".join(lines)


def format_files(results: Sequence[FileResult]) -> str:
    """One line per file: exact-match P/R/F1 and the country sets."""
    lines = [f"{'file':<46}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>7}{'R':>7}{'F1':>7}  countries gold / pred"]
    for r in results:
        c = micro(score_spans(r.doc.spans, r.predicted))
        gold_codes = " ".join(sorted(r.doc.countries or ())) or "-"
        pred_codes = " ".join(sorted(r.countries or ())) or "-"
        lines.append(
            f"{r.doc.name:<46}{c.gold:>6}{c.predicted:>6}{c.tp:>6}"
            f"{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}  {gold_codes} / {pred_codes}"
        )
    return "\n".join(lines)


def restrict_kinds(results: Sequence[FileResult], kinds: Sequence[str]) -> list[FileResult]:
    """The results with predictions of other kinds left out (a set that does not annotate them)."""
    return [FileResult(r.doc, frozenset(s for s in r.predicted if s.kind in kinds), r.countries) for r in results]


def format_errors(result: FileResult) -> Iterator[str]:
    doc = result.doc
    fps, fns = diff_spans(doc.text, doc.spans, result.predicted)
    counts = micro(score_spans(doc.spans, result.predicted))
    yield f"== {doc.name}: P {counts.precision:.3f} R {counts.recall:.3f} F1 {counts.f1:.3f}"
    for label, items in (("FP", fps), ("FN", fns)):
        for item in items:
            note = f"  [{item.note}]" if item.note else ""
            yield f"  {label} {item.span.kind:<6} {item.surface!r} @{item.span.start}{note}"
    if doc.countries is not None and result.countries is not None:
        extra = sorted(result.countries - doc.countries)
        missing = sorted(doc.countries - result.countries)
        if extra or missing:
            yield f"  countries: extra {' '.join(extra) or '-'}; missing {' '.join(missing) or '-'}"


def report_json(report: Report) -> str:
    data: dict[str, object] = {
        "mode": report.mode,
        "pipeline": report.pipeline,
        "files": report.files,
        "gold": report.overall.gold,
        "predicted": report.overall.predicted,
        **report.overall.as_dict(),
        "kinds": {k: c.as_dict() for k, c in report.kinds.items()},
        "countries": None if report.countries is None else report.countries.as_dict(),
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=False)


# --------------------------------------------------------------------------- main

#: The public sets, kept beside the repository when present: one folder a set.
DEFAULT_PUBLIC_DIR = REPO_ROOT.parent / "shared" / "eval-public-dev"
#: The model's own spans per chunk, so that a second run (and each ablation) only cleans and groups.
CACHE_DIR = REPO_ROOT / "benchmarks" / ".cache"


class ModelSpans:
    """The model's raw spans of each chunk, computed once and kept in ``CACHE_DIR``.

    The key is the chunk's text and the pipeline's name and version, so a cached
    answer is exactly what the model would say again; the cleaning and grouping
    that follow are run every time.
    """

    def __init__(self, pipeline: object, use_cache: bool = True) -> None:
        from reader.nlp.pipeline import Pipeline

        assert isinstance(pipeline, Pipeline)
        self.pipeline = pipeline
        self.label = f"{pipeline.name} {pipeline.version}"
        self.path = CACHE_DIR / f"raw-{pipeline.name}-{pipeline.version}.json"
        self.cache: dict[str, list[list[object]]] = {}
        self.dirty = False
        if use_cache and self.path.is_file():
            try:
                self.cache = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.cache = {}

    def chunks(self, text: str) -> list[object]:
        """The document's analysed chunks (``ChunkSpans``), as the one analysis path gives them."""
        from reader.core.chunks import plan_batches
        from reader.core.entities import clean_chunk
        from reader.core.model import ChunkSpans, RawSpan
        from reader.core.places import default_gazetteer
        from reader.nlp.pipeline import model_text

        gaz = default_gazetteer()
        out: list[object] = []
        for batch in plan_batches(text):
            for start, end in batch:
                chunk = text[start:end]
                key = hashlib.sha256(chunk.encode("utf-8")).hexdigest()
                if key not in self.cache:
                    doc = self.pipeline.nlp(model_text(chunk, 0, len(chunk)))
                    self.cache[key] = [[e.start_char, e.end_char, e.label_] for e in doc.ents]
                    self.dirty = True
                raw = tuple(RawSpan(start + int(a), start + int(b), str(lab)) for a, b, lab in self.cache[key])
                out.append(ChunkSpans(start, end, raw, clean_chunk(chunk, start, raw, gaz)))
        return out

    def baseline(self, text: str) -> frozenset[Span]:
        """Plain spaCy: the model's own spans, mapped to kinds, nothing cleaned."""
        spans = set()
        for chunk in self.chunks(text):
            for r in chunk.raw:  # type: ignore[attr-defined]
                kind = SPACY_LABEL_TO_KIND.get(r.label)
                if kind is not None:
                    spans.add(Span(r.start, r.end, kind))
        return frozenset(spans)

    def save(self) -> None:
        if not self.dirty:
            return
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.cache), encoding="utf-8")
        tmp.replace(self.path)


def _predict(documents: Sequence[Document], mode: str, model: ModelSpans | None = None) -> tuple[str, list[FileResult]]:
    if mode == "gold":
        return "gold", [FileResult(d, frozenset(d.spans), d.countries) for d in documents]
    assert model is not None
    results: list[FileResult] = []
    if mode == "baseline":
        for doc in documents:
            results.append(FileResult(doc, without_ignored(doc, model.baseline(doc.text)), None))
        return model.label, results

    from reader.nlp.analyse import analysis_of_chunks

    for doc in documents:
        analysis = analysis_of_chunks(doc.text, model.chunks(doc.text))  # type: ignore[arg-type]
        spans = without_ignored(doc, mention_spans(analysis.mentions))
        codes = frozenset(str(c.code).upper() for c in analysis.countries)
        results.append(FileResult(doc, spans, codes))
    return model.label, results


def _print_set(title: str, report: Report, results: Sequence[FileResult], verbose: bool, per_file: bool) -> None:
    if verbose:
        for result in results:
            for line in format_errors(result):
                print(line)
        print()
    documents = [r.doc for r in results]
    words = sum(len(d.text.split()) for d in documents)
    print(
        f"== {title} | mode {report.mode} | pipeline {report.pipeline} | {len(documents)} files, "
        f"{words} words, {report.overall.gold} gold spans | exact span + kind"
    )
    print(format_table(report))
    if per_file:
        print(format_files(results))


def format_side_by_side(title: str, baseline: Report, gazette: Report) -> str:
    """Plain spaCy's F1 beside Gazette's precision, recall and F1, per kind and overall."""
    lines = [
        f"== {title}: {gazette.files} files, {gazette.overall.gold} gold spans | exact span + kind",
        f"{'kind':<10}{'gold':>6}{'spaCy F1':>10}{'Gazette P':>11}{'R':>7}{'F1':>7}",
    ]
    rows = [*gazette.kinds.items(), ("all", gazette.overall)]
    base = {**baseline.kinds, "all": baseline.overall}
    for kind, c in rows:
        b = base.get(kind, Counts())
        lines.append(f"{kind:<10}{c.gold:>6}{b.f1:>10.3f}{c.precision:>11.3f}{c.recall:>7.3f}{c.f1:>7.3f}")
    if gazette.countries is not None and gazette.countries.gold:
        c = gazette.countries
        files = gazette.country_files
        lines.append(f"countries (sets, {files} files): precision {c.precision:.3f} recall {c.recall:.3f}")
    return "\n".join(lines)


def public_sets(folder: Path) -> list[tuple[str, list[Document]]]:
    """Each sub-folder of ``folder`` that holds ``gold/``: its name and documents."""
    return [(sub.name, load_gold_json_set(sub)) for sub in sorted(folder.iterdir()) if (sub / "gold").is_dir()]


def _gazette_f1(sets: Sequence[Sequence[Document]], model: ModelSpans) -> list[Counts]:
    out = []
    for docs in sets:
        _label, results = _predict(docs, "gazette", model)
        out.append(build_report("gazette", "", restrict_kinds(results, GOLD_JSON_KINDS), GOLD_JSON_KINDS).overall)
    return out


def ablation(dev: Sequence[Document], pool: Sequence[Document], model: ModelSpans) -> str:
    """Each pass of the analysis switched off in turn: what it earns in F1 on the real texts and
    on the public pool (positive: the pass pays)."""
    from reader.core.passes import switched_off
    from reader.core.passes.chain import all_passes

    sets = [dev, pool]
    full = _gazette_f1(sets, model)
    lines = [
        f"{'pass':<28}{'stage':<10}{'eval-dev':>10}{'public pool':>13}",
        f"{'(all passes on: F1)':<38}{full[0].f1:>10.3f}{full[1].f1:>13.3f}",
    ]
    for p in all_passes():
        with switched_off({p.name}):
            off = _gazette_f1(sets, model)
        lines.append(f"{p.name:<28}{p.stage:<10}{full[0].f1 - off[0].f1:>+10.3f}{full[1].f1 - off[1].f1:>+13.3f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[DEFAULT_EVAL_DIR],
        help="annotated .txt files or directories (default: benchmarks/eval)",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--baseline", action="store_true", help="score plain spaCy doc.ents instead of Gazette")
    mode.add_argument(
        "--check",
        action="store_true",
        help="only parse and lint the gold files (scores gold against itself; no spaCy)",
    )
    parser.add_argument(
        "--dev",
        type=Path,
        nargs="?",
        const=DEFAULT_DEV_DIR,
        default=None,
        help=f"also score a gold-JSON set (texts/, gold/; default {DEFAULT_DEV_DIR})",
    )
    parser.add_argument(
        "--public",
        type=Path,
        nargs="?",
        const=DEFAULT_PUBLIC_DIR,
        default=None,
        help=f"also score each public set in this folder and their pool (default {DEFAULT_PUBLIC_DIR})",
    )
    parser.add_argument("--ablate", action="store_true", help="switch each pass off in turn and print what it earns")
    parser.add_argument("--no-cache", action="store_true", help="run the model on every chunk again")
    parser.add_argument("--write-pred", type=Path, help="write each gold-JSON set's predictions to this folder")
    parser.add_argument("--verbose", "-v", action="store_true", help="list FPs and FNs per file")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of figures per set")
    args = parser.parse_args(argv)

    try:
        documents = load_documents(args.paths)
    except (AnnotationError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not documents:
        print("error: no annotated .txt files found", file=sys.stderr)
        return 2

    warnings = [w for d in documents for w in lint_document(d)]
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)

    # (title, documents, whether to list files): the gold-JSON sets.
    json_sets: list[tuple[str, list[Document], bool]] = []
    try:
        if args.dev is not None:
            if (args.dev / "gold").is_dir():
                json_sets.append((f"real texts ({args.dev})", load_gold_json_set(args.dev), True))
            else:
                print(f"real-text set: not scored ({args.dev} has no gold/ folder)")
        if args.public is not None:
            found = public_sets(args.public) if args.public.is_dir() else []
            if not found:
                print(f"public sets: not scored ({args.public} holds no set with a gold/ folder)")
            for name, docs in found:
                json_sets.append((f"public {name}", docs, False))
            if len(found) > 1:
                json_sets.append(("public pool", [d for _n, docs in found for d in docs], False))
    except (AnnotationError, OSError, ValueError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    mode_name = "gold" if args.check else "baseline" if args.baseline else "gazette"
    model = None
    if mode_name != "gold":
        from reader.nlp.pipeline import load_pipeline

        model = ModelSpans(load_pipeline(), use_cache=not args.no_cache)
    pipeline_label, results = _predict(documents, mode_name, model)
    report = build_report(mode_name, pipeline_label, results)
    _print_set("own articles (benchmarks/eval)", report, results, args.verbose, per_file=False)
    if args.json:
        print(report_json(report))

    for title, docs, per_file in json_sets:
        _label, set_results = _predict(docs, mode_name, model)
        set_results = restrict_kinds(set_results, GOLD_JSON_KINDS)
        set_report = build_report(mode_name, pipeline_label, set_results, GOLD_JSON_KINDS)
        print()
        if mode_name == "gazette" and model is not None:
            _base_label, base_results = _predict(docs, "baseline", model)
            base_report = build_report("baseline", pipeline_label, base_results, GOLD_JSON_KINDS)
            if args.verbose:
                for result in set_results:
                    for line in format_errors(result):
                        print(line)
            print(format_side_by_side(title, base_report, set_report))
            if per_file:
                print(format_files(set_results))
        else:
            _print_set(title, set_report, set_results, args.verbose, per_file=per_file)
        if args.json:
            print(report_json(set_report))
        if args.write_pred is not None and title != "public pool":
            folder = args.write_pred / title.split(" ")[-1].strip("()").replace("/", "_")
            folder.mkdir(parents=True, exist_ok=True)
            for result in set_results:
                out = folder / f"{result.doc.name}.json"
                out.write_text(json.dumps(prediction_json(result), ensure_ascii=False, indent=1), encoding="utf-8")

    if args.ablate and model is not None:
        dev = next((docs for title, docs, _f in json_sets if title.startswith("real texts")), [])
        sets = [docs for title, docs, _f in json_sets if title.startswith("public ") and title != "public pool"]
        pool = [d for docs in sets for d in docs]
        print()
        print("== ablation: F1 gained by each pass (switched off in turn)")
        print(ablation(dev, pool, model))
    if model is not None:
        model.save()
    return 1 if args.check and warnings else 0


if __name__ == "__main__":
    sys.exit(main())
