"""The record's lock (planner.lockfile): exclusive, with a timeout, private, compatible with
the ``filelock`` library that earlier versions used."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner.lockfile import LockTimeout, RecordLock


def test_a_held_lock_makes_another_wait_then_time_out(tmp_path: Path) -> None:
    path = str(tmp_path / ".lock")
    first, second = RecordLock(path), RecordLock(path)
    first.acquire(timeout=1)
    started = time.monotonic()
    with pytest.raises(LockTimeout):
        second.acquire(timeout=0.2)
    assert time.monotonic() - started >= 0.2
    first.release()
    second.acquire(timeout=0)  # free again at once
    second.release()
    assert os.path.exists(path), "the file stays, so every waiter locks the same inode"


def test_waiting_ends_when_the_holder_lets_go(tmp_path: Path) -> None:
    path = str(tmp_path / ".lock")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('HELD', flush=True)\n"
            "time.sleep(0.3)\n",
            path,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "HELD"
        lock = RecordLock(path)
        started = time.monotonic()
        lock.acquire(timeout=10)
        assert 0.05 < time.monotonic() - started < 5
        lock.release()
    finally:
        holder.wait(timeout=10)
        if holder.stdout is not None:
            holder.stdout.close()


def test_the_lock_file_is_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o277)
    try:
        lock = RecordLock(str(tmp_path / ".lock"))
        lock.acquire(timeout=0)
        lock.release()
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / ".lock").stat().st_mode) == 0o600


def test_a_folder_in_place_of_the_lock_is_an_os_error(tmp_path: Path) -> None:
    (tmp_path / ".lock").mkdir()
    with pytest.raises(OSError):
        RecordLock(str(tmp_path / ".lock")).acquire(timeout=0)


def test_a_lock_taken_with_the_filelock_library_excludes_this_one(tmp_path: Path) -> None:
    filelock = pytest.importorskip("filelock")
    path = str(tmp_path / ".lock")
    other = filelock.FileLock(path, is_singleton=False)
    other.acquire(timeout=1)
    try:
        with pytest.raises(LockTimeout):
            RecordLock(path).acquire(timeout=0.1)
    finally:
        other.release()
    lock = RecordLock(path)
    lock.acquire(timeout=0)
    try:
        with pytest.raises(filelock.Timeout):
            filelock.FileLock(path, is_singleton=False).acquire(timeout=0.1)
    finally:
        lock.release()
