"""A process that writes to a record and says what it did; the fault suite kills it.

Run as ``python child_writer.py MODE ARGS…``. Every change is announced on stdout as
``B <op> <args>`` before the store call and acknowledged by ``K`` once the call has returned,
so the parent knows exactly which changes were acknowledged and which one was in flight when
the process was killed.

Modes:

- ``crash FOLDER SEED RUN LEVEL SCRATCH``: random changes in a loop until killed (LEVEL
  ``quick``: adds, edits, done; ``long``: also edits of early records, moves across months,
  deletes, reflections, repeating tasks, imports, exports and backups);
- ``adder FOLDER TAG N``: wait for ``GO`` on stdin, then add N tasks titled ``TAG-i``;
- ``hold FOLDER``: take the record's lock, say ``HELD``, and keep it until killed;
- ``fsize FOLDER LIMIT``: with the file size limit (``ulimit -f``) set to LIMIT bytes, try to
  add a task with a large note and print ``OK`` or ``ERR <message>``;
- ``try FOLDER``: open, read today, try to add; print ``READ n`` then ``OK`` or ``ERR <msg>``.
"""

from __future__ import annotations

import random
import resource
import signal
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

from planner import backups
from planner.model import new_task, validated_reflection
from planner.storage import StoreError
from planner.store import Store, new_id

BASE = datetime(2026, 11, 25, 9, 0)
TODAY = date(2026, 11, 25)


def say(*words: object) -> None:
    print(*words, flush=True)


def random_day(rng: random.Random, long: bool) -> date:
    if long:
        return date(2024, 1, 1) + timedelta(days=rng.randrange(3 * 365))
    return TODAY + timedelta(days=rng.randrange(-20, 40))


def crash(folder: Path, seed: int, run: int, level: str, scratch: Path) -> None:
    rng = random.Random(seed)
    long = level == "long"
    opened = 0

    def open_store() -> Store:
        nonlocal opened
        opened += 1
        # every run, and every re-open within a run, is "more than an hour later": the first
        # write of each takes a rolling backup (and prunes old ones).
        when = BASE + timedelta(hours=run * 1000 + opened * 2)
        return Store.open(folder, now=lambda: when, lock_timeout=30)

    store = open_store()
    say("READY")
    stored = list(store.all_tasks())
    copies = Counter(t.id for t in stored)
    # a task a kill left in two month files (mid-move) is left alone: the parent knows
    known = [t for t in stored if "~" not in t.id and copies[t.id] == 1]
    series_ids = [s.template.id for s in store.series()]
    ops = ["add"] * 7 + ["edit", "done"] * 2
    if long:
        ops += ["early", "move", "move", "del", "refl", "import", "export", "backup"]
        ops += ["series", "skip", "reopen"]
    n = 0
    while True:
        n += 1
        op = rng.choice(ops)
        if op in ("edit", "done", "early", "move", "del") and not known:
            op = "add"
        if op == "add":
            task = new_task(id=new_id(), title=f"t{seed}-{n}", day=random_day(rng, long))
            say("B add", task.id, task.day.isoformat(), task.title)
            known.append(store.add_task(task))
        elif op in ("edit", "early"):
            pool = sorted(known, key=lambda t: t.day)[: max(1, len(known) // 4)]
            task = rng.choice(pool if op == "early" else known)
            title = f"e{seed}-{n}"
            say("B edit", task.id, title)
            known[known.index(task)] = store.put_task(task.with_changes(title=title))
        elif op == "done":
            task = rng.choice(known)
            say("B done", task.id, int(not task.done))
            known[known.index(task)] = store.set_done(task.id, not task.done)
        elif op == "move":
            task = rng.choice(known)
            day = random_day(rng, long)
            say("B move", task.id, day.isoformat())
            known[known.index(task)] = store.move_task(task.id, day)
        elif op == "del":
            task = rng.choice(known)
            say("B del", task.id)
            store.remove_task(task.id)
            known.remove(task)
        elif op == "refl":
            day = random_day(rng, long)
            word = f"r{seed}-{n}"
            say("B refl", day.isoformat(), word)
            store.save_reflection(day, validated_reflection(learned=word))
        elif op == "series":
            task = new_task(
                id=new_id(),
                title=f"s{seed}-{n}",
                day=random_day(rng, long),
                recurrence="FREQ=DAILY",
            )
            say("B series", task.id)
            store.add_task(task)
            series_ids.append(task.id)
        elif op == "skip" and series_ids:
            series_id = rng.choice(series_ids)
            start = store.get_task(series_id).day
            day = start + timedelta(days=rng.randrange(60))
            vid = f"{series_id}~{day:%Y%m%d}"
            if vid not in [t.id for t in store.tasks_for_day(day)]:
                continue  # skipped already
            say("B skip", vid)
            store.remove_task(vid)
        elif op == "import":
            from planner.transfer import export_json, import_json, validate_export

            other = Store.open(scratch / f"{seed}-{n}")
            day = random_day(rng, long)
            ids = [new_id() for _ in range(3)]
            for task_id in ids:
                other.add_task(new_task(id=task_id, title=f"imp-{task_id}", day=day))
            export = validate_export(export_json(other), "scratch")
            say("B import", day.isoformat(), ",".join(ids))
            import_json(store, export)
            known.extend(store.get_task(task_id) for task_id in ids)
        elif op == "export":
            from planner.transfer import export_json

            say("B export")
            export_json(store)
        elif op == "backup":
            say("B backup")
            with store.transaction():
                backups.snapshot(folder, store.record_files(), "manual", store.now())
        elif op == "reopen":
            say("B reopen")
            store = open_store()
        else:
            continue
        say("K")


def adder(folder: Path, tag: str, count: int) -> None:
    store = Store.open(folder, lock_timeout=60)
    say("READY")
    sys.stdin.readline()
    for i in range(count):
        task = store.add_task(new_task(id=new_id(), title=f"{tag}-{i}", day=TODAY))
        say("A", task.id)
    say("DONE")


def hold(folder: Path) -> None:
    store = Store.open(folder)
    with store.transaction():
        say("HELD")
        sys.stdin.readline()  # until killed, or told to let go


def fsize(folder: Path, limit: int) -> None:
    store = Store.open(folder)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        store.add_task(new_task(id=new_id(), title="big", day=TODAY, notes="x" * 200_000))
    except StoreError as error:
        say("ERR", error)
    else:
        say("OK")


def attempt(folder: Path) -> None:
    try:
        store = Store.open(folder)
        say("READ", len(store.tasks_for_day(TODAY)))
        store.add_task(new_task(id=new_id(), title="should not be saved", day=TODAY))
    except StoreError as error:
        say("ERR", error)
    else:
        say("OK")


def main(argv: list[str]) -> None:
    mode, folder = argv[0], Path(argv[1])
    if mode == "crash":
        crash(folder, int(argv[2]), int(argv[3]), argv[4], Path(argv[5]))
    elif mode == "adder":
        adder(folder, argv[2], int(argv[3]))
    elif mode == "hold":
        hold(folder)
    elif mode == "fsize":
        fsize(folder, int(argv[2]))
    elif mode == "try":
        attempt(folder)
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
