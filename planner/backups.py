"""Rolling backups of the record, and bringing one back.

A backup is a folder ``backups/YYYYMMDD-HHMMSS/`` holding every record file as it was. Each file
is a real copy, never a hard link to the live file: whatever damages a live file in place (a
tool that truncates it, an editor saving over it, a bad disk block) must not damage its backup
too, and restoring is for exactly those cases. To keep a snapshot of ten years of history cheap,
a file unchanged since the previous backup (same size and modification time, and not modified
just before that backup was taken) is hard-linked to the previous *backup's* copy instead. Each
copied file is checked to parse, so a backup is always a good one, and fsynced.

A snapshot is built in a hidden folder (``backups/.partial-…``) and renamed into place, and an
old one is renamed to a hidden name before it is deleted, so a kill at any moment never leaves a
half backup that ``latest`` could pick; hidden leftovers are removed by the next backup.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from planner.model import Frozen
from planner.storage import (
    DIR_MODE,
    FILE_MODE,
    RecordError,
    StoreError,
    WriteError,
    as_path,
    atomic_write,
    check_writable,
    ensure_private_dir,
    parse_record,
)

if TYPE_CHECKING:
    from pathlib import Path

    from planner.storage import AnyPath

    #: Checks the records of a parsed file beyond its JSON shape; raises RecordError naming
    #: ``path``.
    Validator = Callable[[Path, dict[str, Any]], None]

__all__ = [
    "BACKUP_DIR",
    "INTERVAL",
    "KEEP",
    "Backup",
    "backup_due",
    "clean_partial",
    "find_backup",
    "list_backups",
    "restore",
    "rolling_backup",
    "snapshot",
]


BACKUP_DIR = "backups"
KEEP = 20
INTERVAL = timedelta(hours=1)
STAMP = "%Y%m%d-%H%M%S"
#: Snapshots taken by ``restore`` hold the record as it was *before* a restore; ``latest``
#: skips them, or restoring ``latest`` twice would undo the first restore.
ASIDE_LABEL = "before-restore"
_STAMP_RE = r"(\d{8}-\d{6})"
#: A file modified this close before the previous backup is copied again rather than trusted
#: to be unchanged: file times are coarse (see planner.records.SETTLED_NS).
_SETTLED_NS = 2_000_000_000


class Backup(Frozen):
    """One snapshot folder."""

    _fields = ("name", "path", "files", "taken")
    __slots__ = _fields

    name: str
    path: Path
    files: int
    taken: datetime | None

    def __init__(self, name: str, path: Path, files: int, taken: datetime | None) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "files", files)
        object.__setattr__(self, "taken", taken)


def _stamp_of(name: str) -> datetime | None:
    if len(name) >= 15 and name[:8].isdecimal() and name[8] == "-" and name[9:15].isdecimal():
        text = name[:15]  # where the search below finds it first, without compiling it
    else:
        found = re.search(_STAMP_RE, name)
        if found is None:
            return None
        text = found.group(1)
    # The fields of STAMP by hand: strptime costs an import of _strptime (~2 ms) on every write.
    try:
        return datetime(
            int(text[0:4]),
            int(text[4:6]),
            int(text[6:8]),
            int(text[9:11]),
            int(text[11:13]),
            int(text[13:15]),
        )
    except ValueError:
        return None


def list_backups(folder: Path) -> list[Backup]:
    """The snapshots, newest first (hidden, unfinished ones are not listed)."""
    return _snapshots(folder, count_files=True)


def _snapshots(folder: Path, *, count_files: bool) -> list[Backup]:
    """:func:`list_backups`; without ``count_files`` each has ``files=0`` (the hourly check
    before every first write only needs their names: counting reads every snapshot folder)."""
    root = folder / BACKUP_DIR
    found = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for entry in os.scandir(root):
            if entry.name.startswith(".") or not entry.is_dir(follow_symlinks=False):
                continue
            with contextlib.suppress(OSError), os.scandir(entry.path) as inner:
                files = (
                    sum(1 for f in inner if f.is_file(follow_symlinks=False)) if count_files else 0
                )
                path = as_path(entry.path)
                found.append(Backup(entry.name, path, files, _stamp_of(entry.name)))
    return sorted(found, key=lambda b: (b.taken or datetime.min, b.name), reverse=True)


def _remove_tree(path: AnyPath) -> None:
    """``shutil.rmtree``, ignoring errors (shutil, imported here, costs ~2 ms: it brings the
    compression modules, and only a leftover or a failed snapshot needs it)."""
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def clean_partial(folder: AnyPath) -> None:
    """Remove hidden folders a killed snapshot or prune left in ``backups/``."""
    root = os.path.join(folder, BACKUP_DIR)
    with contextlib.suppress(OSError):
        for entry in os.scandir(root):
            if entry.name.startswith(".") and entry.is_dir(follow_symlinks=False):
                _remove_tree(entry.path)


def _unchanged_since(path: Path, previous: Path | None) -> Path | None:
    """The previous backup's copy of ``path`` if ``path`` has not changed since, else None."""
    if previous is None:
        return None
    try:
        live = path.stat()
        kept = (previous / path.name).stat()
        taken = previous.stat().st_mtime_ns
    except OSError:
        return None
    same = (live.st_size, live.st_mtime_ns) == (kept.st_size, kept.st_mtime_ns)
    return previous / path.name if same and live.st_mtime_ns < taken - _SETTLED_NS else None


def _check(path: Path, data: bytes, validate: Validator | None) -> None:
    """Raise RecordError unless ``data`` is a good record file (``path`` names it)."""
    parsed = parse_record(path, data)
    if validate is not None:
        validate(path, parsed)


def _copy(path: Path, target: Path, check: bool, validate: Validator | None) -> None:
    """Copy ``path`` to a new 0600 file ``target`` (checked first with ``check``), fsynced,
    with the source's modification time so the next backup can tell it is unchanged."""
    source = path.stat()
    data = path.read_bytes()
    if check:
        _check(path, data, validate)  # never keep a broken file as a backup
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        view = memoryview(data)
        while view:  # os.write may write less than asked
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.utime(target, ns=(source.st_atime_ns, source.st_mtime_ns))


def snapshot(
    folder: Path,
    files: Iterable[Path],
    label: str = "",
    now: datetime | None = None,
    *,
    check: bool = True,
    previous: Path | None = None,
    validate: Validator | None = None,
) -> Path:
    """Take a snapshot of ``files``; returns its folder.

    With ``check`` every file copied is parsed (and given to ``validate``) first, and a broken
    one raises :class:`RecordError`: never keep a broken file as a backup. A file unchanged
    since the backup ``previous`` is linked to its copy there. ``check=False`` keeps the files
    as they are: used to set the record aside before a restore, broken file included.
    """
    files = list(files)
    when = (now or datetime.now()).strftime(STAMP)
    root = folder / BACKUP_DIR
    ensure_private_dir(root)
    check_writable(root)
    base = f"{label}-{when}" if label else when
    partial = root / f".partial-{base}-{os.urandom(4).hex()}"
    try:
        partial.mkdir(mode=DIR_MODE)
        for path in files:
            kept = _unchanged_since(path, previous)
            if kept is not None:
                with contextlib.suppress(OSError):
                    os.link(kept, partial / path.name)
                    continue
            _copy(path, partial / path.name, check, validate)
        with contextlib.suppress(OSError):
            fd = os.open(partial, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        # Snapshots are taken under the record's lock, so nobody races for the name; names
        # carry the second, so two snapshots within one second get "-2", "-3" ….
        n = 1
        target = root / base
        while target.exists():
            n += 1
            target = root / f"{base}-{n}"
        os.rename(partial, target)
    except RecordError:
        _remove_tree(partial)
        raise
    except OSError as error:
        _remove_tree(partial)
        raise WriteError(partial, error) from error
    return target


def backup_due(folder: AnyPath, now: datetime) -> bool:
    """Whether :func:`rolling_backup` would take a snapshot at ``now`` (given files to keep).

    What it decides, from the snapshots' names alone: the first write of every command asks,
    and building every snapshot's :class:`Backup` would cost more than the answer.
    """
    root = os.path.join(folder, BACKUP_DIR)
    plain: list[tuple[datetime, str]] = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for entry in os.scandir(root):
            name = entry.name
            if name[:1].isdigit() and entry.is_dir(follow_symlinks=False):
                taken = _stamp_of(name)
                if taken is not None:
                    plain.append((taken, entry.path))
    # Newest first, as list_backups sorts them; like it, skip a folder that cannot be read.
    for taken, path in sorted(plain, reverse=True):
        try:
            os.scandir(path).close()
        except OSError:
            continue
        return abs(now - taken) >= INTERVAL
    return True


def rolling_backup(
    folder: Path, files: list[Path], now: datetime, validate: Validator | None = None
) -> Path | None:
    """Snapshot when the newest plain backup is older than :data:`INTERVAL`; prune to :data:`KEEP`.

    A record that cannot be backed up (a broken file) is not written either: the error is raised.
    """
    if not files:
        return None
    clean_partial(folder)
    existing = [
        b for b in _snapshots(folder, count_files=False) if b.taken and b.name[:1].isdigit()
    ]
    if existing and existing[0].taken and abs(now - existing[0].taken) < INTERVAL:
        return None
    previous = existing[0].path if existing else None
    taken = snapshot(folder, files, now=now, previous=previous, validate=validate)
    for old in existing[KEEP - 1 :]:
        # Hide it first: a kill during rmtree leaves a hidden leftover, not a half backup.
        hidden = old.path.with_name(f".old-{old.name}")
        with contextlib.suppress(OSError):
            os.rename(old.path, hidden)
            _remove_tree(hidden)
    return taken


def find_backup(folder: Path, name: str, validate: Validator | None = None) -> Backup:
    """A backup by name, or ``latest`` for the newest one whose every file is good."""
    backups = list_backups(folder)
    if not backups:
        raise StoreError(f"there are no backups in {folder / BACKUP_DIR}")
    if name == "latest":
        for backup in backups:
            if not backup.name.startswith(ASIDE_LABEL) and _all_good(backup, validate):
                return backup
        raise StoreError("no backup parses cleanly; nothing was changed")
    for backup in backups:
        if backup.name == name:
            return backup
    raise StoreError(f"no backup named {name[:60]!r}: 'planner restore' lists them")


def _all_good(backup: Backup, validate: Validator | None) -> bool:
    if not backup.files:
        return False
    try:
        for file in backup.path.iterdir():
            _check(file, file.read_bytes(), validate)
    except (RecordError, OSError):
        return False
    return True


def restore(
    folder: Path,
    backup: Backup,
    current: list[Path],
    now: datetime,
    validate: Validator | None = None,
) -> Path:
    """Bring ``backup`` back; the current files are first kept aside in a snapshot.

    Returns the folder that holds the record as it was before the restore (broken files
    included: they may still hold something worth saving by hand). Files of the current record
    that the backup does not have are removed from the record, after being set aside.
    """
    wanted = sorted(file for file in backup.path.iterdir() if file.is_file())
    for file in wanted:
        _check(file, file.read_bytes(), validate)  # refused before anything changes
    aside = snapshot(folder, current, ASIDE_LABEL, now, check=False)
    for file in wanted:
        atomic_write(folder / file.name, file.read_bytes())
    names = {file.name for file in wanted}
    for path in current:
        if path.name not in names:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    return aside
