"""The TinyDB storage of a read-modify-write: the file read once, written once, atomically.

Its own module so that TinyDB is imported only by what writes: opening the app or reading a
day never loads it (see :meth:`planner.records.RecordFolder.transaction`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tinydb.storages import Storage

from planner import storage

if TYPE_CHECKING:
    from planner.storage import AnyPath

__all__ = ["BufferedStorage"]


class BufferedStorage(Storage):
    """A TinyDB storage that reads its file once, keeps writes in memory, and flushes atomically.

    TinyDB writes the whole file on every insert/update; buffering lets one logical change
    (for example "add a task and renumber the day") cost one durable write, made by
    :meth:`flush` while the caller holds the record's lock.
    """

    def __init__(self, path: AnyPath, validate: bool = True) -> None:
        self.path = path
        self._data: dict[str, Any] | None = None
        self._loaded = False
        self.dirty = False
        self.raw: bytes | None = None
        """The file's bytes as read, then as written by :meth:`flush`."""

    def read(self) -> dict[str, Any] | None:
        if not self._loaded:
            self.raw = storage.read_bytes(self.path)
            self._data = None if self.raw is None else storage.parse_record(self.path, self.raw)
            self._loaded = True
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._data = data
        self._loaded = True
        self.dirty = True

    @property
    def data(self) -> dict[str, Any] | None:
        """What the file holds now (as read, or as written by :meth:`flush`)."""
        return self._data

    def flush(self) -> None:
        """Write the buffered data, if it changed, with :func:`planner.storage.atomic_write`."""
        if self.dirty and self._data is not None:
            self.raw = storage.dump_json(self._data)
            storage.atomic_write(self.path, self.raw)
            self.dirty = False

    def close(self) -> None:
        """Nothing to release: the file is not held open."""
