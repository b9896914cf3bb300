"""Write failures at every step of real store operations: each file is the old or the new one.

Every system call an operation makes on its way to disk (creating the temporary file, opening,
writing, fsync, rename, linking a backup) is made to fail in turn with "No space left on
device". Each time: a one-line WriteError, no temporary file or unfinished backup left, every
record file either exactly as before or exactly as a successful run leaves it, no task lost,
and the next operation works. Also a real full disk (``ulimit -f`` in a child process) and a
folder the user may not write to (as an unprivileged user, when the suite runs as root).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from faultkit import STATS, files_of, finish, hidden_backups, start_child, stray_temps

from planner import storage
from planner.model import Task, validated_reflection
from planner.storage import StoreError, WriteError
from planner.store import Store, restore_backup

NOW = datetime(2026, 11, 25, 9, 0)
TODAY = date(2026, 11, 25)
CREATED = "2026-11-25T08:00:00"


def task(task_id: str, day: date = TODAY, **fields: object) -> Task:
    return Task(id=task_id, title=f"title {task_id}", day=day, created=CREATED, **fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template") / "record"
    store = Store.open(folder, now=lambda: NOW)
    store.add_task(task("a"))
    store.add_task(task("b"))
    store.add_task(task("old", day=date(2025, 3, 1)))
    store.add_task(task("daily", recurrence="FREQ=DAILY"))
    store.save_reflection(TODAY, validated_reflection(learned="x"), stress=2)
    # a later process: a rolling backup of the above, for "restore"
    Store.open(folder, now=lambda: NOW + timedelta(hours=1)).set_stress(date(2026, 11, 24), 1)
    return folder


#: Operations, each deterministic (fixed ids and clock) so a clean run gives known bytes.
OPERATIONS: dict[str, Callable[[Store], object]] = {
    "add": lambda s: s.add_task(task("new")),
    "edit": lambda s: s.put_task(s.get_task("a").with_changes(title="edited")),
    "done": lambda s: s.set_done("b", True),
    "move across months": lambda s: s.move_task("old", TODAY),
    "delete": lambda s: s.remove_task("a"),
    "toggle an occurrence": lambda s: s.set_done("daily~20261130", True),
    "move an occurrence": lambda s: s.move_task("daily~20261130", date(2027, 1, 4)),
    "delete an occurrence": lambda s: s.remove_task("daily~20261201"),
    "edit the series": lambda s: s.put_task(s.get_task("daily").with_changes(title="Stand")),
    "reflection": lambda s: s.save_reflection(TODAY, validated_reflection(learned="y")),
    "rating": lambda s: s.set_stress(TODAY, 5),
    "tags": lambda s: s.ensure_tags(["new-purpose"], ["new-skill"]),
    "restore": lambda s: restore_backup(s, "latest"),
}

#: The calls made to fail: (module, attribute). os.* are patched for every caller.
STEPS = {
    "temp file": (storage, "new_temp_file"),
    "open": (os, "open"),
    "fdopen": (os, "fdopen"),
    "write": (os, "write"),
    "fsync": (os, "fsync"),
    "rename": (os, "replace"),
    "rename folder": (os, "rename"),
    "link": (os, "link"),
    "mkdir": (os, "mkdir"),
}


def open_store(folder: Path) -> Store:
    # hours later: the first write takes a rolling backup, so its steps fail too
    return Store.open(folder, now=lambda: NOW + timedelta(hours=3), lock_timeout=2)


def record_bytes(folder: Path) -> dict[str, bytes]:
    return {k: v for k, v in files_of(folder).items() if "/" not in k}


def logical(folder: Path) -> dict[str, list[tuple[str, date, bool]]]:
    found: dict[str, list[tuple[str, date, bool]]] = {}
    for t in Store.open(folder).all_tasks():
        found.setdefault(t.id, []).append((t.title, t.day, t.done))
    return found


def clean_result(template: Path, tmp_path: Path, name: str) -> dict[str, bytes]:
    folder = tmp_path / "clean"
    shutil.copytree(template, folder)
    OPERATIONS[name](open_store(folder))
    result = record_bytes(folder)
    shutil.rmtree(folder)
    return result


def fail_on(real: Callable[..., object], nth: int, calls: list[int]) -> Callable[..., object]:
    """``real``, except that its ``nth`` call fails with "No space left on device"."""

    def failing(*args: object, **kw: object) -> object:
        calls[0] += 1
        if calls[0] == nth:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kw)

    return failing


def inject(template: Path, tmp_path: Path, names: list[str], steps: list[str]) -> None:
    for name in names:
        after = clean_result(template, tmp_path, name)
        for step in steps:
            owner, attr = STEPS[step]
            nth = 1
            while True:
                folder = tmp_path / f"{name}-{step}-{nth}".replace(" ", "_")
                shutil.copytree(template, folder)
                before = record_bytes(folder)
                tasks_before = logical(folder)
                store = open_store(folder)
                real = getattr(owner, attr)
                calls = [0]

                failing = fail_on(real, nth, calls)

                with pytest.MonkeyPatch.context() as patch:
                    patch.setattr(owner, attr, failing)
                    try:
                        OPERATIONS[name](store)
                    except StoreError as error:
                        failed: StoreError | None = error
                    else:
                        failed = None
                if calls[0] < nth:  # the operation made fewer calls: every one was tried
                    assert failed is None
                    shutil.rmtree(folder)
                    break
                check_after_failure(folder, name, step, failed, before, after, tasks_before)
                shutil.rmtree(folder)
                STATS["injected"] += 1
                nth += 1


def check_after_failure(
    folder: Path,
    name: str,
    step: str,
    failed: StoreError | None,
    before: dict[str, bytes],
    after: dict[str, bytes],
    tasks_before: dict[str, list[tuple[str, date, bool]]],
) -> None:
    where = f"{name}, {step}"
    if failed is not None:
        assert isinstance(failed, WriteError), (where, failed)
        assert "\n" not in str(failed) and "No space left" in str(failed), where
    assert stray_temps(folder) == [], where
    assert hidden_backups(folder) == [], where
    now = record_bytes(folder)
    for file in set(before) | set(after) | set(now):
        assert now.get(file) in (before.get(file), after.get(file)), f"{where}: {file} is a mix"
    if name not in ("delete", "restore"):
        found = logical(folder)
        for task_id in tasks_before:
            assert task_id in found, f"{where}: task {task_id} lost"
    # and the record is usable at once
    open_store(folder).add_task(task("after"))


def test_failures_at_every_step_quick(template: Path, tmp_path: Path) -> None:
    inject(
        template,
        tmp_path,
        ["add", "move across months", "move an occurrence", "reflection"],
        ["fsync", "rename", "temp file"],
    )


@pytest.mark.faults
def test_failures_at_every_step_long(template: Path, tmp_path: Path) -> None:
    inject(template, tmp_path, list(OPERATIONS), list(STEPS))
    test_a_full_disk_for_real(template, tmp_path / "full")


def test_a_full_disk_for_real(template: Path, tmp_path: Path) -> None:
    """``ulimit -f`` in a child: the write fails with a clear error, nothing changes."""
    folder = tmp_path / "record"
    shutil.copytree(template, folder)
    before = record_bytes(folder)
    limit = max(len(v) for v in files_of(folder).values()) + 4096
    child = start_child("fsize", str(folder), str(limit))
    out, err = finish(child)
    assert child.returncode == 0, err[-3000:]
    assert out.startswith("ERR "), out
    message = out[4:].strip()
    assert "\n" not in message and "could not save" in message and "nothing was changed" in message
    assert "File too large" in message
    assert record_bytes(folder) == before
    assert stray_temps(folder) == [] and hidden_backups(folder) == []
    STATS["injected"] += 1


@pytest.fixture
def request_cleanup() -> Iterator[list[Path]]:
    """Folders to remove after the test."""
    folders: list[Path] = []
    yield folders
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def as_nobody(folder: Path) -> list[str]:
    """Open ``folder``, read today and try to add, in a forked child running as ``nobody``
    (forked rather than started: the interpreter may not be executable by that user)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        lines = []
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            try:
                store = Store.open(folder)
                lines.append(f"READ {len(store.tasks_for_day(TODAY))}")
                store.add_task(task("should-not-be-saved"))
                lines.append("OK")
            except StoreError as error:
                lines.append(f"ERR {error}")
            os.write(write_end, "\n".join(lines).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        out = pipe.read().decode()
    os.waitpid(pid, 0)
    return out.split("\n")


@pytest.mark.faults
@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run a child as another user")
def test_a_folder_the_user_may_not_write_long(template: Path, request_cleanup: list[Path]) -> None:
    test_a_folder_the_user_may_not_write(template, request_cleanup)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run a child as another user")
def test_a_folder_the_user_may_not_write(template: Path, request_cleanup: list[Path]) -> None:
    """As an unprivileged user, on a folder owned by someone else: reads work, writes fail
    with a clear error, nothing changes."""
    # pytest's own temporary folders are private to root: use one another user can enter
    base = Path(tempfile.mkdtemp(prefix="planner-faults-"))
    base.chmod(0o755)
    request_cleanup.append(base)
    for parent in base.parents:
        if not parent.stat().st_mode & 0o001:
            pytest.skip(f"{parent} cannot be entered by another user")
    folder = base / "record"
    shutil.copytree(template, folder)
    (folder / ".lock").unlink(missing_ok=True)
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    before = files_of(folder)
    lines = as_nobody(folder)
    assert lines[0] == "READ 3", lines
    assert lines[1].startswith("ERR "), lines
    message = lines[1][4:]
    assert "not writable" in message and str(folder) in message, message
    assert files_of(folder) == before
    STATS["injected"] += 1
