"""In-process figures: the store's writes and reads, and the insights, on generated histories."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from figures import Figure, interleaved, timed

from planner.insights import Period, load_insights
from planner.insights_load import SAVED_NAME
from planner.model import new_task
from planner.store import Store, new_id

#: A durable write on ten years of history may cost at most this many times one on one year
#: ("not growing with history", with room for the noise of a shared machine).
GROWTH_GOAL = 1.3
WRITE_GOAL = 15.0
INSIGHTS_GOAL = 300.0


def _add(store: Store, today: date) -> Callable[[], object]:
    return lambda: store.add_task(
        new_task(id=new_id(), title="Benchmark write", day=today, skills=("excel",))
    )


def bench_store(ten: Path, one: Path, today: date, runs: int) -> list[Figure]:
    """Durable writes and opening a day, ten years against one year of history."""
    stores = [Store.open(ten), Store.open(one)]
    for store in stores:
        _add(store, today)()  # the first write of a store may take the rolling backup
    ten_w, one_w = interleaved([_add(store, today) for store in stores], runs)

    def open_day(folder: Path) -> Callable[[], object]:
        def run() -> None:
            store = Store.open(folder)
            store.tasks_for_day(today)
            store.day_record(today)

        return run

    ten_o, one_o = interleaved([open_day(ten), open_day(one)], runs)
    return [
        Figure("store: durable write, ten-year history", ten_w, goal_median=WRITE_GOAL),
        Figure("store: durable write, one-year history", one_w),
        Figure(
            "store: durable write, ten years / one year",
            [a / b for a, b in zip(ten_w, one_w, strict=True)],
            unit="×",
            goal_median=GROWTH_GOAL,
            note="(not growing with history)",
        ),
        Figure("store: open a day (new store), ten-year history", ten_o),
        Figure("store: open a day (new store), one-year history", one_o),
    ]


def bench_backups(pristine: Path, work: Path, today: date, runs: int) -> list[Figure]:
    """The first write of a store when a rolling backup is due: the very first one of a record
    (every file copied) and an hourly one (unchanged files linked to the previous backup)."""
    first: list[float] = []
    for i in range(max(2, runs // 4)):
        folder = work / f"first-backup-{i}"
        shutil.copytree(pristine, folder)
        store = Store.open(folder)
        first += timed(_add(store, today), 1)
    folder = work / "first-backup-0"
    base = datetime.combine(today, datetime.min.time()) + timedelta(hours=8)
    hourly: list[float] = []
    for i in range(runs):
        when = base + timedelta(hours=2 * (i + 1))
        time.sleep(0.01)
        store = Store.open(folder, now=lambda when=when: when)
        hourly += timed(_add(store, today), 1)
    for i in range(max(2, runs // 4)):
        shutil.rmtree(work / f"first-backup-{i}", ignore_errors=True)
    return [
        Figure("store: first write on a record never backed up", first),
        Figure("store: first write of the hour (hourly backup)", hourly),
    ]


def bench_insights(folder: Path, today: date, runs: int) -> list[Figure]:
    """Insights per period on ten years: a new store each time (the first insights of a
    session), with the saved summaries and, for the first computation ever, without them."""
    saved = folder / SAVED_NAME
    load_insights(Store.open(folder), Period.MONTH, today)  # writes the saved summaries
    figures = []
    for period in Period:

        def load(period: Period = period) -> None:
            load_insights(Store.open(folder), period, today)

        figures.append(
            Figure(
                f"insights: {period.label}, new store",
                timed(load, runs),
                goal_median=INSIGHTS_GOAL,
            )
        )
    for period in (Period.MONTH, Period.YEAR):
        samples = []
        for _ in range(max(3, runs // 2)):
            saved.unlink(missing_ok=True)
            store = Store.open(folder)
            start = time.perf_counter()
            load_insights(store, period, today)
            samples.append((time.perf_counter() - start) * 1000)
        figures.append(
            Figure(
                f"insights: {period.label}, first ever (no {SAVED_NAME})",
                samples,
                goal_median=INSIGHTS_GOAL,
                note="all-time figures from ten years",
            )
        )
    return figures
