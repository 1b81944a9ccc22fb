"""Analysis processes: spaCy runs in child processes, one per core.

The window's process keeps its interpreter free for the event loop, and two
cores analyse a book at once. A child is ``gazette --analysis-worker``: it
loads the pipeline, says ``ready``, then answers batches of text chunks with
the model's raw spans and their cleaned spans, by the same path as
``gazette extract`` (:mod:`reader.nlp.analyse`). Messages are pickled
frames with a 4-byte length, over the child's stdin and stdout; only this
program's own processes are on either end.

Where the system allows it, the second child is not started afresh: the
first, once loaded, forks itself. The copy shares the first one's memory
(spaCy, its libraries and the model: about 60 MB) until either writes to
it, and is ready at once, without another second or two of loading on a
core the window needs.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import itertools
import os
import pickle
import queue
import select
import signal
import socket
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
#: The message that asks a child to fork a copy of itself (its channel's descriptors follow on the fork socket).
FORK = "fork"
#: The descriptor of a child's fork socket, in its environment.
FORK_FD_ENV = "GAZETTE_FORK_FD"
#: Whether children can be forked: a Unix with descriptor passing.
CAN_FORK = hasattr(os, "fork") and hasattr(socket, "send_fds") and hasattr(socket, "AF_UNIX")


def send(stream: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    """``size`` bytes, fewer only where the stream ends; an unbuffered stream may give fewer at each read."""
    data = stream.read(size)
    if data is None or len(data) == size:
        return data or b""
    parts = [data]
    got = len(data)
    while got < size:
        part = stream.read(size - got)
        if not part:
            break
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def receive(stream: IO[bytes]) -> Any:
    """The next message, or None when the other end has closed."""
    header = _read_exactly(stream, _HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    data = _read_exactly(stream, size)
    if len(data) < size:
        return None
    return pickle.loads(data)


def waiting(stream: IO[bytes]) -> bool:
    """Whether input waits on an unbuffered ``stream`` (what a buffered one holds is not seen)."""
    try:
        return bool(select.select([stream], [], [], 0)[0])
    except (OSError, ValueError):
        return True


def worker_main(model: str | None = None) -> int:
    """The child's loop: load, say ready, answer batches until stdin closes."""
    # Input unbuffered, so that whether a batch waits is known (see _answer).
    stdin: IO[bytes] = os.fdopen(sys.stdin.fileno(), "rb", buffering=0, closefd=False)
    stdout = sys.stdout.buffer
    # Anything the libraries print must not corrupt the message stream.
    sys.stdout = sys.stderr
    fork_fd = os.environ.pop(FORK_FD_ENV, "")
    fork_socket = socket.socket(fileno=int(fork_fd)) if fork_fd and CAN_FORK else None
    try:
        return _serve(stdin, stdout, model, fork_socket)
    except (BrokenPipeError, ConnectionResetError):
        # The window's process is gone: stop quietly, with nothing left to flush.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())
        return 0


#: Set for a child that is not on the way to the first highlights: it loads at low priority too.
NICE_ENV = "GAZETTE_ANALYSIS_NICE"


def _serve(stdin: IO[bytes], stdout: IO[bytes], model: str | None, fork_socket: socket.socket | None = None) -> int:
    # A second child loads while the first analyses and the window paints: on
    # two cores, at full priority it took the window's turn (30 ms pauses).
    if os.environ.pop(NICE_ENV, ""):
        with contextlib.suppress(OSError, AttributeError):
            os.nice(5)
    from reader.core.places import default_gazetteer
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
    # cores are busy: at a niceness of 10 the scheduler gives the window's
    # threads about ten times the turns of an analysis process (at 5, three
    # times, the window still missed frames of 20-25 ms on two cores).
    with contextlib.suppress(OSError, AttributeError):
        if os.getpriority(os.PRIO_PROCESS, 0) < 10:
            os.nice(10 - os.getpriority(os.PRIO_PROCESS, 0))
    # What is loaded lives as long as the process: no collection need look at
    # it, and a forked copy keeps sharing its pages.
    gc.freeze()
    send(stdout, ("ready", pipeline.name, pipeline.version))
    return _answer(stdin, stdout, pipeline, fork_socket)


def _answer(stdin: IO[bytes], stdout: IO[bytes], pipeline: Any, fork_socket: socket.socket | None) -> int:
    """Answer batches until stdin closes; fork a copy of this process when asked."""
    from reader.core.heap import return_free_memory
    from reader.nlp.analyse import analyse_chunks

    while True:
        if not waiting(stdin):
            # Nothing to do until the next batch comes (the text is done, or
            # the model has just loaded): the arrays of the largest batch so
            # far, which the C library keeps for reuse, go back to the system.
            # Between a text's batches the next one already waits: no batch
            # pays to fault its memory in again.
            return_free_memory()
        message = receive(stdin)
        if message is None:
            return 0
        if len(message) == 3 and message[0] == FORK:
            if fork_socket is not None:
                _fork(fork_socket, pipeline)
            continue
        tag, chunks = message
        answer: tuple[str, Any, object]
        try:
            answer = ("done", tag, analyse_chunks(pipeline, chunks))
        except Exception as exc:
            answer = ("failed", tag, f"{type(exc).__name__}: {exc}")
        send(stdout, answer)


def _fork(fork_socket: socket.socket, pipeline: Any) -> None:
    """Fork a copy of this process that answers on the channel whose descriptors come next on ``fork_socket``.

    Returns in this process; the copy answers until its own input closes, then exits.
    """
    try:
        _data, fds, _flags, _address = socket.recv_fds(fork_socket, 16, 2)
    except OSError:
        return
    if len(fds) != 2:
        for fd in fds:
            os.close(fd)
        return
    # The copies are never waited for: the system reaps them.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    pid = os.fork()
    if pid:
        for fd in fds:
            os.close(fd)
        return
    # The copy: this process's own channel and fork socket are not its own.
    # Descriptors 0 and 1 are pointed at nothing rather than closed, so that
    # no later open takes their numbers.
    code = 1
    try:
        fork_socket.close()
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.dup2(null, 1)
        os.close(null)
        stdin, stdout = os.fdopen(fds[0], "rb", buffering=0), os.fdopen(fds[1], "wb")
        try:
            send(stdout, ("ready", pipeline.name, pipeline.version, os.getpid()))
            code = _answer(stdin, stdout, pipeline, None)
        except (BrokenPipeError, ConnectionResetError):
            code = 0
    finally:
        sys.stderr.flush()
        os._exit(code)


def worker_command() -> list[str]:
    """How to start a child: the frozen program itself, or this interpreter."""
    if getattr(sys, "frozen", False):
        return [sys.executable, WORKER_FLAG]
    return [sys.executable, "-m", "reader", WORKER_FLAG]


class ForkedChild:
    """What the window has of a child another child forked: its process id once it is ready.

    It answers as much of :class:`subprocess.Popen` as the pool uses. The
    child is not the window's own, so it is known to have stopped when its
    output ends (every copy of that pipe's writing end is then closed).
    """

    def __init__(self) -> None:
        self.pid: int | None = None
        self.returncode: int | None = None
        self._gone = threading.Event()

    def ended(self) -> None:
        """Its output has ended: it has stopped."""
        if self.returncode is None:
            self.returncode = -1
        self._gone.set()

    def poll(self) -> int | None:
        return self.returncode

    def kill(self) -> None:
        if self.pid is not None and self.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(self.pid, signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int:
        if not self._gone.wait(timeout):
            raise subprocess.TimeoutExpired(f"analysis process {self.pid}", timeout or 0.0)
        return self.returncode if self.returncode is not None else -1


class AnalysisProcess:
    """One child process; a reader thread puts its messages on a shared queue.

    A child is started afresh, or (``fork_from``) forked by a loaded child
    that was started afresh, which then need not load anything.
    """

    def __init__(
        self,
        index: int,
        model: str | None,
        inbox: queue.Queue[tuple[int, Any]],
        low_priority: bool = False,
        fork_from: AnalysisProcess | None = None,
    ) -> None:
        self.index = index
        self.ready = False
        self.busy = 0
        self._lock = threading.Lock()
        #: The window's end of the socket that hands a started child the channels of its forks.
        self._fork_socket: socket.socket | None = None
        self.proc: subprocess.Popen[bytes] | ForkedChild
        if fork_from is None or not self._fork(fork_from):
            self._start(model, low_priority)
        self._reader = threading.Thread(
            target=self._read, args=(inbox,), name=f"gazette-analysis-reader-{index}", daemon=True
        )
        self._reader.start()

    def _start(self, model: str | None, low_priority: bool) -> None:
        env = dict(os.environ)
        if model:
            env["GAZETTE_MODEL"] = model
        if low_priority:
            env[NICE_ENV] = "1"
        # No pool of threads for numpy's BLAS, which NER does not use: fewer
        # threads to start, and a process that forks safely.
        env.setdefault("OPENBLAS_NUM_THREADS", "1")
        passed: tuple[int, ...] = ()
        theirs = None
        if CAN_FORK:
            self._fork_socket, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
            env[FORK_FD_ENV] = str(theirs.fileno())
            passed = (theirs.fileno(),)
        try:
            self.proc = subprocess.Popen(
                worker_command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
                pass_fds=passed,
                # Buffered both ways: a read returns a whole message and a write
                # sends one whole, however the pipe splits them.
                bufsize=-1,
            )
        finally:
            if theirs is not None:
                theirs.close()
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self._stdin: IO[bytes] = self.proc.stdin
        self._stdout: IO[bytes] = self.proc.stdout

    def _fork(self, parent: AnalysisProcess) -> bool:
        """Have ``parent`` fork a copy of itself that answers on a new channel; False if it cannot."""
        to_child, from_window = os.pipe()
        to_window, from_child = os.pipe()
        if not parent.request_fork(to_child, from_child):
            for fd in (to_child, from_window, to_window, from_child):
                os.close(fd)
            return False
        # The copy holds its ends now (or, if its parent dies first, nobody does).
        os.close(to_child)
        os.close(from_child)
        self.proc = ForkedChild()
        self._stdin = os.fdopen(from_window, "wb")
        self._stdout = os.fdopen(to_window, "rb")
        return True

    def request_fork(self, child_input: int, child_output: int) -> bool:
        """Ask this child to fork a copy that reads ``child_input`` and writes ``child_output``."""
        if self._fork_socket is None or not self.alive:
            return False
        with self._lock:
            try:
                socket.send_fds(self._fork_socket, [b"f"], [child_input, child_output])
                send(self._stdin, (FORK, None, None))
            except (OSError, ValueError):
                return False
        return True

    def _read(self, inbox: queue.Queue[tuple[int, Any]]) -> None:
        while True:
            try:
                message = receive(self._stdout)
            except (OSError, pickle.UnpicklingError, EOFError):
                message = None
            if isinstance(self.proc, ForkedChild):
                if message is None:
                    self.proc.ended()
                elif message[0] == "ready" and len(message) > 3:
                    self.proc.pid = message[3]
            inbox.put((self.index, message))
            if message is None:
                return

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    @property
    def can_fork(self) -> bool:
        """Whether this child can fork copies of itself (it was started afresh, where that works)."""
        return self._fork_socket is not None

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
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout)
        self._reader.join(timeout)
        with contextlib.suppress(OSError, ValueError):
            self._stdout.close()
        if self._fork_socket is not None:
            self._fork_socket.close()


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
        # Each run tags its batches with a number of its own, never reused: every window
        # numbers its jobs from 1, and the late answers of one window's abandoned job must
        # never be taken for another's.
        self._runs = itertools.count(1)

    def _new_process(self, low_priority: bool = False) -> AnalysisProcess:
        """A new child: forked by a live child started afresh if there is one, else started afresh."""
        parent = next((p for p in self.processes if p.can_fork and p.alive), None)
        proc = AnalysisProcess(self._serial, self.model, self.inbox, low_priority, fork_from=parent)
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
        run_tag = next(self._runs)
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
                    if not proc.submit((run_tag, number), [(s, text[s:e]) for s, e in batches[number]]):
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
            if tag[0] != run_tag:
                continue  # an answer for an abandoned job, of this window or another
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
