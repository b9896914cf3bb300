"""Files on disk: strict reads, atomic durable writes, private permissions.

TinyDB's own ``JSONStorage`` rewrites its file in place (a kill mid-write leaves it broken) and
creates files with the process umask. Everything planner writes goes through
:func:`atomic_write` instead: a temporary file in the same folder, flush, fsync, ``os.replace``,
then an fsync of the folder, so a crash leaves either the old or the new file, never half of one
(TinyDB writes through :class:`planner.buffered_storage.BufferedStorage`, which calls it).

Reads are strict: a file that is not valid UTF-8 JSON of the expected shape raises
:class:`RecordError` naming the file; nothing here ever "repairs" a file by resetting it.

Paths are taken as ``pathlib.Path`` or text and worked on with ``os``: ``pathlib`` costs ~3 ms
to import (it brings ``urllib.parse``), and ``planner add`` never needs it (see
:func:`path_text`). Errors still carry a ``Path``.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from planner.model import clean_line

if TYPE_CHECKING:
    from pathlib import Path

    #: A path as ``pathlib.Path`` or as text.
    AnyPath = str | os.PathLike[str]

__all__ = [
    "TEMP_SUFFIX",
    "BusyError",
    "RecordError",
    "StoreError",
    "WriteError",
    "atomic_write",
    "check_writable",
    "child",
    "clean_stray_temps",
    "dump_json",
    "ensure_private_dir",
    "file_identity",
    "path_text",
    "read_bytes",
    "read_json",
    "tighten",
]

TEMP_SUFFIX = ".tmp"
DIR_MODE = 0o700
FILE_MODE = 0o600


def path_text(path: AnyPath) -> str:
    """``str(Path(path))``, without pathlib: repeated and trailing slashes and ``.`` parts
    dropped (``..`` kept), two leading slashes kept as POSIX says, ``.`` for nothing."""
    text = os.fspath(path)
    if text.startswith("/"):
        root = "//" if text.startswith("//") and not text.startswith("///") else "/"
    else:
        root = ""
    parts = [part for part in text.split("/") if part and part != "."]
    return root + "/".join(parts) if root or parts else "."


def child(folder: str, name: str) -> str:
    """``str(Path(folder) / name)`` for a ``folder`` given as :func:`path_text` gives it."""
    if folder == ".":
        return name
    return folder + name if folder.endswith("/") else f"{folder}/{name}"


def _parent(path: str) -> str:
    """``str(Path(path).parent)`` for a path given as :func:`path_text` gives it."""
    head = os.path.dirname(path)
    return head if head else "."


def as_path(path: AnyPath) -> Path:
    """A ``pathlib.Path`` (imported here: only errors and the rarer commands need one)."""
    from pathlib import Path

    return Path(path)


class StoreError(Exception):
    """Base of every error the record can raise; ``str()`` is one line meant for the user."""

    def __str__(self) -> str:
        # A path or a reason can hold anything a file name can: always one line of text,
        # never a terminal command (in a toast, under a form, on stderr).
        return clean_line(super().__str__())


class RecordError(StoreError):
    """A file of the record cannot be read or has the wrong shape. It was not touched."""

    def __init__(self, path: AnyPath, reason: str) -> None:
        self.path = as_path(path)
        self.reason = reason
        super().__init__(
            f"cannot read {self.path}: {reason}. The file was left as it is; "
            "'planner restore' lists backups and 'planner restore latest' brings back the newest"
        )


class WriteError(StoreError):
    """A write failed (full disk, no permission …); the old file is intact."""

    def __init__(self, path: AnyPath, error: OSError) -> None:
        self.path = as_path(path)
        reason = error.strerror or str(error)
        super().__init__(f"could not save {self.path}: {reason}; nothing was changed")


class BusyError(StoreError):
    """Another process held the record's lock for too long."""

    def __init__(self, folder: AnyPath, seconds: float) -> None:
        held = f"another planner held its lock for {seconds:g} s"
        super().__init__(
            f"the record in {as_path(folder)} is busy: {held}; nothing was changed, try again"
        )


def ensure_private_dir(folder: AnyPath) -> None:
    """Create ``folder`` and any missing parents 0700, whatever the umask; tighten it if it exists.

    ``Path.mkdir(parents=True)`` would create the parents with the umask's permissions (0777
    under ``umask 000``), so they are made one by one here.
    """
    folder = path_text(folder)
    missing = []
    probe = folder
    while not os.path.exists(probe) and probe != _parent(probe):
        missing.append(probe)
        probe = _parent(probe)
    for path in reversed(missing):
        try:
            os.mkdir(path, DIR_MODE)
        except FileExistsError:
            pass  # created meanwhile by another process; checked below
        except OSError as error:
            raise WriteError(path, error) from error
        else:
            # mkdir's mode is filtered by the umask; chmod is not.
            with contextlib.suppress(OSError):
                os.chmod(path, DIR_MODE)
    if not os.path.isdir(folder):
        raise WriteError(folder, OSError(errno.ENOTDIR, "it exists and is not a folder"))
    tighten(folder)


def tighten(path: AnyPath) -> None:
    """Remove group and other permissions from ``path`` if it has any (never add any).

    A file the user made read-only (0400) stays read-only: only the group and other bits go.
    """
    with contextlib.suppress(OSError):
        current = stat.S_IMODE(os.lstat(path).st_mode)
        if current & 0o077 and not stat.S_ISLNK(os.lstat(path).st_mode):
            os.chmod(path, current & 0o700)


def check_writable(path: AnyPath) -> None:
    """Refuse to replace ``path`` (a file or folder) whose owner-write bit is off.

    The permission check the kernel would make is skipped for root, so a record the user made
    read-only would still be rewritten by rename; honouring the mode bits keeps it untouched for
    every user.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise WriteError(path, error) from error
    if not mode & stat.S_IWUSR:
        what = "folder" if stat.S_ISDIR(mode) else "file"
        raise WriteError(path, PermissionError(errno.EACCES, f"the {what} is read-only"))


def file_identity(st: os.stat_result) -> tuple[int, int, int, int]:
    """(device, inode, modification time in ns, size): what changes when a file is replaced or
    rewritten, for caches of what a file holds."""
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


def read_json(path: AnyPath) -> dict[str, Any] | None:
    """Parse ``path`` strictly; ``None`` when it does not exist.

    Raises :class:`RecordError` for anything else that is not a UTF-8 JSON object: an empty file,
    a truncated one, trailing garbage, a BOM, invalid UTF-8 or nesting too deep to parse.
    """
    raw = read_bytes(path)
    return None if raw is None else parse_record(path, raw)


def read_bytes(path: AnyPath) -> bytes | None:
    """The bytes of a record file, ``None`` when it does not exist; :class:`RecordError` when
    it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise RecordError(path, "it is a folder, not a file") from None
    except OSError as error:
        raise RecordError(path, error.strerror or str(error)) from error


def parse_record(path: AnyPath, raw: bytes) -> dict[str, Any]:
    """Parse the bytes of a record file (``path`` only names it in errors); see :func:`read_json`.

    The shape checked is TinyDB's: an object of tables, each an object mapping a numeric id to
    a record object. Anything else would make TinyDB fail half-way or rewrite the file.
    """
    if not raw.strip():
        raise RecordError(path, "the file is empty")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise RecordError(path, "the file starts with a byte-order mark, not JSON")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise RecordError(path, f"not valid UTF-8 (byte {error.start})") from error
    except json.JSONDecodeError as error:
        raise RecordError(path, f"not valid JSON ({error.msg} at line {error.lineno})") from error
    except RecursionError:
        raise RecordError(path, "the JSON is nested too deeply") from None
    except ValueError as error:  # e.g. an integer with more digits than Python converts
        raise RecordError(path, f"not valid JSON ({error})") from None
    if not isinstance(data, dict):
        raise RecordError(path, f"expected a JSON object of tables, not {_json_type(data)}")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise RecordError(path, f"table {_shown(name)} is {_json_type(table)}, not an object")
        for key, doc in table.items():
            if not (key.isascii() and key.isdigit()):
                raise RecordError(path, f"table {_shown(name)} has a record id {_shown(key)}")
            if not isinstance(doc, dict):
                raise RecordError(
                    path,
                    f"record {key} of table {_shown(name)} is {_json_type(doc)}, not an object",
                )
    return data


def _shown(text: str) -> str:
    """A name from a file, safe to print: quoted with escapes (no control bytes), and short."""
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _json_type(value: object) -> str:
    names = {list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _fsync_dir(folder: AnyPath) -> None:
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def new_temp_file(folder: str, name: str) -> tuple[int, str]:
    """A new, empty file ``.<name>.<random>.tmp`` in ``folder``, open for writing: its
    descriptor and path.

    What ``tempfile.mkstemp`` does (``O_EXCL``, never following a link, mode 0600 whatever
    the umask allows, another name if one is taken), without importing tempfile: it brings
    shutil and random with it, ~4 ms of every ``planner add``.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    for _ in range(100):
        path = child(folder, f".{name}.{os.urandom(6).hex()}{TEMP_SUFFIX}")
        try:
            return os.open(path, flags, FILE_MODE), path
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", folder)


def atomic_write(path: AnyPath, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically and durably; the file is created 0600.

    On any failure before the rename the temporary file is removed and :class:`WriteError` is
    raised; the old file is untouched because it is only ever replaced by ``rename``. A file or
    folder whose owner-write bit is off is refused (see :func:`check_writable`).
    """
    path = path_text(path)
    folder = _parent(path)
    check_writable(folder)
    check_writable(path)
    tmp_name: str | None = None
    try:
        fd, tmp_name = new_temp_file(folder, os.path.basename(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as error:
        raise WriteError(path, error) from error
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    # The new file is in place and its bytes are on disk; the folder's fsync makes the rename
    # itself durable. Some file systems refuse it (EINVAL); reporting "nothing was changed"
    # then would be false, so a failure here is not an error.
    with contextlib.suppress(OSError):
        _fsync_dir(folder)


def dump_json(data: dict[str, Any]) -> bytes:
    """Serialise a record file: UTF-8, non-ASCII kept as is, compact (one line)."""
    # A record is a tree parsed from JSON: no cycle to look for (a quarter of the time).
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), check_circular=False)
    return text.encode("utf-8")


def clean_stray_temps(folder: AnyPath) -> int:
    """Remove temporary files a crashed writer left behind; call only under the lock."""
    removed = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed += 1
    return removed


def iter_files(folder: AnyPath) -> Iterator[Path]:
    """The regular files directly in ``folder``."""
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(folder):
            if entry.is_file(follow_symlinks=False):
                yield as_path(entry.path)
