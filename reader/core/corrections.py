"""A reader's corrections: what they are, how they are kept, and how they change an analysis.

A :class:`Correction` is one thing the reader said about a name: it is not a
name, it is of another kind, it was missed, it is the same as another name, it
should be called otherwise, it lies in another country, or one of its names
belongs to someone else. A correction without a ``document`` is a rule for
every text; with one (the text's sha256) it holds for that text only.

They live in one SQLite database (:class:`CorrectionStore`) in the user's data
folder, in WAL mode, each change its own transaction, so that two windows or
processes correcting at once lose nothing. :func:`apply_corrections` turns an
analysis into the corrected one; rules come first, then the document's own
corrections, each in the order it was made, so the latest word counts.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import platformdirs

from reader.core.analysis import country_uses, slug
from reader.core.colours import find_caption_lines
from reader.core.document import Document
from reader.core.files import describe_os_error, read_regular_file
from reader.core.model import KINDS, LABEL_OF_KIND, Analysis, Entity, Mention
from reader.core.places import Gazetteer, default_gazetteer

FORMAT = "gazette-corrections"
VERSION = 1
#: A corrections file larger than this is refused (a million corrections take about 100 MB).
MAX_FILE_BYTES = 128 * 1024 * 1024
ACTIONS = ("remove", "kind", "add", "merge", "split", "rename", "country")
#: Words either side of a corrected mention, kept to find it again in an edited file.
CONTEXT_CHARS = 40


class CorrectionsError(Exception):
    """A corrections file or store could not be used; the message is one line for a person."""


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction. ``text`` matches a mention's text or an entity's name or alias, case kept."""

    action: str
    text: str
    kind: str | None = None  # for "kind" and "add"
    into: str | None = None  # for "merge": the name the text joins
    name: str | None = None  # for "rename"
    country: str | None = None  # for "country": ISO 3166-1 alpha-2, or None for no country
    document: str | None = None  # sha256 of the one text it holds for; None: every text
    path: str | None = None  # where that text was, for the reader's list
    start: int | None = None  # one mention only (in that document), else every match
    before: str = ""  # the text just before that mention, to place it again
    after: str = ""  # the text just after it
    id: int | None = field(default=None, compare=False)

    @property
    def is_rule(self) -> bool:
        return self.document is None

    @property
    def target(self) -> tuple[str, str, str, int]:
        """What it corrects: a later correction with the same target replaces it."""
        return (self.action, self.text, self.document or "", -1 if self.start is None else self.start)

    def describe(self) -> str:
        """A short line for lists and tooltips."""
        what = {
            "remove": f"“{self.text}” is not a name",
            "kind": f"“{self.text}” is {KIND_NAMES.get(self.kind or '', self.kind)}",
            "add": f"“{self.text}” is {KIND_NAMES.get(self.kind or '', self.kind)} (added)",
            "merge": f"“{self.text}” is “{self.into}”",
            "split": f"“{self.text}” is a name of its own",
            "rename": f"“{self.text}” is called “{self.name}”",
            "country": f"“{self.text}” is in {self.country or 'no country'}",
        }[self.action]
        if self.start is not None:
            what += " (one mention)"
        return what


KIND_NAMES = {"PERSON": "a person", "PLACE": "a place", "ORG": "an organisation", "GROUP": "a group"}


# -- the file format --------------------------------------------------------


def _field(item: dict[str, Any], key: str, where: str, *, required: bool = False) -> str | None:
    value = item.get(key)
    if value is None:
        if required:
            raise CorrectionsError(f"{where}: “{key}” is missing")
        return None
    if not isinstance(value, str) or not value.strip():
        raise CorrectionsError(f"{where}: “{key}” must be a non-empty string")
    return value


def correction_from_dict(item: object, where: str = "correction") -> Correction:
    """One correction from its JSON form; raises :class:`CorrectionsError` with the reason."""
    if not isinstance(item, dict):
        raise CorrectionsError(f"{where} is not an object")
    action = item.get("action")
    if action not in ACTIONS:
        raise CorrectionsError(f"{where}: unknown action {action!r} (one of {', '.join(ACTIONS)})")
    text = _field(item, "text", where, required=True)
    assert text is not None
    kind = into = name = country = None
    if action in ("kind", "add"):
        kind = _field(item, "kind", where, required=True)
        if kind not in KINDS:
            raise CorrectionsError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    elif action == "merge":
        into = _field(item, "into", where, required=True)
    elif action == "rename":
        name = _field(item, "name", where, required=True)
    elif action == "country":
        if "country" not in item:
            raise CorrectionsError(f"{where}: “country” is missing (a two-letter code, or null)")
        country = _field(item, "country", where)
        if country is not None and not re.fullmatch(r"[A-Z]{2}", country):
            raise CorrectionsError(f"{where}: country {country!r} is not an ISO 3166-1 alpha-2 code")
    document = _field(item, "document", where)
    if document is not None and not re.fullmatch(r"[0-9a-f]{64}", document):
        raise CorrectionsError(f"{where}: document {document!r} is not a sha256 in hexadecimal")
    start = item.get("start")
    if start is not None and (document is None or not isinstance(start, int) or isinstance(start, bool) or start < 0):
        raise CorrectionsError(f"{where}: “start” needs a “document” and a whole number ≥ 0")
    before, after = item.get("before", ""), item.get("after", "")
    if not isinstance(before, str) or not isinstance(after, str):
        raise CorrectionsError(f"{where}: “before” and “after” must be strings")
    path = item.get("path")
    if path is not None and not isinstance(path, str):
        raise CorrectionsError(f"{where}: “path” must be a string")
    return Correction(action, text, kind, into, name, country, document, path, start, before, after)


def correction_to_dict(c: Correction) -> dict[str, Any]:
    out: dict[str, Any] = {"action": c.action, "text": c.text}
    if c.action in ("kind", "add"):
        out["kind"] = c.kind
    elif c.action == "merge":
        out["into"] = c.into
    elif c.action == "rename":
        out["name"] = c.name
    elif c.action == "country":
        out["country"] = c.country
    if c.document is not None:
        out["document"] = c.document
        if c.path:
            out["path"] = c.path
        if c.start is not None:
            out.update(start=c.start, before=c.before, after=c.after)
    return out


def parse_corrections(data: str | bytes) -> list[Correction]:
    """The corrections of a ``gazette-corrections`` JSON document; raises :class:`CorrectionsError`."""
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise CorrectionsError(f"not a JSON document ({exc})") from None
    except RecursionError:
        raise CorrectionsError("not a corrections file (its JSON is nested too deeply)") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CorrectionsError(f"not a corrections file (“format” must be “{FORMAT}”)")
    if document.get("version") != VERSION:
        raise CorrectionsError(f"version {document.get('version')!r} is not one this Gazette reads ({VERSION})")
    items = document.get("corrections")
    if not isinstance(items, list):
        raise CorrectionsError("“corrections” must be a list")
    return [correction_from_dict(item, f"correction {i + 1}") for i, item in enumerate(items)]


def read_corrections_file(path: str | os.PathLike[str]) -> list[Correction]:
    """The corrections of the file ``path``; raises :class:`CorrectionsError` with one line that names it.

    Only a regular file is read, and no more than :data:`MAX_FILE_BYTES` of it.
    """
    try:
        data = read_regular_file(path, MAX_FILE_BYTES)
    except OSError as exc:
        raise CorrectionsError(f"cannot read {path}: {describe_os_error(exc)}") from None
    try:
        return parse_corrections(data)
    except CorrectionsError as exc:
        raise CorrectionsError(f"{path}: {exc}") from None


def dump_corrections(corrections: Iterable[Correction]) -> str:
    """The ``gazette-corrections`` JSON document of ``corrections``."""
    items = [correction_to_dict(c) for c in corrections]
    return json.dumps({"format": FORMAT, "version": VERSION, "corrections": items}, indent=1, ensure_ascii=False) + "\n"


# -- the store --------------------------------------------------------------


def data_dir() -> Path:
    override = os.environ.get("GAZETTE_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir("gazette", appauthor=False))


def store_path() -> Path:
    return data_dir() / "corrections.sqlite3"


_SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL,
    text TEXT NOT NULL,
    kind TEXT,
    into_name TEXT,
    new_name TEXT,
    country TEXT,
    document TEXT,
    path TEXT,
    start INTEGER,
    before TEXT NOT NULL DEFAULT '',
    after TEXT NOT NULL DEFAULT '',
    made REAL NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS one_correction_per_target
    ON corrections (action, text, IFNULL(document, ''), IFNULL(start, -1));
CREATE INDEX IF NOT EXISTS by_document ON corrections (document);
"""
_COLUMNS = "id, action, text, kind, into_name, new_name, country, document, path, start, before, after"


def _row(row: Sequence[Any]) -> Correction:
    return Correction(
        action=row[1],
        text=row[2],
        kind=row[3],
        into=row[4],
        name=row[5],
        country=row[6],
        document=row[7],
        path=row[8],
        start=row[9],
        before=row[10],
        after=row[11],
        id=row[0],
    )


#: How long a store waits for another program that holds it, in seconds (opening and creating it too).
BUSY_SECONDS = 10.0
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_CANTOPEN = 5, 6, 8, 14


def _code(exc: sqlite3.Error) -> int:
    """SQLite's primary result code of ``exc`` (0 when unknown)."""
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


class CorrectionStore:
    """The corrections database. Every method is one transaction.

    A damaged database is copied aside (``corrections.sqlite3.damaged-<time>``),
    and the store goes on with an empty one; :attr:`warning` then says so. A
    store that can be read but not written (a read-only file or folder) is
    opened for reading: :attr:`read_only` is true, its corrections are used, and
    every change raises :class:`CorrectionsError` that says it cannot be kept.
    ``read_only=True`` opens it so on purpose (for a command that only reads).
    """

    def __init__(
        self, path: Path | None = None, *, read_only: bool = False, busy_seconds: float = BUSY_SECONDS
    ) -> None:
        self.path = path or store_path()
        self.warning: str | None = None
        self.read_only = read_only
        self.busy_seconds = busy_seconds
        self._db = self._open_read_only() if read_only else self._open()

    def _connect(self) -> sqlite3.Connection:
        """Open (and if need be create) the store, waiting up to :attr:`busy_seconds` for another program.

        SQLite's own busy timeout does not cover every step of creating a store
        (turning on WAL answers "locked" at once while another process does the
        same), so the whole opening is tried again until the time is up.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.busy_seconds
        pause = 0.005
        while True:
            try:
                return self._connect_once()
            except sqlite3.OperationalError as exc:
                if _code(exc) not in (_SQLITE_BUSY, _SQLITE_LOCKED) or time.monotonic() + pause > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.1)

    def _connect_once(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=self.busy_seconds, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout = {int(self.busy_seconds * 1000)}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.executescript(_SCHEMA)
            check = db.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                raise sqlite3.DatabaseError(str(check[0] if check else "no answer"))
        except BaseException:
            db.close()
            raise
        return db

    def _open_read_only(self) -> sqlite3.Connection:
        """The store opened for reading only; raises :class:`CorrectionsError` if it cannot be read."""
        uri = self.path.absolute().as_uri()
        last: sqlite3.Error | None = None
        # A WAL store in a folder one cannot write needs "immutable": its shared-memory file cannot be made.
        for options in ("mode=ro", "mode=ro&immutable=1"):
            try:
                db = sqlite3.connect(f"{uri}?{options}", uri=True, timeout=self.busy_seconds, isolation_level=None)
            except sqlite3.Error as exc:
                last = exc
                continue
            try:
                db.execute(f"PRAGMA busy_timeout = {int(self.busy_seconds * 1000)}")
                db.execute("SELECT count(*) FROM corrections").fetchone()
            except sqlite3.Error as exc:
                db.close()
                last = exc
                continue
            return db
        raise CorrectionsError(f"the corrections store {self.path} cannot be read: {last}")

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.OperationalError as exc:
            if _code(exc) in (_SQLITE_READONLY, _SQLITE_CANTOPEN) and self.path.is_file():
                try:
                    db = self._open_read_only()
                except CorrectionsError:
                    pass
                else:
                    self.read_only = True
                    return db
            # Locked, read-only or out of reach: not damaged, so nothing is moved.
            raise CorrectionsError(f"the corrections store {self.path} cannot be opened: {exc}") from None
        except OSError as exc:
            raise CorrectionsError(f"the corrections store {self.path} cannot be made: {exc.strerror or exc}") from None
        except sqlite3.DatabaseError as exc:
            if not self.path.exists():
                raise CorrectionsError(f"the corrections store {self.path} cannot be created: {exc}") from None
            aside = self.path.with_name(f"{self.path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
            try:
                shutil.copy2(self.path, aside)
                for suffix in ("", "-wal", "-shm"):
                    with contextlib.suppress(FileNotFoundError):
                        self.path.with_name(self.path.name + suffix).unlink()
                db = self._connect()
            except (OSError, sqlite3.Error) as again:
                raise CorrectionsError(
                    f"the corrections store {self.path} is damaged ({exc}) and cannot be replaced: {again}"
                ) from None
            self.warning = (
                f"The corrections store was damaged ({exc}); it was kept as {aside.name} and a new one started."
            )
            return db

    def wait_at_most(self, seconds: float) -> None:
        """From now on, wait at most ``seconds`` for another program that holds the store."""
        self.busy_seconds = seconds
        self._db.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    @property
    def read_only_message(self) -> str:
        return f"The corrections store {self.path} is read-only: its corrections are used, but changes cannot be kept."

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise CorrectionsError(f"the corrections store {self.path} is read-only: changes cannot be kept")
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()

    def all(self) -> list[Correction]:
        """Every correction, in the order they were made."""
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM corrections ORDER BY made, id").fetchall()
        return [_row(r) for r in rows]

    def for_document(self, sha256: str, path: str | None = None) -> list[Correction]:
        """The rules, then this text's corrections (and those of an earlier version of its file)."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM corrections WHERE document IS NULL OR document = ? OR path = ? ORDER BY made, id",
            (sha256, path or "\0"),
        ).fetchall()
        return [_row(r) for r in rows]

    def _put(self, db: sqlite3.Connection, c: Correction) -> tuple[int, bool]:
        """Insert ``c``, or update the one with the same target; returns its id and whether it is new."""
        key = (c.action, c.text, c.document or "", -1 if c.start is None else c.start)
        found = db.execute(
            "SELECT id, kind, into_name, new_name, country, path, before, after FROM corrections WHERE action = ?"
            " AND text = ? AND IFNULL(document, '') = ? AND IFNULL(start, -1) = ?",
            key,
        ).fetchone()
        values = (c.kind, c.into, c.name, c.country, c.path, c.before, c.after)
        if found is not None:
            if tuple(found[1:]) == values:
                return int(found[0]), False
            db.execute(
                "UPDATE corrections SET kind = ?, into_name = ?, new_name = ?, country = ?, path = ?, before = ?,"
                " after = ?, made = ? WHERE id = ?",
                (*values, time.time(), found[0]),
            )
            return int(found[0]), True
        cursor = db.execute(
            "INSERT INTO corrections (action, text, kind, into_name, new_name, country, document, path, start,"
            " before, after, made) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                c.action,
                c.text,
                c.kind,
                c.into,
                c.name,
                c.country,
                c.document,
                c.path,
                c.start,
                c.before,
                c.after,
                time.time(),
            ),
        )
        return int(cursor.lastrowid or 0), True

    def same_target(self, correction: Correction) -> Correction | None:
        """The kept correction that ``correction`` would replace (same action, text, document, mention)."""
        key = (
            correction.action,
            correction.text,
            correction.document or "",
            -1 if correction.start is None else correction.start,
        )
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM corrections WHERE action = ? AND text = ? AND IFNULL(document, '') = ?"
            " AND IFNULL(start, -1) = ?",
            key,
        ).fetchone()
        return None if row is None else _row(row)

    def add(self, correction: Correction) -> Correction:
        """Keep ``correction`` (replacing one with the same target); returns it with its id."""
        with self._transaction() as db:
            new_id, _new = self._put(db, correction)
        return replace(correction, id=new_id)

    def import_all(self, corrections: Iterable[Correction]) -> tuple[int, int]:
        """Keep every correction in one transaction; returns (added or changed, already there)."""
        added = same = 0
        with self._transaction() as db:
            for c in corrections:
                _id, new = self._put(db, c)
                added += new
                same += not new
        return added, same

    def forget(self, corrections: Iterable[Correction]) -> int:
        """Forget the kept corrections with the targets of ``corrections``; returns how many went."""
        chosen = [c.target for c in corrections]
        with self._transaction() as db:
            before = db.total_changes
            db.executemany(
                "DELETE FROM corrections WHERE action = ? AND text = ? AND IFNULL(document, '') = ?"
                " AND IFNULL(start, -1) = ?",
                chosen,
            )
            return db.total_changes - before

    def delete(self, ids: Iterable[int]) -> int:
        """Forget the corrections with these ids; returns how many went."""
        chosen = [(i,) for i in ids]
        with self._transaction() as db:
            before = db.total_changes
            db.executemany("DELETE FROM corrections WHERE id = ?", chosen)
            return db.total_changes - before


# -- applying them ----------------------------------------------------------


def _word_pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")


def place(correction: Correction, text: str) -> int | None:
    """Where a one-mention correction's mention is in ``text`` now, or None when it cannot be told.

    In the text it was made on, it is where it was. In an edited text, it is the
    one occurrence of its words with the same text around it (either side).
    """
    start = correction.start
    assert start is not None
    n = len(correction.text)
    if text[start : start + n] == correction.text and (
        text[max(0, start - len(correction.before)) : start] == correction.before
        or text[start + n : start + n + len(correction.after)] == correction.after
    ):
        return start
    found = [m.start() for m in _word_pattern(correction.text).finditer(text)]

    def fits(at: int) -> int:
        before = text[max(0, at - len(correction.before)) : at] == correction.before
        after = text[at + n : at + n + len(correction.after)] == correction.after
        return 2 * (before and after) + (before or after)

    for score in (3, 2, 1):
        best = [at for at in found if fits(at) >= score]
        if len(best) == 1:
            return best[0]
        if len(best) > 1:
            return None
    return None


def with_context(correction: Correction, text: str) -> Correction:
    """``correction`` with the text around its one mention, to be placed again later."""
    if correction.start is None:
        return correction
    start, end = correction.start, correction.start + len(correction.text)
    return replace(
        correction, before=text[max(0, start - CONTEXT_CHARS) : start], after=text[end : end + CONTEXT_CHARS]
    )


@dataclass
class _Draft:
    """An entity while corrections are applied to it."""

    id: str
    kind: str
    name: str
    country: str | None
    mentions: dict[int, Mention]
    aliases: list[str]
    marks: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Applied:
    """An analysis with corrections applied, and the ones that could not be placed."""

    analysis: Analysis
    unplaced: tuple[Correction, ...] = ()


def _names(draft: _Draft) -> set[str]:
    return {draft.name, *draft.aliases, *(m.text for m in draft.mentions.values())}


def apply_corrections(
    text: str,
    analysis: Analysis,
    corrections: Sequence[Correction],
    sha256: str = "",
    path: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> Applied:
    """``analysis`` as the reader corrected it.

    Corrections of other documents are left out; one-mention corrections of an
    earlier version of this file are placed again by their words and the text
    around them, and those that cannot be are returned as unplaced.
    """
    gaz = gazetteer or default_gazetteer()
    mine = [c for c in corrections if not c.is_rule and (c.document == sha256 or (path and c.path == path))]
    ordered = [c for c in corrections if c.is_rule] + mine
    if not ordered:
        return Applied(analysis)  # nothing to change: the model's analysis as it is
    drafts: dict[str, _Draft] = {}
    for e in analysis.entities:
        drafts[e.id] = _Draft(e.id, e.kind, e.name, e.country, {}, list(e.aliases))
    for m in analysis.mentions:
        drafts[m.entity].mentions[m.start] = m
    mention_marks: dict[int, list[str]] = defaultdict(list)
    unplaced: list[Correction] = []
    counter = [0]

    def new_draft(kind: str, name: str) -> _Draft:
        counter[0] += 1
        draft = _Draft(f"corrected:{counter[0]}", kind, name, None, {}, [])
        drafts[draft.id] = draft
        return draft

    def matching(name: str) -> list[_Draft]:
        return [d for d in drafts.values() if d.mentions and name in _names(d)]

    for c in ordered:
        if c.document not in (None, sha256) and c.start is None and not _word_pattern(c.text).search(text):
            unplaced.append(c)  # made on an earlier version of this file, whose words are gone
            continue
        start = None
        if c.start is not None:
            start = place(c, text)
            if start is None:
                unplaced.append(c)
                continue
        if c.action == "remove":
            for d in matching(c.text) if start is None else [d for d in drafts.values() if start in d.mentions]:
                if start is not None:
                    d.mentions.pop(start, None)
                elif d.name == c.text or c.text in d.aliases:
                    d.mentions.clear()
                else:
                    for at in [at for at, m in d.mentions.items() if m.text == c.text]:
                        del d.mentions[at]
        elif c.action == "kind" and c.kind:
            for d in matching(c.text):
                d.kind = c.kind
                d.marks.append("kind")
        elif c.action == "add" and c.kind:
            target = next((d for d in matching(c.text) if d.kind == c.kind), None) or new_draft(c.kind, c.text)
            spots = [start] if start is not None else [m.start() for m in _word_pattern(c.text).finditer(text)]
            for at in spots:
                end = at + len(c.text)
                for d in drafts.values():
                    for other in [o for o, m in d.mentions.items() if o < end and at < m.end]:
                        del d.mentions[other]
                target.mentions[at] = Mention(at, end, c.text, c.kind, LABEL_OF_KIND[c.kind], target.id)
                mention_marks[at].append("add")
            target.marks.append("add")
        elif c.action == "merge" and c.into:
            into = next((d for d in matching(c.into) if d.name == c.into), None) or next(iter(matching(c.into)), None)
            for d in matching(c.text):
                if into is None or d is into:
                    continue
                into.mentions.update(d.mentions)
                into.aliases += [n for n in (d.name, *d.aliases) if n not in into.aliases]
                d.mentions = {}
                into.marks.append("merge")
        elif c.action == "split":
            for d in matching(c.text):
                taken = {at: m for at, m in d.mentions.items() if m.text == c.text and (start is None or at == start)}
                if not taken or len(taken) == len(d.mentions):
                    continue
                for at in taken:
                    del d.mentions[at]
                    mention_marks[at].append("split")
                part = new_draft(d.kind, c.text)
                part.mentions = taken
                part.country = d.country
                part.marks.append("split")
        elif c.action == "rename" and c.name:
            for d in matching(c.text):
                if d.name == c.text or c.text in d.aliases:
                    d.name = c.name
                    d.marks.append("rename")
        elif c.action == "country":
            for d in matching(c.text):
                d.country = c.country
                d.marks.append("country")

    return Applied(_finish(text, analysis, drafts.values(), mention_marks, gaz), tuple(unplaced))


def _finish(
    text: str,
    analysis: Analysis,
    drafts: Iterable[_Draft],
    mention_marks: dict[int, list[str]],
    gaz: Gazetteer,
) -> Analysis:
    """The analysis of the corrected drafts: ids, counts, aliases, countries."""
    entities: list[Entity] = []
    mentions: list[Mention] = []
    marks: dict[str, tuple[str, ...]] = {}
    mention_flags: dict[int, tuple[str, ...]] = {}
    used: set[str] = set()
    original = {e.id: e for e in analysis.entities}
    for d in drafts:
        if not d.mentions:
            continue
        old = original.get(d.id)
        entity_id = d.id
        if old is None or old.kind != d.kind or old.name != d.name:
            base = f"{d.kind}:{slug(d.name)}"
            entity_id, n = base, 2
            while entity_id in used or (entity_id in original and entity_id != d.id):
                entity_id, n = f"{base}-{n}", n + 1
        used.add(entity_id)
        kind_changed = old is None or old.kind != d.kind
        seen: dict[str, None] = {}
        for at in sorted(d.mentions):
            m = d.mentions[at]
            label = m.label if m.kind == d.kind and not kind_changed else LABEL_OF_KIND[d.kind]
            mentions.append(Mention(m.start, m.end, m.text, d.kind, label, entity_id))
            seen.setdefault(m.text, None)
            flags = list(mention_marks.get(at, ()))
            if kind_changed and old is not None:
                flags.append("kind")
            if flags or d.marks:
                mention_flags[at] = tuple(dict.fromkeys(flags + d.marks))
        aliases = tuple(dict.fromkeys([a for a in (*d.aliases, *seen) if a != d.name and a in seen]))
        country = d.country if d.kind in ("PLACE", "GROUP") else None
        if "country" not in d.marks and d.kind in ("PLACE", "GROUP") and country is None and kind_changed:
            country = gaz.resolve(d.name, d.kind)
        entities.append(Entity(entity_id, d.kind, d.name, aliases, len(d.mentions), country, min(d.mentions)))
        if d.marks:
            marks[entity_id] = tuple(dict.fromkeys(d.marks))
    entities.sort(key=lambda en: (KINDS.index(en.kind), -en.mentions, en.first))
    mentions.sort(key=lambda m: m.start)
    countries = country_uses(entities, find_caption_lines(text), gaz)
    return Analysis(
        tuple(mentions),
        tuple(entities),
        countries,
        analysis.pipeline_name,
        analysis.pipeline_version,
        corrected_entities=marks,
        corrected_mentions=mention_flags,
    )


def corrected(document: Document, analysis: Analysis, store: CorrectionStore) -> Analysis:
    """``analysis`` of ``document`` with the store's rules and the document's own corrections."""
    path = str(document.path.resolve()) if document.path else None
    chosen = store.for_document(document.sha256, path)
    return apply_corrections(document.text, analysis, chosen, document.sha256, path).analysis


def with_stored_corrections(document: Document, analysis: Analysis, warn: Callable[[str], None]) -> Analysis:
    """``analysis`` corrected by the user's store; problems with the store go to ``warn``, never stop the work."""
    try:
        store = CorrectionStore(read_only=True)  # reading never needs to write, nor a writable store
    except (CorrectionsError, sqlite3.Error, OSError) as exc:
        if not store_path().exists():
            return analysis  # no corrections made yet
        warn(f"{exc}; going on without corrections")
        return analysis
    try:
        if store.warning:
            warn(store.warning)
        return corrected(document, analysis, store)
    except sqlite3.Error as exc:
        warn(f"the corrections could not be read ({exc}); going on without them")
        return analysis
    finally:
        store.close()
