"""Rolling backups of the record, and bringing one back.

A backup is a folder ``backups/YYYYMMDD-HHMMSS/`` holding every record file as it was. Because
the store only ever *replaces* files (by rename) and never edits one in place, a backup can be a
set of hard links: the old inode keeps the old bytes for as long as the backup exists, so a
snapshot costs a few system calls, not a copy of ten years of history. Each file is checked to
parse before it is kept, so a backup is always a good one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from planner.storage import (
    RecordError,
    StoreError,
    WriteError,
    atomic_write,
    ensure_private_dir,
    read_json,
)

BACKUP_DIR = "backups"
KEEP = 20
INTERVAL = timedelta(hours=1)
STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True, slots=True)
class Backup:
    """One snapshot folder."""

    name: str
    path: Path
    files: int
    taken: datetime | None


def _stamp_of(name: str) -> datetime | None:
    try:
        return datetime.strptime(name[-15:], STAMP)
    except ValueError:
        return None


def list_backups(folder: Path) -> list[Backup]:
    """The snapshots, newest first."""
    root = folder / BACKUP_DIR
    found = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for entry in os.scandir(root):
            if entry.is_dir(follow_symlinks=False):
                files = sum(1 for f in os.scandir(entry.path) if f.is_file())
                found.append(Backup(entry.name, Path(entry.path), files, _stamp_of(entry.name)))
    return sorted(found, key=lambda b: (b.taken or datetime.min, b.name), reverse=True)


def snapshot(folder: Path, files: Iterable[Path], label: str = "", now: datetime | None = None) -> Path:
    """Take a snapshot of ``files`` now; every file is checked to parse first."""
    when = (now or datetime.now()).strftime(STAMP)
    root = folder / BACKUP_DIR
    ensure_private_dir(root)
    target = root / (f"{label}-{when}" if label else when)
    n = 1
    while target.exists():
        n += 1
        target = root / (f"{label}-{when}-{n}" if label else f"{when}-{n}")
    files = list(files)
    for path in files:
        read_json(path)  # raises RecordError: never keep a broken file as a backup
    try:
        target.mkdir(mode=0o700)
        for path in files:
            try:
                os.link(path, target / path.name)
            except OSError:
                shutil.copy2(path, target / path.name)
                os.chmod(target / path.name, 0o600)
    except OSError as error:
        shutil.rmtree(target, ignore_errors=True)
        raise WriteError(target, error) from error
    return target


def rolling_backup(folder: Path, files: list[Path], now: datetime) -> Path | None:
    """Snapshot when the newest plain backup is older than :data:`INTERVAL`; prune to :data:`KEEP`.

    A record that cannot be backed up (a broken file) is not written either: the error is raised.
    """
    if not files:
        return None
    existing = [b for b in list_backups(folder) if b.taken and b.name[:1].isdigit()]
    if existing and existing[0].taken and now - existing[0].taken < INTERVAL:
        return None
    taken = snapshot(folder, files, now=now)
    for old in existing[KEEP - 1 :]:
        shutil.rmtree(old.path, ignore_errors=True)
    return taken


def find_backup(folder: Path, name: str) -> Backup:
    """A backup by name, or ``latest`` for the newest good one."""
    backups = list_backups(folder)
    if not backups:
        raise StoreError(f"there are no backups in {folder / BACKUP_DIR}")
    if name == "latest":
        for backup in backups:
            if _all_parse(backup.path):
                return backup
        raise StoreError("no backup parses cleanly; nothing was changed")
    for backup in backups:
        if backup.name == name:
            return backup
    raise StoreError(f"no backup named {name!r}: 'planner restore' lists them")


def _all_parse(path: Path) -> bool:
    try:
        for file in path.iterdir():
            read_json(file)
    except RecordError:
        return False
    return True


def restore(folder: Path, backup: Backup, current: list[Path], now: datetime) -> Path:
    """Bring ``backup`` back; the current files are first kept aside in a snapshot.

    Returns the folder that holds the record as it was before the restore.
    """
    for file in backup.path.iterdir():
        read_json(file)  # a broken backup is refused before anything changes
    aside = folder / BACKUP_DIR / f"before-restore-{now.strftime(STAMP)}"
    aside.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        for path in current:
            os.link(path, aside / path.name)
    except OSError as error:
        raise WriteError(aside, error) from error
    wanted = {file.name for file in backup.path.iterdir()}
    for file in sorted(backup.path.iterdir()):
        atomic_write(folder / file.name, file.read_bytes())
    for path in current:
        if path.name not in wanted:
            path.unlink()
    return aside
