"""The analysis service: the seam the window analyses through, and the fake that stands in for it."""

from __future__ import annotations

import linecache
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMetaMethod, QObject

from reader.nlp.analyse import analyse_text
from reader.nlp.pipeline import INSTALL_HINT
from reader.ui.worker import AnalysisService, grouping_in_the_background

from .fakes import FakeAnalysisService

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "harbour-summit.txt"


def signals(cls: type[QObject]) -> set[str]:
    """The public signals of a QObject class, with their argument types."""
    meta = cls.staticMetaObject
    found = set()
    for i in range(meta.methodOffset(), meta.methodCount()):
        method = meta.method(i)
        name = bytes(method.methodSignature().data()).decode()
        if method.methodType() == QMetaMethod.MethodType.Signal and not name.startswith("_"):
            found.add(name)
    return found


@pytest.fixture
def service(qapp):
    services: list[AnalysisService] = []

    def make(model: str | None = None) -> AnalysisService:
        services.append(AnalysisService(model))
        return services[-1]

    yield make
    for made in services:
        made.shutdown()
        assert made.thread.isFinished()


def test_the_fake_has_the_real_services_signals_and_methods(qapp) -> None:
    assert (
        signals(FakeAnalysisService)
        == signals(AnalysisService)
        == {
            "modelReady(QString,QString)",
            "modelFailed(QString)",
            "chunkReady(int,int,PyObject)",
            "progress(int,int)",
            "partial(int,PyObject)",
            "finished(int,PyObject)",
            "failed(int,QString)",
        }
    )
    fake = FakeAnalysisService()
    for name in ("start", "cancel", "prioritise", "shutdown"):
        assert callable(getattr(AnalysisService, name)) and callable(getattr(fake, name))
    assert (fake.model_ready, fake.model_error, fake.model_name) == (True, None, "fake_ner 1.0")


def test_a_missing_model_fails_each_job_with_the_install_hint(qtbot, service) -> None:
    missing = service("en_core_web_missing")
    if missing.model_error is None:
        with qtbot.waitSignal(missing.modelFailed, timeout=60_000) as blocker:
            pass
        assert INSTALL_HINT in blocker.args[0]
    assert INSTALL_HINT in (missing.model_error or "")
    assert not missing.model_ready
    with qtbot.waitSignal(missing.failed, timeout=10_000) as blocker:
        job = missing.start("Officials in Lisbon.")
    assert blocker.args == [job, missing.model_error]


def test_the_text_reaches_the_analysis_thread_itself_not_a_copy(qtbot, service) -> None:
    real = service("en_core_web_missing")
    if real.model_error is None:
        with qtbot.waitSignal(real.modelFailed, timeout=60_000):
            pass
    # The worker's thread gets the window's very string: a long text is not held twice.
    received: list[str] = []
    real.worker._load_error = None
    real.worker._run = lambda _job, text: received.append(text)
    text = "Officials in Lisbon met envoys from Morocco.\n" * 50_000
    real.start(text)
    qtbot.waitUntil(lambda: bool(received), timeout=10_000)
    assert received[0] is text


@pytest.mark.model
def test_chunks_progress_and_the_result_arrive_in_order(qtbot, service, pipeline) -> None:
    real = service()
    text = SAMPLE.read_text(encoding="utf-8")
    heard: list[tuple] = []
    real.chunkReady.connect(lambda job, upto, spans: heard.append(("chunk", job, upto, spans)))
    real.progress.connect(lambda job, percent: heard.append(("progress", job, percent)))
    with qtbot.waitSignal(real.finished, timeout=120_000) as blocker:
        job = real.start(text)
    assert real.model_ready and real.model_name == "en_core_web_sm 3.8.0"
    chunks = [h for h in heard if h[0] == "chunk"]
    assert chunks and all(c[1] == job for c in chunks)
    assert [c[2] for c in chunks] == sorted(c[2] for c in chunks) and chunks[-1][2] == len(text)
    percents = [h[2] for h in heard if h[0] == "progress"]
    assert percents == sorted(percents) and percents[-1] == 100
    finished_job, (analysis, spans) = blocker.args
    expected = analyse_text(text, pipeline)
    assert finished_job == job
    assert analysis.mentions == expected.mentions and analysis.entities == expected.entities
    assert spans == expected.mentions  # the highlights are the mentions themselves


@pytest.mark.model
def test_a_newer_job_or_a_cancel_stops_the_old_one(qtbot, service) -> None:
    real = service()
    finished: list[int] = []
    real.finished.connect(lambda job, _result: finished.append(job))
    book = "Pierre Bezukhov walked with Natasha Rostova through Petersburg and Smolensk.\n\n" * 2000
    with qtbot.waitSignal(real.chunkReady, timeout=120_000):
        cancelled = real.start(book)
    real.cancel()
    replaced = real.start(book)
    with qtbot.waitSignal(real.finished, timeout=120_000) as blocker:
        last = real.start("Officials in Lisbon met envoys from Morocco.")
    assert blocker.args[0] == last
    assert finished == [last]  # neither the cancelled nor the replaced job finished
    assert cancelled < replaced < last


def test_a_grouping_drops_the_sources_of_the_modules_it_imported() -> None:
    # The first grouping imports the name rules, whose sources the Qt binding reads and linecache would keep.
    source = str(Path(__file__).resolve().parents[2] / "reader" / "core" / "analysis.py")
    assert linecache.getlines(source)
    with grouping_in_the_background():
        assert source in linecache.cache
    assert source not in linecache.cache


def test_the_rules_are_ready_before_the_first_text_so_its_grouping_imports_nothing() -> None:
    # A fresh interpreter: this one has long imported everything.
    script = (
        "import sys\n"
        "from reader.ui.worker import warm_up_grouping\n"
        "assert 'nameparser' not in sys.modules and 'reader.core.passes.chain' not in sys.modules\n"
        "warm_up_grouping()\n"
        "before = set(sys.modules)\n"
        "from reader.core.analysis import build_analysis\n"
        "from reader.core.model import RawSpan\n"
        "text = 'Orla Vennick of the Dunmere League spoke in Kettleby, Tarvia.'\n"
        "build_analysis(text, [RawSpan(0, 12, 'PERSON'), RawSpan(20, 34, 'ORG'), RawSpan(44, 52, 'GPE')])\n"
        "print(sorted(set(sys.modules) - before))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]"
