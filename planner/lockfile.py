"""The record's inter-process lock: an exclusive ``flock`` on the ``.lock`` file, with a timeout.

This is what the ``filelock`` library does on Unix (an exclusive ``flock`` on a file that stays
in place, so every waiter locks the same inode), reduced to the part planner needs. Importing
``filelock`` costs 10–15 ms (it pulls in logging, ctypes, hashlib …), and every ``planner add``
that writes would pay it: a fifth of the time of the whole command. A record locked by a planner
that used ``filelock`` is locked with the same ``flock`` on the same file, so the two exclude
each other.

The lock belongs to the open file description: it is released when the file is closed, and by
the kernel when the process dies, so a killed writer never leaves a stale lock.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import time

__all__ = ["LockTimeout", "RecordLock"]

#: The errors ``flock(LOCK_NB)`` gives when another process holds the lock.
_BUSY = frozenset({errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK})
#: Polling starts fast (a writer holds the lock for a few milliseconds) and backs off to this.
_MAX_DELAY = 0.05


class LockTimeout(Exception):
    """The lock was held by another process for the whole timeout."""


class RecordLock:
    """An exclusive lock on ``path`` (created 0600 when missing); not re-entrant."""

    def __init__(self, path: str, mode: int = 0o600) -> None:
        self.path = path
        self.mode = mode
        self._fd: int | None = None

    def acquire(self, timeout: float) -> None:
        """Take the lock, waiting up to ``timeout`` seconds; raises :class:`LockTimeout`, or
        ``OSError`` when the file cannot be opened (a folder in its place, no permission …)."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, self.mode)
        try:
            self._set_mode(fd)
            deadline = time.monotonic() + max(timeout, 0)
            delay = 0.001
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as error:
                    if error.errno not in _BUSY:
                        raise
                left = deadline - time.monotonic()
                if left <= 0:
                    raise LockTimeout(self.path)
                time.sleep(min(delay, left))
                delay = min(delay * 2, _MAX_DELAY)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def _set_mode(self, fd: int) -> None:
        # A lock file created under a strict umask (0277) would be read-only to the next
        # writer; the mode is set whatever the umask, like every file of the record.
        try:
            if stat.S_IMODE(os.fstat(fd).st_mode) != self.mode:
                os.fchmod(fd, self.mode)
        except OSError:
            pass  # someone else's file: the lock still works

    def release(self) -> None:
        """Let the lock go (closing the file releases it)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)
