"""Loading the insights from a record fast and in little memory, however long its history.

A period's figures need the tasks and day records of the period and of the one before it (at
most 25 month files, for a year). Two figures need the whole history: each skill's all-time total
and the reflection streak. A :class:`HistoryCache` (one per open store) keeps, for every month
file, a small :class:`MonthSummary` (done tasks per skill, days reflected), and the decoded tasks
and day records of the recent months only (those overlapping the last :data:`DETAIL_DAYS`: the
week's and the month's figures, and the day screen's count of skill growth). Each entry is keyed
by the file's identity (device, inode, modification time, size) like the store's own cache, so a
month is read again only when it changed; a file changed in the last two seconds is not trusted
to the cache (a replacement within one timestamp tick could keep the same key).

The older months a quarter or a year needs are read and decoded one at a time while the figures
are counted (:attr:`History.tasks` is read as it is iterated), and dropped once counted: a year
never holds two years of decoded tasks at once, and nothing of them stays after the count.

The summaries are also saved beside the record, in ``.insights-cache.json``: without them the
first insights of a session would parse ten years of files (about 12 MB of JSON, 150–300 ms)
just for the totals. It is a derived file: never backed up, safe to delete, rebuilt when missing,
unreadable or stale, written atomically without an fsync, and not written at all when the folder
is read-only.

Month files are read here straight from disk rather than through the store's cache: decoded
tasks take a quarter of the memory of the parsed documents, and ten years of parsed documents
(about 100 MB) must never be held at once. The documents are decoded with the store's own
decoders (:mod:`planner.documents`), and a file of the wrong shape raises the store's
:class:`~planner.storage.RecordError` naming it.

Nothing here imports Textual; the insights screen calls :func:`load_insights` in a worker thread.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
import time
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from planner.documents import DocumentError, doc_to_day, doc_to_reflection, doc_to_task
from planner.insights import compute_insights, is_reflected, reflection_streak
from planner.insights_types import Insights, Period
from planner.model import DayRecord, Task
from planner.storage import TEMP_SUFFIX, RecordError, file_identity, read_json
from planner.store import Store

__all__ = [
    "DETAIL_DAYS",
    "SAVED_NAME",
    "HistoryCache",
    "MonthSummary",
    "history_cache",
    "load_insights",
    "summarise_month",
]

StatKey = tuple[int, int, int, int]
#: Months overlapping the last this many days keep their decoded tasks: the week and the month
#: and the period before each (and the day screen's 30-day skill growth) fall within them, so
#: those are counted without reading a file that did not change. Older months are decoded only
#: while a quarter or a year is counted (see :class:`History`).
DETAIL_DAYS = 2 * Period.MONTH.days
#: A file modified more recently than this is read but not cached (see the module docstring).
SETTLED_NS = 2_000_000_000


@dataclass(frozen=True)
class MonthSummary:
    """What the all-time figures need from one month file."""

    skills: Mapping[str, int]
    """Done tasks per skill slug."""
    reflected: frozenset[date]
    """Days with a saved reflection that has an answer."""


@dataclass(frozen=True)
class _Month:
    key: StatKey
    summary: MonthSummary
    tasks: tuple[Task, ...] | None
    """Decoded tasks, kept only for recent months."""
    days: tuple[DayRecord, ...] | None


def _month_bounds(name: str) -> tuple[date, date]:
    first = date(int(name[:4]), int(name[5:7]), 1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def summarise_month(data: Mapping[str, Any] | None, path: Path) -> MonthSummary:
    """Reduce the parsed contents of a month file; a wrong field raises :class:`RecordError`.

    Works on the documents directly (no decoding of whole tasks): this is the pass over every
    month of the history.
    """
    skills: Counter[str] = Counter()
    reflected: set[date] = set()
    if not data:
        return MonthSummary({}, frozenset())
    for doc in (data.get("tasks") or {}).values():
        if not isinstance(doc, dict):
            raise RecordError(path, "wrong shape: a task is not an object")
        if doc.get("done") is not True:
            continue
        slugs = doc.get("skills") or []
        if not isinstance(slugs, list) or not all(isinstance(s, str) for s in slugs):
            raise RecordError(path, f"wrong shape: task {doc.get('id')!r}: bad 'skills'")
        skills.update(set(slugs))
    for doc in (data.get("days") or {}).values():
        if not isinstance(doc, dict):
            raise RecordError(path, "wrong shape: a day is not an object")
        if doc.get("reflection") is None:
            continue
        try:
            reflection = doc_to_reflection(doc.get("reflection"))
            day = date.fromisoformat(doc["day"])
        except (DocumentError, KeyError, TypeError, ValueError) as error:
            raise RecordError(path, f"wrong shape: day {doc.get('day')!r}: {error}") from None
        if reflection is not None and not reflection.is_empty:
            reflected.add(day)
    return MonthSummary(dict(skills), frozenset(reflected))


def _decode_month(data: Mapping[str, Any] | None, path: Path) -> tuple[list[Task], list[DayRecord]]:
    if not data:
        return [], []
    try:
        tasks = [doc_to_task(doc) for doc in (data.get("tasks") or {}).values()]
        days = [doc_to_day(doc) for doc in (data.get("days") or {}).values()]
    except (DocumentError, AttributeError, TypeError) as error:
        raise RecordError(path, f"wrong shape: {error}") from None
    return tasks, days


def _summary_of(tasks: Iterable[Task], days: Iterable[DayRecord]) -> MonthSummary:
    skills: Counter[str] = Counter()
    for task in tasks:
        if task.done:
            skills.update(set(task.skills))
    reflected = frozenset(record.day for record in days if is_reflected(record))
    return MonthSummary(dict(skills), reflected)


def _stat_key(path: Path) -> tuple[StatKey, int] | None:
    """The file's identity and modification time, or ``None`` when it is gone."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise RecordError(path, error.strerror or str(error)) from error
    return file_identity(st), st.st_mtime_ns


class History:
    """What :meth:`HistoryCache.load` returns: the all-time figures, and the tasks and day
    records of ``first…last``.

    :attr:`tasks` reads the months it needs as it is iterated, a month at a time (the recent ones
    from the cache, the others from disk, decoded and dropped once passed), and fills
    :attr:`days` as it goes: a month's day records are in :attr:`days` before the first of its
    tasks is yielded, and all of them once the iteration is over. A month file of the wrong shape
    raises :class:`RecordError` from the iteration.
    """

    def __init__(
        self,
        months: list[tuple[Path, _Month]],
        first: date,
        last: date,
        totals: dict[str, int],
        reflected: frozenset[date],
    ) -> None:
        self.totals = totals
        """All-time done tasks per skill."""
        self.reflected = reflected
        """Every day reflected, all time."""
        self.days: dict[date, DayRecord] = {}
        """Day records with ``first <= day <= last`` (complete once :attr:`tasks` was iterated)."""
        self.tasks: Iterable[Task] = _MonthTasks(self.days, months, first, last)
        """Stored tasks with ``first <= day <= last``, read as they are iterated."""


class _MonthTasks:
    """The tasks of :class:`History`, month by month; each iteration reads them anew."""

    def __init__(
        self,
        days: dict[date, DayRecord],
        months: list[tuple[Path, _Month]],
        first: date,
        last: date,
    ) -> None:
        self._days = days
        self._months = months
        self._first = first
        self._last = last

    def __iter__(self) -> Iterator[Task]:
        first, last, days = self._first, self._last, self._days
        for path, entry in self._months:
            tasks: Iterable[Task]
            records: Iterable[DayRecord]
            if entry.tasks is not None and entry.days is not None:
                tasks, records = entry.tasks, entry.days
            else:
                data = read_json(path)  # None when gone since: nothing to count
                tasks, records = _decode_month(data, path)
                del data  # the parsed documents go before the month's tasks are counted
            days.update((r.day, r) for r in records if first <= r.day <= last)
            yield from (t for t in tasks if first <= t.day <= last)


class HistoryCache:
    """Per-month summaries of one record folder (and recent months decoded), read only when
    a month file changed; saved to ``saved`` when given. Safe to share between threads."""

    def __init__(self, saved: Path | None = None) -> None:
        self._months: dict[str, _Month] = {}
        self._lock = threading.Lock()
        self._saved = saved
        self._loaded_saved = saved is None

    def __len__(self) -> int:
        return len(self._months)

    def decoded(self) -> list[str]:
        """The month files whose decoded tasks are kept (the recent ones), oldest first."""
        with self._lock:
            return sorted(name for name, entry in self._months.items() if entry.tasks is not None)

    def load(self, folder: Path, names: Iterable[str], first: date, last: date) -> History:
        """Read what changed among the month files ``names`` and return the history.

        The summaries are brought up to date now; the tasks of ``first…last`` are read when
        :attr:`History.tasks` is iterated.
        """
        started = time.time_ns()
        detail_from = last - timedelta(days=DETAIL_DAYS - 1)
        with self._lock:
            if not self._loaded_saved and self._saved is not None:
                self._months = {**_read_saved(self._saved), **self._months}
                self._loaded_saved = True
            cached = dict(self._months)
        current: dict[str, _Month] = {}
        keep: dict[str, _Month] = {}
        wanted: list[tuple[Path, _Month]] = []
        for name in names:
            path = folder / name
            stat = _stat_key(path)
            if stat is None:
                continue
            key, mtime_ns = stat
            month_first, month_last = _month_bounds(name)
            needed = month_last >= first and month_first <= last
            recent = month_last >= detail_from and month_first <= last
            entry = cached.get(name)
            if entry is None or entry.key != key or (needed and recent and entry.tasks is None):
                entry = self._read(path, key, detailed=recent)
                if entry is None:
                    continue
            elif entry.tasks is not None and not recent:
                entry = _Month(entry.key, entry.summary, None, None)  # too old to keep decoded
            current[name] = entry
            if started - mtime_ns > SETTLED_NS:
                keep[name] = entry
            if needed:
                wanted.append((path, entry))
        with self._lock:
            changed = _summaries(self._months) != _summaries(keep)
            self._months = keep
        if changed and self._saved is not None:
            _write_saved(self._saved, keep)
        totals: Counter[str] = Counter()
        reflected: set[date] = set()
        for entry in current.values():
            totals.update(entry.summary.skills)
            reflected.update(entry.summary.reflected)
        return History(wanted, first, last, dict(totals), frozenset(reflected))

    @staticmethod
    def _read(path: Path, key: StatKey, detailed: bool) -> _Month | None:
        data: dict[str, Any] | None = None
        with contextlib.suppress(FileNotFoundError):
            data = read_json(path)
        if data is None:
            return None
        if not detailed:
            return _Month(key, summarise_month(data, path), None, None)
        tasks, days = _decode_month(data, path)
        return _Month(key, _summary_of(tasks, days), tuple(tasks), tuple(days))


#: The summaries are also kept on disk, beside the record, so that the first insights of a
#: session need not read ten years of files: a derived file, safe to delete, never backed up.
SAVED_NAME = ".insights-cache.json"
SAVED_VERSION = 1


def _summaries(months: Mapping[str, _Month]) -> dict[str, tuple[StatKey, MonthSummary]]:
    return {name: (entry.key, entry.summary) for name, entry in months.items()}


def _reflected_bits(days: frozenset[date]) -> int:
    return sum(1 << (day.day - 1) for day in days)


def _read_saved(path: Path) -> dict[str, _Month]:
    """The saved summaries; anything unreadable counts as no cache (it is rebuilt)."""
    try:
        data = json.loads(path.read_bytes())
        if data.get("version") != SAVED_VERSION:
            return {}
        months: dict[str, _Month] = {}
        for name, item in data["months"].items():
            first, _ = _month_bounds(name)
            bits = int(item["reflected"])
            reflected = frozenset(first.replace(day=n + 1) for n in range(31) if bits >> n & 1)
            skills = {str(slug): int(count) for slug, count in item["skills"].items()}
            raw_key = [int(part) for part in item["key"]]
            if len(raw_key) != 4:
                continue
            key: StatKey = (raw_key[0], raw_key[1], raw_key[2], raw_key[3])
            months[name] = _Month(key, MonthSummary(skills, reflected), None, None)
        return months
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _write_saved(path: Path, months: Mapping[str, _Month]) -> None:
    """Replace the saved summaries (atomically; not fsynced: it is only a cache)."""
    data = {
        "version": SAVED_VERSION,
        "months": {
            name: {
                "key": list(entry.key),
                "skills": dict(entry.summary.skills),
                "reflected": _reflected_bits(entry.summary.reflected),
            }
            for name, entry in sorted(months.items())
        },
    }
    tmp_name = None
    try:
        # Named like the store's temporary files, so a stray one is cleaned up on open.
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent
        )
        with os.fdopen(fd, "wb") as handle:
            handle.write(json.dumps(data, separators=(",", ":")).encode())
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError:
        pass  # a read-only folder or a full disk: insights still work, just slower next time
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


_CACHES: weakref.WeakKeyDictionary[Store, HistoryCache] = weakref.WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


def history_cache(store: Store) -> HistoryCache:
    """The cache that lives as long as ``store`` (one per open record)."""
    with _CACHES_LOCK:
        cache = _CACHES.get(store)
        if cache is None:
            cache = _CACHES[store] = HistoryCache(store.folder / SAVED_NAME)
        return cache


def _with_occurrences(
    store: Store, stored: Iterable[Task], first: date, last: date
) -> Iterator[Task]:
    """The stored tasks, then the untouched occurrences of recurring series in ``first…last``
    (known only once every stored task has passed)."""
    all_series = store.series()
    if not all_series:
        yield from stored
        return
    from planner.dates import occurrences_between
    from planner.series import VIRTUAL_SEP

    taken: set[str] = set()
    for task in stored:
        if VIRTUAL_SEP in task.id:  # only an occurrence's id can be an occurrence's id
            taken.add(task.id)
        yield task
    for series in all_series:
        rule = series.template.recurrence
        if not rule:
            continue
        # A rule this version cannot read shows no occurrences, as on the day screen.
        with contextlib.suppress(ValueError):
            for day in occurrences_between(rule, series.template.day, first, last):
                if day in series.exdates:
                    continue
                occurrence = series.occurrence(day)
                if occurrence.id not in taken:
                    yield occurrence


def load_insights(
    store: Store, period: Period, today: date, *, cache: HistoryCache | None = None
) -> Insights:
    """Read what ``period`` ending ``today`` needs from ``store`` and compute its insights.

    The month files come through ``cache`` (by default the one kept for ``store``), which reads
    only the files that changed since the last call and, for a quarter or a year, the older
    months one at a time while they are counted; the purposes, skills, profile and recurring
    series come from the store.
    """
    cache = cache if cache is not None else history_cache(store)
    first, last = period.previous(today)[0], today
    history = cache.load(store.folder, store.month_files(), first, last)
    # Untouched occurrences are never done, and the period before counts only done tasks.
    tasks = _with_occurrences(store, history.tasks, period.range(today)[0], last)
    # history.days fills as the tasks are read: each month's day records come before its tasks,
    # which is all compute_insights needs while it walks them (see its docstring).
    return compute_insights(
        tasks,
        history.days,
        store.purposes(),
        store.skills(),
        store.profile(),
        period,
        today,
        totals=history.totals,
        streak=reflection_streak(history.reflected, today),
    )
