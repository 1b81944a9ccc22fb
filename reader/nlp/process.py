"""Analysis processes: spaCy runs in child processes, one per core.

The window's process keeps its interpreter free for the event loop, and two
cores analyse a book at once. A child is ``gazette --analysis-worker``: it
loads the pipeline, says ``ready``, then answers batches of text chunks with
the model's raw spans and their cleaned spans, by the same path as
``gazette extract`` (:mod:`reader.nlp.analyse`). Messages are pickled
frames with a 4-byte length, over the child's stdin and stdout; only this
program's own processes are on either end.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.core.model import ChunkSpans
    from reader.nlp.analyse import Chunk

_HEADER = struct.Struct("!I")
WORKER_FLAG = "--analysis-worker"


def send(stream: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def receive(stream: IO[bytes]) -> Any:
    """The next message, or None when the other end has closed."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)


def worker_main(model: str | None = None) -> int:
    """The child's loop: load, say ready, answer batches until stdin closes."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    # Anything the libraries print must not corrupt the message stream.
    sys.stdout = sys.stderr
    try:
        return _serve(stdin, stdout, model)
    except (BrokenPipeError, ConnectionResetError):
        # The window's process is gone: stop quietly, with nothing left to flush.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())
        return 0


#: Set for a child that is not on the way to the first highlights: it loads at low priority too.
NICE_ENV = "GAZETTE_ANALYSIS_NICE"


def _serve(stdin: IO[bytes], stdout: IO[bytes], model: str | None) -> int:
    # A second child loads while the first analyses and the window paints: on
    # two cores, at full priority it took the window's turn (30 ms pauses).
    if os.environ.pop(NICE_ENV, ""):
        with contextlib.suppress(OSError, AttributeError):
            os.nice(5)
    from reader.core.heap import keep_heap_small

    keep_heap_small()  # spaCy's arrays of each batch are given back once freed
    from reader.core.places import default_gazetteer
    from reader.nlp.analyse import analyse_chunks
    from reader.nlp.pipeline import ModelNotFoundError, load_pipeline

    try:
        pipeline = load_pipeline(model or None, without_cli=True)
        default_gazetteer()
    except ModelNotFoundError as exc:
        send(stdout, ("error", str(exc)))
        return 2
    except Exception as exc:
        send(stdout, ("error", f"The language model could not be loaded: {exc}"))
        return 1
    # Loading is on the way to the first highlights, so it runs at full
    # priority; from here on, the window's process comes first when the
    # cores are busy.
    with contextlib.suppress(OSError, AttributeError):
        if os.getpriority(os.PRIO_PROCESS, 0) < 5:
            os.nice(5)
    send(stdout, ("ready", pipeline.name, pipeline.version))
    while True:
        message = receive(stdin)
        if message is None:
            return 0
        tag, chunks = message
        answer: tuple[str, Any, object]
        try:
            answer = ("done", tag, analyse_chunks(pipeline, chunks))
        except Exception as exc:
            answer = ("failed", tag, f"{type(exc).__name__}: {exc}")
        send(stdout, answer)


def worker_command() -> list[str]:
    """How to start a child: the frozen program itself, or this interpreter."""
    if getattr(sys, "frozen", False):
        return [sys.executable, WORKER_FLAG]
    return [sys.executable, "-m", "reader", WORKER_FLAG]


class AnalysisProcess:
    """One child process; a reader thread puts its messages on a shared queue."""

    def __init__(
        self, index: int, model: str | None, inbox: queue.Queue[tuple[int, Any]], low_priority: bool = False
    ) -> None:
        self.index = index
        self.ready = False
        self.busy = 0
        env = dict(os.environ)
        if model:
            env["GAZETTE_MODEL"] = model
        if low_priority:
            env[NICE_ENV] = "1"
        self.proc = subprocess.Popen(
            worker_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            # Buffered both ways: a read returns a whole message and a write
            # sends one whole, however the pipe splits them.
            bufsize=-1,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self._stdin: IO[bytes] = self.proc.stdin
        self._stdout: IO[bytes] = self.proc.stdout
        self._lock = threading.Lock()
        self._reader = threading.Thread(
            target=self._read, args=(inbox,), name=f"gazette-analysis-reader-{index}", daemon=True
        )
        self._reader.start()

    def _read(self, inbox: queue.Queue[tuple[int, Any]]) -> None:
        while True:
            try:
                message = receive(self._stdout)
            except (OSError, pickle.UnpicklingError, EOFError):
                message = None
            inbox.put((self.index, message))
            if message is None:
                return

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def submit(self, tag: object, chunks: Sequence[Chunk]) -> bool:
        with self._lock:
            try:
                send(self._stdin, (tag, list(chunks)))
            except (OSError, ValueError):
                return False
        self.busy += 1
        return True

    def close(self, timeout: float = 5.0) -> None:
        with self._lock, contextlib.suppress(OSError, ValueError):
            self._stdin.close()
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._reader.join(timeout)
        with contextlib.suppress(OSError, ValueError):
            self._stdout.close()


class AnalysisError(Exception):
    """The analysis processes could not do the work; the message is for a person."""


class AnalysisPool:
    """Child processes shared by every window of this program, started on demand."""

    #: How many batches a child holds at once, so it never waits for the next.
    IN_FLIGHT = 2
    #: A text of more batches than this starts the other children.
    LONG_TEXT_BATCHES = 6
    #: How many children one text may start again after they died, before it gives up.
    MAX_RESTARTS = 4
    GAVE_UP = "The analysis processes stopped unexpectedly and could not be started again."

    def __init__(self, model: str | None = None, size: int | None = None) -> None:
        self.model = model
        self.size = size or max(1, min(2, os.cpu_count() or 1))
        self.inbox: queue.Queue[tuple[int, Any]] = queue.Queue()
        self.processes: list[AnalysisProcess] = []
        self.name = ""
        self.version = ""
        self.error: str | None = None
        self.job_lock = threading.Lock()
        self._start_lock = threading.Lock()
        # Each child has its own number, never reused, so that the last words
        # of a child that was replaced are never taken for its successor's.
        self._serial = 0
        self.restarts = 0  # children started again after they died, over the pool's life

    def _new_process(self, low_priority: bool = False) -> AnalysisProcess:
        proc = AnalysisProcess(self._serial, self.model, self.inbox, low_priority)
        self._serial += 1
        return proc

    def _process(self, serial: int) -> AnalysisProcess | None:
        return next((p for p in self.processes if p.index == serial), None)

    def launch(self) -> None:
        """Start the first child without waiting: it loads while the window opens."""
        with self._start_lock:
            if not self.processes:
                self.processes = [self._new_process()]

    def _launch_rest(self) -> None:
        """Start the other children; a long text is worth the extra start-up."""
        with self._start_lock:
            while len(self.processes) < self.size:
                self.processes.append(self._new_process(low_priority=True))

    def replace_dead(self) -> list[int]:
        """Start a new child in place of each one that has stopped (killed, crashed).

        Returns the numbers of the children replaced: their batches are lost.
        """
        replaced: list[int] = []
        with self._start_lock:
            for slot, proc in enumerate(self.processes):
                if proc.alive:
                    continue
                proc.close(timeout=1.0)
                self.processes[slot] = self._new_process()
                replaced.append(proc.index)
        self.restarts += len(replaced)
        return replaced

    def start(self, timeout: float = 300.0) -> None:
        """Wait until the first child has loaded its model (starting it if need be).

        Raises :class:`AnalysisError` when it cannot.
        """
        self.launch()
        with self._start_lock:
            if self.error:
                raise AnalysisError(self.error)
            while not self.processes[0].ready:
                try:
                    index, message = self.inbox.get(timeout=timeout)
                except queue.Empty:
                    self.error = "The language model took too long to load."
                    raise AnalysisError(self.error) from None
                self._handle(index, message)
                if self.error:
                    raise AnalysisError(self.error)

    def _handle(self, index: int, message: Any) -> tuple[Any, Any] | None:
        """Book-keeping for one message; returns ``(tag, payload)`` for answered batches."""
        proc = self._process(index)
        if proc is None:
            return None  # from a child already replaced
        if message is None:
            proc.ready = False
            if proc is self.processes[0] and not self.name:
                self.error = "The analysis process stopped while loading the language model."
            return ("died", index)
        kind = message[0]
        if kind == "ready":
            proc.ready = True
            self.name, self.version = message[1], message[2]
            return None
        if kind == "error":
            proc.ready = False
            if proc is self.processes[0] and not self.name:
                self.error = message[1]
            return ("error", message[1])
        proc.busy = max(0, proc.busy - 1)
        if kind == "done":
            return message[1], message[2]
        return message[1], AnalysisError(message[2])

    def run(
        self,
        text: str,
        job: int,
        wanted: Callable[[], bool],
        on_chunk: Callable[[ChunkSpans], None],
        priority: Callable[[], tuple[int, int] | None] | None = None,
    ) -> list[ChunkSpans]:
        """Analyse ``text`` by the one chunk plan; call ``on_chunk`` for each chunk as it is analysed.

        Batches go out in document order, except that those overlapping the
        code-point range ``priority()`` names (read again before each batch
        is handed out) go first: the part of the text the reader is looking
        at. ``on_chunk`` may so be called out of document order.
        ``wanted()`` says whether the job is still wanted; when it stops being
        so, ``run`` returns early. Returns every analysed chunk, in document
        order; the order of analysis never changes what a chunk holds.
        """
        from reader.core.chunks import plan_batches

        batches = plan_batches(text)
        self.launch()
        if len(batches) > self.LONG_TEXT_BATCHES:
            self._launch_rest()
        bounds = [(batch[0][0], batch[-1][1]) for batch in batches]
        results: dict[int, list[ChunkSpans]] = {}
        owner: dict[int, int] = {}
        retry: list[int] = []
        unsent = list(range(len(batches)))  # batches never handed out, in document order
        # Children that died since the last text (killed, crashed) are started again;
        # so are those that die during this one, up to a few times.
        restarts_left = self.MAX_RESTARTS - len(self.replace_dead())
        while len(results) < len(batches):
            if not wanted():
                return [chunk for number in sorted(results) for chunk in results[number]]
            if not all(p.alive for p in self.processes):
                if restarts_left <= 0:
                    if not any(p.alive for p in self.processes):
                        raise AnalysisError(self.GAVE_UP)
                else:
                    gone = self.replace_dead()
                    restarts_left -= len(gone)
                    retry += [n for n, i in owner.items() if i in gone and n not in results and n not in retry]
            alive = [p for p in self.processes if p.ready and p.alive]
            for proc in alive:
                while proc.busy < self.IN_FLIGHT and (retry or unsent):
                    number = retry.pop(0) if retry else next_batch(unsent, bounds, priority() if priority else None)
                    if not proc.submit((job, number), [(s, text[s:e]) for s, e in batches[number]]):
                        retry.append(number)
                        break
                    owner[number] = proc.index
            try:
                index, message = self.inbox.get(timeout=0.2)
            except queue.Empty:
                continue
            answer = self._handle(index, message)
            if answer is None:
                continue
            tag, payload = answer
            if tag == "died":
                retry += [n for n, i in owner.items() if i == payload and n not in results and n not in retry]
                continue
            if tag == "error":
                # A child started again could not load its model.
                raise AnalysisError(f"{self.GAVE_UP} {payload}")
            if tag[0] != job:
                continue  # an answer for an abandoned job
            if isinstance(payload, AnalysisError):
                raise payload
            if tag[1] in results:
                continue  # a batch sent again after its process died, answered twice
            results[tag[1]] = payload
            owner.pop(tag[1], None)
            for chunk in payload:
                on_chunk(chunk)
        return [chunk for number in range(len(batches)) for chunk in results[number]]

    def close(self) -> None:
        for proc in self.processes:
            proc.close()
        self.processes = []


def next_batch(unsent: list[int], bounds: Sequence[tuple[int, int]], wanted: tuple[int, int] | None) -> int:
    """Take the next batch to hand out from ``unsent`` (batch numbers in document order).

    ``bounds`` are the batches' code-point ranges. Without ``wanted`` the first
    unsent batch goes; with a ``(start, end)`` range, the first unsent batch that
    overlaps it, else the first after it, else the first.
    """
    pick = 0
    if wanted is not None:
        start, end = wanted
        after = None
        for i, number in enumerate(unsent):
            lo, hi = bounds[number]
            if lo < end and start < hi:
                pick = i
                break
            if after is None and lo >= end:
                after = i
        else:
            pick = after if after is not None else 0
    return unsent.pop(pick)


# One pool of analysis processes per model, shared by every window of the program.
_POOLS: dict[str, AnalysisPool] = {}
_POOLS_LOCK = threading.Lock()


def shared_pool(model: str | None) -> AnalysisPool:
    with _POOLS_LOCK:
        key = model or ""
        if key not in _POOLS:
            _POOLS[key] = AnalysisPool(model or None)
        return _POOLS[key]


@atexit.register
def close_pools() -> None:
    with _POOLS_LOCK:
        for pool in _POOLS.values():
            pool.close()
        _POOLS.clear()
