"""Sample records: a few weeks to explore the app (``planner demo``), and years for benchmarks.

:func:`make_demo` writes a small, lively record through the :class:`~planner.store.Store` API:
purposes with real statements, skills, people, tasks tied to them on most days, stretch tasks, two
recurring series, ratings with some stressful days, reflections, a next step and the skills it
needs. :func:`make_history` writes the ten-year history the benchmarks run on; it writes each month
file whole (the same documents the store writes) because one store call per task would take
minutes. Both are deterministic for a seed and never read the real clock: ``today`` is passed in.

Command line, for benchmarks::

    python -m planner.demo history DIR [--years N] [--today YYYY-MM-DD] [--seed N]
    python -m planner.demo sample DIR [--weeks N] [--today YYYY-MM-DD]
    python -m planner.demo time-insights DIR [--today YYYY-MM-DD] [--runs N]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from planner.demo_words import (
    ANSWERS,
    KINDS,
    NEXT_STEP,
    NEXT_STEP_SKILLS,
    PEOPLE,
    PURPOSES,
    SKILLS,
    Kind,
)
from planner.documents import day_to_doc, task_to_doc
from planner.model import DayRecord, Profile, Purpose, Reflection, Skill, Task
from planner.storage import StoreError, atomic_write, dump_json
from planner.store import Store, month_name, virtual_id

__all__ = ["PEOPLE", "PURPOSES", "SKILLS", "main", "make_demo", "make_history"]


def _who(rng: random.Random) -> str:
    return rng.choice(PEOPLE)


def _one_off(rng: random.Random, kind: Kind, day: date) -> Task:
    """One sample task of ``kind`` on ``day``; its order and done mark are set by :func:`_day`."""
    person = _who(rng) if kind.with_person else ""
    timed = rng.random() < 0.35
    return Task(
        id=new_id_from(rng),
        title=kind.title.format(who=person.capitalize()),
        day=day,
        time=time(rng.randint(9, 16), rng.choice((0, 30))) if timed else None,
        purposes=kind.purposes,
        skills=kind.skills,
        people=(person,) if person else (),
        stretch=rng.random() < kind.stretch,
        created=f"{day.isoformat()}T08:00:00",
    )


def _day(
    rng: random.Random,
    day: date,
    count: int,
    occurrences: list[Task],
    done: Callable[[int, int], bool],
) -> list[Task]:
    """A day's stored tasks: ``occurrences`` of series plus one-off tasks up to ``count``.

    Each kind appears once a day; timed tasks come first, by time, as the store orders a day.
    ``done(position, count)`` says whether the task at that position is done.
    """
    kinds = rng.sample(KINDS, min(len(KINDS), max(0, count - len(occurrences))))
    tasks = occurrences[:count] + [_one_off(rng, kind, day) for kind in kinds]
    tasks.sort(key=lambda t: t.time.hour * 60 + t.time.minute if t.time else 24 * 60)
    return [
        task.with_changes(order=position, done=done(position, len(tasks)))
        for position, task in enumerate(tasks)
    ]


def _occurrence(template: Task, day: date) -> Task:
    """The occurrence of a series on ``day``, stored as the store stores a touched one."""
    return template.with_changes(id=virtual_id(template.id, day), day=day, series=template.id)


def new_id_from(rng: random.Random) -> str:
    """A task id like :func:`planner.store.new_id`, drawn from ``rng`` so samples are repeatable."""
    return f"{rng.getrandbits(48):012x}"


def _reflection(rng: random.Random, day: date) -> Reflection:
    answers = {
        name: rng.choice(options).format(who=_who(rng).capitalize())
        for name, options in ANSWERS.items()
    }
    return Reflection(**answers, saved_at=f"{day.isoformat()}T18:00:00")


def _rating(rng: random.Random, weekday: bool) -> int:
    """Working days are sometimes hard (about a quarter stressful); weekends mostly calm."""
    weights = (15, 30, 28, 18, 9) if weekday else (45, 35, 15, 4, 1)
    return rng.choices((1, 2, 3, 4, 5), weights)[0]


def _open_empty(folder: Path, today: date) -> Store:
    """Open a new record in ``folder``; a sample is never written over someone's record."""
    store = Store.open(folder, now=lambda: datetime.combine(today, time(18, 0)))
    if not store.is_empty():
        raise StoreError(f"{folder} already holds a record: a sample is only written to a new one")
    return store


def _save_meta(store: Store) -> None:
    for slug, statement in PURPOSES:
        store.save_purpose(Purpose(slug, statement))
    for slug, name in SKILLS:
        store.save_skill(Skill(slug, name))
    store.save_profile(
        Profile(next_step=NEXT_STEP, next_step_skills=NEXT_STEP_SKILLS, welcomed=True)
    )


def _series_templates(start: date) -> list[Task]:
    """The sample recurring series: a stand-up every weekday and a weekly one-to-one."""
    return [
        Task(
            id="demo-standup",
            title="Team stand-up",
            day=start,
            time=time(9, 30),
            purposes=("team-lead",),
            skills=("public-speaking",),
            recurrence="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            created=f"{start}T08:00:00",
        ),
        Task(
            id="demo-one-to-one",
            title="One-to-one with Priya",
            day=start,
            time=time(14, 0),
            purposes=("help-others",),
            skills=("mentoring",),
            people=("priya",),
            recurrence="FREQ=WEEKLY;BYDAY=MO",
            created=f"{start}T08:00:00",
        ),
    ]


def make_demo(folder: Path, today: date, *, weeks: int = 6, seed: int = 7) -> None:
    """Write a sample record of ``weeks`` weeks ending ``today``, and a plan for tomorrow.

    Deterministic for a seed. The record has stressful days, reflections on most rated days,
    stretch tasks, two recurring series, and yesterday a calm day whose intention today's header
    shows; today itself is left unrated so the user can rate it.
    """
    rng = random.Random(seed)
    store = _open_empty(folder, today)
    _save_meta(store)
    start = today - timedelta(days=weeks * 7 - 1)
    templates = _series_templates(start)
    for template in templates:
        store.add_task(template)
    records: list[DayRecord] = []
    tasks: list[Task] = []
    day = start
    while day <= today + timedelta(days=1):
        weekday = day.weekday() < 5
        count = rng.randint(4, 7) if weekday else rng.choice((0, 0, 1))
        occurrences = [
            _occurrence(template, day)
            for template in templates
            if weekday and day <= today and _occurs(template, day) and rng.random() < 0.9
        ]

        def done(position: int, count: int, day: date = day) -> bool:
            if day == today:
                return position < count // 2
            return day < today and rng.random() < 0.85

        tasks.extend(_day(rng, day, count, occurrences, done))
        if day < today and (weekday or rng.random() < 0.4):
            stress = 2 if day == today - timedelta(days=1) else _rating(rng, weekday)
            reflected = day == today - timedelta(days=1) or rng.random() < 0.85
            records.append(DayRecord(day, stress, _reflection(rng, day) if reflected else None))
        day += timedelta(days=1)
    _write_batched(store, tasks, records)


def _occurs(template: Task, day: date) -> bool:
    from planner.dates import occurs_on

    return template.recurrence is not None and occurs_on(template.recurrence, template.day, day)


def _write_batched(store: Store, tasks: list[Task], records: list[DayRecord]) -> None:
    """Write tasks and day records one month file at a time, under the store's lock.

    Going through :meth:`Store.transaction` keeps the store's atomic writes and backups, while
    costing one durable write per month instead of one per task.
    """
    months = sorted({month_name(t.day) for t in tasks} | {month_name(r.day) for r in records})
    for name in months:
        with store.transaction(name) as dbs:
            db = dbs[name]
            db.table("tasks").insert_multiple(
                task_to_doc(t) for t in tasks if month_name(t.day) == name
            )
            db.table("days").insert_multiple(
                day_to_doc(r) for r in records if month_name(r.day) == name
            )


def make_history(
    folder: Path, today: date, *, years: float = 10, tasks_per_day: int = 10, seed: int = 1
) -> dict[str, int]:
    """Write a long history ending ``today`` for benchmarks; returns what was written.

    About ``years * 365`` days, each with ``tasks_per_day`` stored tasks (one-off tasks tied to the
    sample purposes, skills and people, plus the done occurrences of three recurring series), a
    rating and a reflection. Month files are built in memory and written whole with
    :func:`~planner.storage.atomic_write`, in the shapes the store writes; the profile, purposes,
    skills and series go through the store API.
    """
    rng = random.Random(seed)
    n_days = max(1, round(years * 365))
    start = today - timedelta(days=n_days - 1)
    store = _open_empty(folder, today)
    _save_meta(store)
    templates = [
        *_series_templates(start),
        Task(
            id="demo-monthly-close",
            title="Close the month's books",
            day=start,
            purposes=("master-craft",),
            skills=("excel",),
            recurrence="FREQ=MONTHLY",
            created=f"{start}T08:00:00",
        ),
    ]
    for template in templates:
        store.add_task(template)
    months: dict[str, dict[str, dict[str, object]]] = {}
    counts = {"days": n_days, "tasks": 0, "rated_days": 0, "reflections": 0}
    for offset in range(n_days):
        day = start + timedelta(days=offset)
        month = months.setdefault(month_name(day), {"tasks": {}, "days": {}})
        occurrences = [
            _occurrence(template, day)
            for template in templates
            if _occurs(template, day) and (day < today or rng.random() < 0.5)
        ]

        def done(position: int, count: int, day: date = day) -> bool:
            return rng.random() < (0.85 if day < today else 0.5)

        day_tasks = _day(rng, day, tasks_per_day, occurrences, done)
        tasks_table, days_table = month["tasks"], month["days"]
        for task in day_tasks:
            tasks_table[str(len(tasks_table) + 1)] = task_to_doc(task)
        record = DayRecord(day, _rating(rng, day.weekday() < 5), _reflection(rng, day))
        days_table[str(len(days_table) + 1)] = day_to_doc(record)
        counts["tasks"] += len(day_tasks)
        counts["rated_days"] += 1
        counts["reflections"] += 1
    for name, tables in months.items():
        atomic_write(store.folder / name, dump_json(tables))
    counts["months"] = len(months)
    counts["series"] = len(templates)
    return counts


def _time_insights(folder: Path, today: date, runs: int) -> None:
    """Print the median, min and max time of :func:`planner.insights.load_insights` per period.

    "first": a new store and no saved summaries (the very first insights on this record);
    "cold": a new store every run (the first insights of a session); "warm": one store reused
    after a first call, as when the user switches periods.
    """
    import statistics
    import time as clock

    from planner.insights import Period, load_insights
    from planner.insights_load import HistoryCache

    warm_store = Store.open(folder)
    for period in Period:
        load_insights(warm_store, period, today)
    for label in ("first", "cold", "warm"):
        for period in Period:
            times: list[float] = []
            for _ in range(runs):
                store = warm_store if label == "warm" else Store.open(folder)
                cache = HistoryCache() if label == "first" else None
                begin = clock.perf_counter()
                load_insights(store, period, today, cache=cache)
                times.append((clock.perf_counter() - begin) * 1000)
            print(
                f"{label:5} {period.label:8} median {statistics.median(times):6.1f} ms"
                f"   min {min(times):6.1f}   max {max(times):6.1f}   ({runs} runs)"
            )


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m planner.demo``: generate sample records and time insights over them."""
    parser = argparse.ArgumentParser(prog="python -m planner.demo", description=main.__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    history = commands.add_parser("history", help="write a long history for benchmarks")
    history.add_argument("folder", type=Path)
    history.add_argument("--years", type=float, default=10.0)
    history.add_argument("--tasks-per-day", type=int, default=10)
    history.add_argument("--seed", type=int, default=1)
    sample = commands.add_parser("sample", help="write the few-weeks sample record")
    sample.add_argument("folder", type=Path)
    sample.add_argument("--weeks", type=int, default=6)
    sample.add_argument("--seed", type=int, default=7)
    timing = commands.add_parser("time-insights", help="time load_insights for every period")
    timing.add_argument("folder", type=Path)
    timing.add_argument("--runs", type=int, default=7)
    for command in (history, sample, timing):
        command.add_argument("--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
    args = parser.parse_args(argv)
    # The command line is a tool for benchmarks: only here is the real clock a fair default.
    today: date = args.today or date.today()
    if args.command == "history":
        begin = datetime.now()
        counts = make_history(
            args.folder, today, years=args.years, tasks_per_day=args.tasks_per_day, seed=args.seed
        )
        seconds = (datetime.now() - begin).total_seconds()
        print(", ".join(f"{key} {value}" for key, value in counts.items()), f"({seconds:.1f} s)")
    elif args.command == "sample":
        make_demo(args.folder, today, weeks=args.weeks, seed=args.seed)
        print(f"sample record written to {args.folder}")
    else:
        _time_insights(args.folder, today, max(1, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
