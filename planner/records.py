"""The record folder under :class:`planner.store.Store`: files, read cache, lock, schema, backups.

Layout (a design choice made for speed: TinyDB re-reads and rewrites a whole file on every
operation, so no file may grow with the years):

- ``meta.json``: schema version, profile, settings, purposes and skills;
- ``recurring.json``: recurring series (see :mod:`planner.series`);
- ``YYYY-MM.json``: one file per month with that month's tasks and day records;
- ``backups/``: rolling snapshots (see :mod:`planner.backups`); ``.lock``: the write lock.

Reads take no lock: files are only ever replaced whole, by rename, so a reader sees the old
file or the new one. Every read-modify-write goes through :meth:`RecordFolder.transaction`,
which holds one inter-process lock, re-reads the files inside it, refuses to rewrite a file
with a record of the wrong shape, and replaces each file atomically.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from _thread import RLock, _local
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from planner import backups, documents, series
from planner.documents import DocumentError
from planner.lockfile import LockTimeout, RecordLock
from planner.storage import (
    BusyError,
    RecordError,
    WriteError,
    as_path,
    check_writable,
    child,
    clean_stray_temps,
    ensure_private_dir,
    file_identity,
    parse_record,
    path_text,
    read_bytes,
    read_json,
    tighten,
)

if TYPE_CHECKING:
    from pathlib import Path

    from tinydb import TinyDB
    from tinydb.queries import Query

    from planner.buffered_storage import BufferedStorage
    from planner.storage import AnyPath

__all__ = [
    "LOCK",
    "META",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SERIES",
    "RecordFolder",
    "check_documents",
    "is_month_name",
    "month_name",
    "where",
]

#: The version of the record's layout; a record with a higher one is refused.
SCHEMA_VERSION = 1
META = "meta.json"
SERIES = "recurring.json"
LOCK = ".lock"
#: A file replaced less than this long ago is re-read rather than served from the cache: file
#: times are coarse, so two versions written within one tick could share (inode, mtime, size)
#: when the inode of a replaced file is reused. A file older than this cannot be confused.
SETTLED_NS = 2_000_000_000

Doc = dict[str, Any]
T = TypeVar("T")


def where(key: str) -> Query:
    """TinyDB's ``where(key)``, for the queries of a :meth:`RecordFolder.transaction` (TinyDB
    is imported by the first write, not by reading)."""
    from tinydb import where as tinydb_where

    return tinydb_where(key)


#: Migrations by the schema version they upgrade from: ``MIGRATIONS[n](folder)`` turns a
#: schema-``n`` record into schema ``n + 1``. They run under the lock, after a snapshot
#: ``backups/before-schema-N-…`` of the old record, and must be safe to run again (a kill
#: during a migration leaves the old schema number, so the next start runs it again).
MIGRATIONS: dict[int, Callable[[RecordFolder], None]] = {}


def month_name(day: date) -> str:
    """The file that holds ``day``'s tasks and day record."""
    return f"{day.year:04d}-{day.month:02d}.json"


def is_month_name(name: str) -> bool:
    """True for ``YYYY-MM.json`` with a real month."""
    return (
        len(name) == 12
        and name.endswith(".json")
        and name[4] == "-"
        and name[:4].isdigit()
        and name[5:7].isdigit()
        and 1 <= int(name[5:7]) <= 12
    )


def _schema_of(path: AnyPath, meta: Doc | None) -> int:
    """The schema a record was written with (0: older than schema numbers)."""
    if meta is None:
        return SCHEMA_VERSION
    info: Doc = next(iter(meta.get("meta", {}).values()), {})
    schema = info.get("schema", 0)
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 0:
        raise RecordError(path, "its schema version is not a whole number")
    return schema


def check_documents(path: AnyPath, data: Doc) -> None:
    """Decode every record a program of this schema reads in file ``path`` (a record file or
    its copy in a backup, told apart by name); raises :class:`RecordError` naming ``path``."""
    checks: list[tuple[str, Callable[[Doc], object]]]
    name = os.path.basename(os.fspath(path))
    if name == META:
        checks = [
            ("profile", documents.doc_to_profile),
            ("settings", documents.doc_to_settings),
            ("purposes", documents.doc_to_purpose),
            ("skills", documents.doc_to_skill),
        ]
    elif name == SERIES:
        checks = [("series", series.doc_to_series)]
    else:
        checks = [("tasks", documents.task_day), ("days", documents.doc_to_day)]
    for table, decode in checks:
        for doc in data.get(table, {}).values():
            try:
                decode(doc)
            except DocumentError as error:
                raise RecordError(path, f"wrong shape: {error}") from None


def _scan(folder: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


def _tighten_entry(entry: os.DirEntry[str]) -> bool:
    """Remove group/other permissions from a file or folder; True if it had any."""
    try:
        mode = entry.stat(follow_symlinks=False).st_mode
    except OSError:
        return False
    if stat.S_ISLNK(mode) or not mode & 0o077:
        return False
    with contextlib.suppress(OSError):
        os.chmod(entry.path, stat.S_IMODE(mode) & 0o700)
    return True


def _tighten_entry_path(path: str) -> bool:
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return False
    if stat.S_ISLNK(mode) or not mode & 0o077:
        return False
    tighten(path)
    return True


def _check_regular(path: AnyPath) -> None:
    """Refuse to replace anything but a regular file (or nothing): see ``record_files``."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise RecordError(path, error.strerror or str(error)) from error
    if not stat.S_ISREG(mode):
        raise RecordError(path, "it is not a regular file (a folder or a link); move it away")


class RecordFolder:
    """One record folder: cached reads, locked atomic writes, schema check, rolling backups."""

    def __init__(
        self,
        folder: Path | str,
        *,
        lock_timeout: float = 10.0,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        #: The folder as text (``str(self.folder)``).
        self.root = path_text(folder)
        # The files are named in the type the folder was given in: text from the command
        # line, which never imports pathlib (see planner.storage), a Path from the app.
        self._folder: Path | None = None if isinstance(folder, str) else as_path(folder)
        self._paths = self._folder is not None
        self.lock_timeout = lock_timeout
        self.now = now
        # name → (its (device, inode, mtime, size), its parsed contents, its bytes while it has
        # not settled: see _load_file).
        self._cache: dict[str, tuple[tuple[int, ...], Doc | None, bytes | None]] = {}
        # name → the bytes of that file last checked by _check_file or written here: a write
        # does not check again a file it knows.
        self._checked: dict[str, bytes] = {}
        # Threads of one process (the app's workers) share this object: the thread lock makes
        # the depth counter, and so the re-entrant file lock, per thread.
        # (threading.RLock is this same lock; the threading module costs a millisecond to import.)
        self._thread_lock = RLock()
        self._lock_depth = 0
        # Per thread: the files read inside an open snapshot() (name → parsed contents).
        self._snapshots = _local()
        self._backed_up = False
        self._migrating = False

    @property
    def folder(self) -> Path:
        """The record's folder (a ``Path`` made on first use: see :mod:`planner.storage`)."""
        if self._folder is None:
            self._folder = as_path(self.root)
        return self._folder

    def _path(self, name: str) -> AnyPath:
        """The file ``name`` of the record (a ``Path`` when the folder was given as one)."""
        return self.folder / name if self._paths else child(self.root, name)

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, folder: Path | str, **options: Any) -> Self:
        """Open (creating if needed) the record in ``folder``.

        Tightens permissions, refuses a record from a newer program (:class:`RecordError`, the
        files untouched), migrates an older one, and removes temporary files a crash left.
        """
        store = cls(folder, **options)
        store._prepare()
        return store

    def _prepare(self) -> None:
        ensure_private_dir(self.root)
        self._tighten_all()
        meta_path = self._path(META)
        meta = read_json(meta_path)
        schema = _schema_of(meta_path, meta)
        self._refuse_newer(schema)
        if meta is None or schema < SCHEMA_VERSION:
            with self._locked():  # wait the full timeout: never work on a half-migrated record
                self._migrate()
            return
        # Cleaning up is a courtesy: a read-only folder or a busy lock must not stop reading.
        with contextlib.suppress(BusyError, WriteError), self._locked(timeout=0.2):
            clean_stray_temps(self.root)
            backups.clean_partial(self.root)

    def _refuse_newer(self, schema: int) -> None:
        if schema > SCHEMA_VERSION:
            raise RecordError(
                self.folder / META,
                f"it was written by a newer planner (schema {schema}); this one reads up to "
                f"schema {SCHEMA_VERSION}. Upgrade planner to open it",
            )

    def _tighten_all(self) -> None:
        """Make every file 0600 and every folder 0700 (files copied in from elsewhere too).

        Runs on every open, so it costs one directory scan plus one per loose backup folder:
        the files of a backup are only looked at when its folder was loosened (a copy made
        under a permissive umask); planner itself never creates anything loose.
        """
        for entry in _scan(self.root):
            if entry.name != backups.BACKUP_DIR:
                _tighten_entry(entry)
        root = child(self.root, backups.BACKUP_DIR)
        loose_root = _tighten_entry_path(root)
        for entry in _scan(root):
            if _tighten_entry(entry) or loose_root:
                for inner in _scan(entry.path):
                    _tighten_entry(inner)

    def _migrate(self) -> None:
        """Under the lock: bring an older record up to date, keeping a copy of it first."""
        clean_stray_temps(self.folder)
        backups.clean_partial(self.folder)
        meta_path = self.folder / META
        meta = read_json(meta_path)  # re-read inside the lock: another process may have done it
        schema = _schema_of(meta_path, meta)
        self._refuse_newer(schema)
        if meta is not None and schema == SCHEMA_VERSION:
            return
        if meta is not None:
            # The old record is kept as it is (this program may not decode all of it); while
            # migrating, files hold old-schema records: no rolling backup, no decoding check.
            backups.snapshot(
                self.folder,
                self.record_files(),
                f"before-schema-{SCHEMA_VERSION}",
                self.now(),
                check=False,
            )
            self._backed_up = self._migrating = True
            try:
                for version in range(schema, SCHEMA_VERSION):
                    step = MIGRATIONS.get(version)
                    if step is not None:
                        step(self)
            finally:
                self._migrating = False
        with self.transaction(META) as dbs:
            table = dbs[META].table("meta")
            stamp = {"schema": SCHEMA_VERSION, "app": "planner"}
            first = next(iter(table.all()), None)
            if first is None:
                table.insert(stamp)
            else:
                table.update(stamp, doc_ids=[first.doc_id])

    # ------------------------------------------------------------------ reading
    def _entries(self) -> list[tuple[str, bool]]:
        """(name, is a regular file) of every entry named like a record file, by name."""
        found = []
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            for entry in os.scandir(self.root):
                if entry.name in (META, SERIES) or is_month_name(entry.name):
                    found.append((entry.name, entry.is_file(follow_symlinks=False)))
        return sorted(found)

    def record_files(self, *, strict: bool = False) -> list[Path]:
        """Every file of the record (not backups, not the lock), sorted by name.

        With ``strict``, a record name that is not a regular file (a folder, a symbolic link)
        raises :class:`RecordError`: a backup taken without it would restore a record without
        it, and replacing a link by rename would silently cut it.
        """
        entries = self._entries()
        for name, regular in entries:
            if strict and not regular:
                _check_regular(self._path(name))
        return [self.folder / name for name, regular in entries if regular]

    def month_files(self) -> list[str]:
        """Names of the month files, oldest first (one that is not a regular file too, so that
        reading it reports it rather than skipping its month)."""
        return [name for name, _ in self._entries() if is_month_name(name)]

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Inside the block, this thread reads each file at most once: a view put together
        from several reads (a day: its tasks, its record, the eve's intention) sees one version
        of each file, and a file written a moment ago, which the cache does not trust yet, is
        parsed once instead of once per read. Writes inside the block are seen by later reads
        in it; other threads and processes are not affected. Nested blocks share the outer one.
        """
        if getattr(self._snapshots, "files", None) is not None:
            yield
            return
        self._snapshots.files = {}
        try:
            yield
        finally:
            self._snapshots.files = None

    def _load(self, name: str) -> Doc | None:
        """Parsed contents of a record file (``None`` if absent), cached until it is replaced.

        The cache is keyed on (device, inode, mtime, size) and only trusted for a file that
        had settled (see :data:`SETTLED_NS`) when it was read. Inside a :meth:`snapshot`, the
        first read of a file is the one every later read gets.
        """
        files: dict[str, Doc | None] | None = getattr(self._snapshots, "files", None)
        if files is not None and name in files:
            return files[name]
        data = self._load_file(name)
        if files is not None:
            files[name] = data
        return data

    def _load_file(self, name: str) -> Doc | None:
        path = self._path(name)
        started = time.time_ns()
        try:
            st = os.stat(path)
        except FileNotFoundError:
            self._cache.pop(name, None)
            return None
        except OSError as error:
            raise RecordError(path, error.strerror or str(error)) from error
        key = file_identity(st)
        settled = started - st.st_mtime_ns > SETTLED_NS
        cached = self._cache.get(name)
        if cached is not None and cached[0] == key and cached[2] is None:
            return cached[1]
        raw = read_bytes(path)
        if raw is None:
            self._cache.pop(name, None)
            return None
        if cached is not None and cached[0] == key and cached[2] == raw:
            # A file that has not settled is compared byte for byte rather than trusted on its
            # times, which is much cheaper than parsing it again (a key's change reads the
            # month it just wrote).
            data = cached[1]
        else:
            data = parse_record(path, raw)
        self._cache[name] = (key, data, None if settled else raw)
        return data

    def _remember_written(self, name: str, written: BufferedStorage) -> None:
        """Keep what a write just put in file ``name`` as the cache's version of it.

        Compared byte for byte until it settles (see :meth:`_load_file`), so a file another
        program replaced since is still read again. What TinyDB wrote is what parsing the
        bytes back gives (records are JSON values: text keys, lists, no tuples; a test holds
        this), and readers never change what they get.
        """
        if written.raw is None:
            self._cache.pop(name, None)
            return
        self._checked[name] = written.raw
        try:
            st = os.stat(self._path(name))
        except OSError:
            self._cache.pop(name, None)
            return
        key = file_identity(st)
        self._cache[name] = (key, written.data, written.raw)

    def raw_table(self, name: str, table: str) -> list[Doc]:
        """The documents of one table of one file, in id order. Read-only: do not modify them."""
        data = self._load(name)
        if not data:
            return []
        return list(data.get(table, {}).values())

    def change_token(self, day: date) -> tuple[object, ...]:
        """Something that changes whenever another process changes what ``day`` shows."""
        token: list[object] = []
        for name in (META, SERIES, month_name(day)):
            try:
                st = os.stat(self._path(name))
                token.append((st.st_ino, st.st_mtime_ns, st.st_size))
            except OSError:
                token.append(None)
        return tuple(token)

    def _decode(self, name: str, decode: Callable[[Doc], T], doc: Doc) -> T:
        """Decode a document of file ``name``; a wrong shape is a :class:`RecordError` for it."""
        try:
            return decode(doc)
        except DocumentError as error:
            raise RecordError(self.folder / name, f"wrong shape: {error}") from None

    def _check_file(self, name: str, data: Doc | None) -> None:
        """Refuse to rewrite a file holding a record this program cannot read.

        TinyDB would write such a record back unchanged, but the user was told the file has a
        wrong shape and that it is left as it is: it must stay byte-identical.
        """
        if data:
            check_documents(self._path(name), data)

    # ------------------------------------------------------------------ writing
    @contextlib.contextmanager
    def _locked(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the record's inter-process lock (re-entrant within one thread)."""
        wait = self.lock_timeout if timeout is None else timeout
        if not self._thread_lock.acquire(timeout=max(wait, 0)):
            raise BusyError(self.folder, wait)
        try:
            if self._lock_depth:
                self._lock_depth += 1
                try:
                    yield
                finally:
                    self._lock_depth -= 1
                return
            check_writable(self.root)
            lock = RecordLock(os.fspath(self._path(LOCK)), mode=0o600)
            try:
                lock.acquire(timeout=wait)
            except LockTimeout:
                raise BusyError(self.folder, wait) from None
            except OSError as error:
                if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                    error = PermissionError(error.errno, "the folder is not writable")
                raise WriteError(self._path(LOCK), error) from error
            self._lock_depth = 1
            try:
                yield
            finally:
                self._lock_depth = 0
                lock.release()
        finally:
            self._thread_lock.release()

    @contextlib.contextmanager
    def transaction(self, *names: str) -> Iterator[dict[str, TinyDB]]:
        """Hold the lock and give a TinyDB over each file ``names`` (read inside the lock).

        When the block ends without an exception, each changed file is replaced atomically in
        the order given, so a caller that must never lose data puts the file that gains a
        record before the one that loses it. With no names it only holds the lock.
        """
        with self._locked():
            if names:
                self._maybe_backup()
            # TinyDB is needed only here, to change a file: reading a day or opening the app
            # does not load it.
            from tinydb import TinyDB

            from planner.buffered_storage import BufferedStorage

            dbs: dict[str, TinyDB] = {}
            for name in names:
                _check_regular(self._path(name))
                db = TinyDB(self._path(name), storage=BufferedStorage)
                buffered = cast(BufferedStorage, db.storage)
                data = buffered.read()
                if not self._migrating and buffered.raw != self._checked.get(name):
                    self._check_file(name, data)
                    if buffered.raw is not None:
                        self._checked[name] = buffered.raw
                dbs[name] = db
            yield dbs
            files: dict[str, Doc | None] | None = getattr(self._snapshots, "files", None)
            for name in names:
                buffered = cast(BufferedStorage, dbs[name].storage)
                changed = buffered.dirty
                buffered.flush()
                if changed:
                    self._remember_written(name, buffered)
                if files is not None:
                    files.pop(name, None)

    @contextlib.contextmanager
    def _open(self, name: str) -> Iterator[TinyDB]:
        """A TinyDB on one file for a read-modify-write, flushed atomically on success."""
        with self.transaction(name) as dbs:
            yield dbs[name]

    def backup_if_due(self) -> None:
        """Take the rolling backup now if one is due, not at the first write: the app does it
        in a thread after its first paint, so no key press pays for the snapshot (on ten years
        of history, half a second for a record's first backup). Under the lock, like a write
        (which waits for it); raises like a write, and the first write then tries again."""
        if self._backed_up:
            return
        with self._locked():
            self._maybe_backup()

    def _maybe_backup(self) -> None:
        """Before the first write of this object, snapshot the record if the newest rolling
        backup is an hour old. Hard links make it cheap; a broken file stops the write."""
        if self._backed_up:
            return
        entries = self._entries()
        for name, regular in entries:
            if not regular:
                _check_regular(self._path(name))  # as record_files(strict=True) does
        names = [name for name, regular in entries if regular]
        if names:
            now = self.now()
            if backups.backup_due(self.root, now):
                files = [self.folder / name for name in names]
                backups.rolling_backup(self.folder, files, now, check_documents)
            else:
                backups.clean_partial(self.root)  # what rolling_backup does first
        self._backed_up = True
