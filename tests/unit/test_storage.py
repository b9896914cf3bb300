"""Files on disk: strict reads, atomic writes under injected failures, private permissions."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from planner import storage
from planner.buffered_storage import BufferedStorage
from planner.storage import (
    RecordError,
    WriteError,
    atomic_write,
    check_writable,
    clean_stray_temps,
    ensure_private_dir,
    read_json,
    tighten,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


GOOD = b'{"tasks":{"1":{"id":"a","title":"x"}}}'


# ------------------------------------------------------------------ read_json


def test_read_json_missing_is_none(tmp_path: Path) -> None:
    assert read_json(tmp_path / "nope.json") is None


def test_read_json_good(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(GOOD)
    assert read_json(path) == {"tasks": {"1": {"id": "a", "title": "x"}}}


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b"  \n ", "empty"),
        (GOOD[:-5], "not valid JSON"),
        (GOOD + b"garbage", "not valid JSON"),
        (GOOD + b"}", "not valid JSON"),
        (b"\xef\xbb\xbf" + GOOD, "byte-order mark"),
        (b'{"tasks":{"1":{"title":"caf\xe9"}}}', "not valid UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b"[1, 2]", "not a list"),
        (b'"text"', "expected a JSON object"),
        (b'{"tasks": [1, 2]}', "table 'tasks' is a list, not an object"),
        (b'{"tasks": {"x": {}}}', "record id 'x'"),
        (b'{"tasks": {"1": [1]}}', "record 1 of table 'tasks' is a list"),
        (b'{"tasks": {"1": "text"}}', "is text"),
        (b'{"n": {"1": {"v": ' + b"9" * 5000 + b"}}}", "not valid JSON"),
    ],
)
def test_read_json_refuses_bad_files_with_reason_and_name(
    tmp_path: Path, raw: bytes, reason: str
) -> None:
    path = tmp_path / "2026-11.json"
    path.write_bytes(raw)
    with pytest.raises(RecordError) as caught:
        read_json(path)
    message = str(caught.value)
    if reason != "not a list":
        assert reason in message
    assert str(path) in message
    assert "\n" not in message
    assert "planner restore" in message
    assert path.read_bytes() == raw  # never touched


def test_read_json_a_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "meta.json").mkdir()
    with pytest.raises(RecordError, match="folder"):
        read_json(tmp_path / "meta.json")


def test_read_json_error_never_echoes_control_bytes(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_text(json.dumps({"\x1b]52;c;bad\x07" + "x" * 100: []}))
    with pytest.raises(RecordError) as caught:
        read_json(path)
    assert "\x1b" not in str(caught.value)
    assert "\x07" not in str(caught.value)


# ------------------------------------------------------------------ atomic_write


def test_atomic_write_creates_0600_under_any_umask(tmp_path: Path) -> None:
    for umask in (0o022, 0o000):
        old = os.umask(umask)
        try:
            path = tmp_path / f"f{umask}.json"
            atomic_write(path, b"{}")
        finally:
            os.umask(old)
        assert mode(path) == 0o600
        assert path.read_bytes() == b"{}"


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    atomic_write(path, b"old")
    atomic_write(path, b"new")
    assert path.read_bytes() == b"new"
    assert sorted(os.listdir(tmp_path)) == ["f.json"]


@pytest.mark.parametrize("step", ["mkstemp", "write", "fsync", "replace"])
def test_atomic_write_failure_at_each_step_keeps_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(b"old")

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if step == "mkstemp":
        monkeypatch.setattr(storage, "new_temp_file", boom)
    elif step == "write":
        real_fdopen = os.fdopen

        class Failing:
            def __init__(self, fd: int, *a: object) -> None:
                self.handle = real_fdopen(fd, "wb")

            def __enter__(self) -> Failing:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def write(self, data: bytes) -> int:
                self.handle.write(data[: len(data) // 2])
                raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(storage.os, "fdopen", Failing)
    elif step == "fsync":
        monkeypatch.setattr(storage.os, "fsync", boom)
    else:
        monkeypatch.setattr(storage.os, "replace", boom)
    with pytest.raises(WriteError) as caught:
        atomic_write(path, b"new content")
    assert "No space left" in str(caught.value)
    assert "nothing was changed" in str(caught.value)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == b"old"
    assert sorted(os.listdir(tmp_path)) == ["f.json"], "temporary file removed"


def test_atomic_write_folder_fsync_failure_after_rename_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(b"old")

    def refuse(folder: Path) -> None:
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(storage, "_fsync_dir", refuse)
    atomic_write(path, b"new")
    assert path.read_bytes() == b"new"


def test_atomic_write_fsyncs_file_then_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        kind = "dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        calls.append(f"fsync-{kind}")
        real_fsync(fd)

    def replace(a: str, b: object) -> None:
        calls.append("replace")
        real_replace(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(storage.os, "fsync", fsync)
    monkeypatch.setattr(storage.os, "replace", replace)
    atomic_write(tmp_path / "f.json", b"x")
    assert calls == ["fsync-file", "replace", "fsync-dir"]


def test_atomic_write_refuses_read_only_file(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(b"old")
    path.chmod(0o400)
    with pytest.raises(WriteError, match="read-only"):
        atomic_write(path, b"new")
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["f.json"]


def test_atomic_write_refuses_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "rec"
    folder.mkdir()
    (folder / "f.json").write_bytes(b"old")
    folder.chmod(0o500)
    try:
        with pytest.raises(WriteError, match="folder is read-only"):
            atomic_write(folder / "f.json", b"new")
        assert (folder / "f.json").read_bytes() == b"old"
        assert os.listdir(folder) == ["f.json"]
    finally:
        folder.chmod(0o700)


def test_atomic_write_onto_a_folder_is_a_write_error(tmp_path: Path) -> None:
    (tmp_path / "f.json").mkdir()
    with pytest.raises(WriteError):
        atomic_write(tmp_path / "f.json", b"x")
    assert (tmp_path / "f.json").is_dir()
    assert os.listdir(tmp_path) == ["f.json"]


def test_check_writable_ignores_missing(tmp_path: Path) -> None:
    check_writable(tmp_path / "missing")


# ------------------------------------------------------------------ folders and modes


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_ensure_private_dir_creates_parents_0700(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        ensure_private_dir(tmp_path / "a" / "b" / "rec")
    finally:
        os.umask(old)
    for part in ("a", "a/b", "a/b/rec"):
        assert mode(tmp_path / part) == 0o700, part


def test_ensure_private_dir_tightens_existing(tmp_path: Path) -> None:
    folder = tmp_path / "rec"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    ensure_private_dir(folder)
    assert mode(folder) == 0o700


def test_ensure_private_dir_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "rec").write_text("x")
    with pytest.raises(WriteError, match="not a folder"):
        ensure_private_dir(tmp_path / "rec")
    assert (tmp_path / "rec").read_text() == "x"


def test_tighten_removes_group_other_never_adds(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_text("x")
    path.chmod(0o644)
    tighten(path)
    assert mode(path) == 0o600
    path.chmod(0o444)
    tighten(path)
    assert mode(path) == 0o400, "a read-only file stays read-only"


def test_clean_stray_temps_removes_only_hidden_tmp(tmp_path: Path) -> None:
    for name in (".meta.json.abc.tmp", ".2026-11.json.x.tmp", "meta.json", ".lock", "x.tmp"):
        (tmp_path / name).write_text("x")
    assert clean_stray_temps(tmp_path) == 2
    assert sorted(os.listdir(tmp_path)) == [".lock", "meta.json", "x.tmp"]


# ------------------------------------------------------------------ BufferedStorage


def test_buffered_storage_writes_once_on_flush(tmp_path: Path) -> None:
    from tinydb import TinyDB

    path = tmp_path / "f.json"
    path.write_bytes(b'{"other": {"1": {"keep": true}}}')
    db = TinyDB(str(path), storage=BufferedStorage)
    db.table("tasks").insert({"id": "a"})
    db.table("tasks").insert({"id": "b"})
    assert json.loads(path.read_bytes()) == {"other": {"1": {"keep": True}}}, "nothing yet"
    db.storage.flush()
    data = json.loads(path.read_bytes())
    assert data["other"] == {"1": {"keep": True}}, "unknown tables kept"
    assert [d["id"] for d in data["tasks"].values()] == ["a", "b"]
    assert mode(path) == 0o600


def test_a_temporary_file_is_new_private_and_named_for_its_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draws = iter([b"\x00" * 6, b"\x00" * 6, b"\x01" * 6])
    monkeypatch.setattr(storage.os, "urandom", lambda n: next(draws))
    fd, first = storage.new_temp_file(str(tmp_path), "2026-11.json")
    os.close(fd)
    fd, second = storage.new_temp_file(str(tmp_path), "2026-11.json")  # first name taken
    os.close(fd)
    assert os.path.basename(first) == ".2026-11.json.000000000000.tmp"
    assert os.path.basename(second) == ".2026-11.json.010101010101.tmp"
    assert stat.S_IMODE(os.stat(second).st_mode) == 0o600
    assert storage.clean_stray_temps(tmp_path) == 2, "left over, they are found and removed"
