"""Insights: the figures of the insights screen, computed by pure functions over the record.

:func:`compute_insights` takes tasks, day records, purposes, skills and the profile and returns one
frozen :class:`Insights` for a :class:`Period` ending ``today``; :func:`load_insights` reads just
what that needs from a store (see :mod:`planner.insights_load`). The dataclasses live in
:mod:`planner.insights_types`. Nothing here imports Textual.

Choices, so the screen, the tests and the README agree:

* Periods end ``today`` and include it: a week is 7 days, a month 30, a quarter 91 (13 weeks) and a
  year 364 (52 weeks), so every period splits into whole buckets for the sparklines (a day each
  for a week or a month, a week each for a quarter or a year). Trends compare with the period of
  the same length just before.
* Counts of skills, purposes, stretch tasks and people are of tasks marked **done**. The stressful
  vs calm comparison looks at every task planned on those days (done or not, recurring ones too).
* A skill's level of growth comes from its all-time total of done tasks: see :data:`LEVELS`.
* Skills are listed when they were practised in the period or the one before, or (unless
  archived) at any time; purposes when they are not archived or were served in the period. An
  archived skill or purpose keeps its history and is flagged; a renamed one shows its current name.
* The stressful vs calm comparison is made only with at least :data:`MIN_DAYS_TO_COMPARE`
  stressful and as many calm rated days in the period; otherwise :attr:`Insights.comparison` is
  ``None`` and :attr:`Insights.comparison_note` says why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from planner.insights_types import (
    LEVELS,
    MIN_DAYS_TO_COMPARE,
    Coverage,
    DayComparison,
    DayGroup,
    Insights,
    PathInsight,
    PathSkill,
    Period,
    PurposeShare,
    Reflections,
    SkillInsight,
    StressDay,
    StressTrend,
    Stretch,
    level_for,
)
from planner.model import (
    DayRecord,
    Profile,
    Purpose,
    Skill,
    Task,
    clean_line,
    draft_statement,
    is_stressful,
    skill_name,
)

if TYPE_CHECKING:
    from planner.insights_load import HistoryCache
    from planner.store import Store

__all__ = [
    "LEVELS",
    "MIN_DAYS_TO_COMPARE",
    "Coverage",
    "DayComparison",
    "DayGroup",
    "Insights",
    "PathInsight",
    "PathSkill",
    "Period",
    "PurposeShare",
    "Reflections",
    "SkillInsight",
    "StressDay",
    "StressTrend",
    "Stretch",
    "compute_insights",
    "is_reflected",
    "level_for",
    "load_insights",
    "reflection_streak",
    "skill_totals",
]


def skill_totals(tasks: Iterable[Task]) -> dict[str, int]:
    """Done tasks per skill slug over ``tasks`` (all time when given every task)."""
    totals: Counter[str] = Counter()
    for task in tasks:
        if task.done:
            totals.update(set(task.skills))
    return dict(totals)


def is_reflected(record: DayRecord | None) -> bool:
    """True when the day has a saved reflection with at least one answer."""
    return record is not None and record.reflection is not None and not record.reflection.is_empty


def reflection_streak(reflected: Mapping[date, DayRecord] | Iterable[date], today: date) -> int:
    """Consecutive days reflected, ending today, or yesterday when today is not reflected yet.

    Takes day records by day, or simply the days that were reflected.
    """
    if isinstance(reflected, Mapping):
        days = {day for day, record in reflected.items() if is_reflected(record)}
    else:
        days = set(reflected)
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _ranked(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _newest_first(task: Task) -> tuple[date, int, str, str]:
    order, _minutes, created, task_id = task.sort_key()
    return (task.day, order, created, task_id)


def _once(values: tuple[str, ...]) -> Iterable[str]:
    """Each value once (tags are de-duplicated when saved; a hand-edited file may repeat one)."""
    return values if len(values) < 2 else dict.fromkeys(values)


class _Tally:
    """Done-task counts over one period, with a per-bucket breakdown for the sparklines."""

    def __init__(self, buckets: int) -> None:
        self.done = 0
        self.tied = 0
        self.skills: Counter[str] = Counter()
        self.purposes: Counter[str] = Counter()
        self.people: Counter[str] = Counter()
        self.stretch: list[Task] = []
        self.skill_buckets: dict[str, list[int]] = {}
        self.done_buckets = [0] * buckets
        self.tied_buckets = [0] * buckets
        self.stretch_buckets = [0] * buckets
        self._size = buckets

    def add(self, task: Task, bucket: int) -> None:
        self.done += 1
        self.done_buckets[bucket] += 1
        if task.purposes:
            self.tied += 1
            self.tied_buckets[bucket] += 1
        skills, purposes, people = self.skills, self.purposes, self.people
        for slug in _once(task.skills):
            skills[slug] += 1
            self.skill_buckets.setdefault(slug, [0] * self._size)[bucket] += 1
        for slug in _once(task.purposes):
            purposes[slug] += 1
        for name in _once(task.people):
            people[name] += 1
        if task.stretch:
            self.stretch.append(task)
            self.stretch_buckets[bucket] += 1


class _Group:
    """What happened on a set of rated days (stressful or calm), over every planned task."""

    def __init__(self) -> None:
        self.days: set[date] = set()
        self.tasks = 0
        self.done = 0
        self.tied = 0
        self.stretch = 0
        self.skills: Counter[str] = Counter()
        self.people: Counter[str] = Counter()

    def add(self, task: Task) -> None:
        self.tasks += 1
        self.done += task.done
        self.tied += bool(task.purposes)
        self.stretch += task.stretch
        skills, people = self.skills, self.people
        for slug in _once(task.skills):
            skills[slug] += 1
        for name in _once(task.people):
            people[name] += 1

    def result(self, names: Mapping[str, str]) -> DayGroup:
        skills = tuple((names.get(slug, skill_name(slug)), n) for slug, n in _ranked(self.skills))
        return DayGroup(
            days=len(self.days),
            tasks=self.tasks,
            done=self.done,
            tied=self.tied,
            stretch=self.stretch,
            skills=skills[:3],
            people=_ranked(self.people)[:3],
        )


def compute_insights(
    tasks: Iterable[Task],
    days: Mapping[date, DayRecord],
    purposes: Sequence[Purpose],
    skills: Sequence[Skill],
    profile: Profile,
    period: Period,
    today: date,
    *,
    totals: Mapping[str, int] | None = None,
    streak: int | None = None,
) -> Insights:
    """Every figure of the insights screen for ``period`` ending ``today`` (pure).

    ``tasks`` must hold the tasks of the period and of the period before it (others are ignored
    except for the totals), recurring occurrences included; ``days`` the day records of those two
    periods. ``totals`` are the all-time done tasks per skill (:func:`skill_totals`) and
    ``streak`` the reflection streak (:func:`reflection_streak`); when not given they are
    computed from ``tasks`` and ``days`` alone.

    ``tasks`` is walked once, before anything else reads ``days``, and is kept whole only when
    ``totals`` are not given: a loader may read the tasks as they are walked and fill ``days``
    as it goes, provided each task's day record is in ``days`` by the time the task comes.
    """
    first, last = period.range(today)
    previous_first, previous_last = period.previous(today)
    size = period.bucket_days
    buckets = period.days // size
    threshold = profile.stress_threshold
    task_list = list(tasks) if totals is None else None
    now, before = _Tally(buckets), _Tally(buckets)
    stressful_group, calm_group = _Group(), _Group()
    planned = 0
    for task in task_list if task_list is not None else tasks:
        if first <= task.day <= last:
            planned += 1
            if task.done:
                now.add(task, (task.day - first).days // size)
            record = days.get(task.day)
            if record is not None and record.stress is not None:
                group = stressful_group if is_stressful(record.stress, threshold) else calm_group
                group.add(task)
        elif previous_first <= task.day <= previous_last and task.done:
            before.add(task, (task.day - previous_first).days // size)
    all_totals = skill_totals(task_list) if task_list is not None else dict(totals or {})

    stress = _stress_trend(days, period, today, threshold)
    for point in stress.days:
        if point.rating is not None:
            (stressful_group if point.stressful else calm_group).days.add(point.day)

    names = {skill.slug: skill.name for skill in skills}
    archived_skills = {skill.slug for skill in skills if skill.archived}
    skill_rows = []
    for slug in dict.fromkeys([*names, *now.skills, *before.skills, *all_totals]):
        archived = slug in archived_skills
        done, earlier, total = now.skills[slug], before.skills[slug], all_totals.get(slug, 0)
        if not (done or earlier or (total and not archived)):
            continue
        series = tuple(now.skill_buckets.get(slug, [0] * buckets))
        skill_rows.append(
            SkillInsight(
                slug, names.get(slug) or skill_name(slug), archived, done, earlier, total, series
            )
        )
    skill_rows.sort(key=lambda s: (-s.done, -s.total, s.name.casefold()))

    coverage = _coverage(now, before, purposes)
    reflected = sum(
        1 for offset in range(period.days) if is_reflected(days.get(first + timedelta(days=offset)))
    )
    comparison, note = _comparison(stressful_group, calm_group, names, threshold)
    path = PathInsight(
        next_step=clean_line(profile.next_step).strip(),
        skills=tuple(
            PathSkill(
                slug,
                names.get(slug) or skill_name(slug),
                now.skills[slug],
                before.skills[slug],
                all_totals.get(slug, 0),
            )
            for slug in dict.fromkeys(profile.next_step_skills)
        ),
    )
    return Insights(
        period=period,
        today=today,
        first=first,
        last=last,
        threshold=threshold,
        planned=planned,
        done=now.done,
        stress=stress,
        skills=tuple(skill_rows),
        coverage=coverage,
        stretch=Stretch(
            count=len(now.stretch),
            previous=len(before.stretch),
            tasks=tuple(sorted(now.stretch, key=_newest_first, reverse=True)),
            series=tuple(now.stretch_buckets),
        ),
        people=_ranked(now.people),
        reflections=Reflections(
            streak=reflection_streak(days, today) if streak is None else streak,
            reflected=reflected,
            days=period.days,
        ),
        comparison=comparison,
        comparison_note=note,
        path=path,
    )


def _stress_trend(
    days: Mapping[date, DayRecord], period: Period, today: date, threshold: int
) -> StressTrend:
    first, _last = period.range(today)
    previous_first, _ = period.previous(today)
    points = []
    for offset in range(period.days):
        day = first + timedelta(days=offset)
        record = days.get(day)
        rating = record.stress if record is not None else None
        points.append(StressDay(day, rating, is_stressful(rating, threshold)))
    earlier = [
        record.stress
        for offset in range(period.days)
        if (record := days.get(previous_first + timedelta(days=offset))) is not None
        and record.stress is not None
    ]
    size = period.bucket_days
    bucket_avgs: list[float | None] = []
    bucket_stressful: list[int] = []
    for start in range(0, period.days, size):
        ratings = [p.rating for p in points[start : start + size] if p.rating is not None]
        bucket_avgs.append(sum(ratings) / len(ratings) if ratings else None)
        bucket_stressful.append(sum(p.stressful for p in points[start : start + size]))
    ratings = [p.rating for p in points if p.rating is not None]
    return StressTrend(
        days=tuple(points),
        threshold=threshold,
        average=sum(ratings) / len(ratings) if ratings else None,
        previous_average=sum(earlier) / len(earlier) if earlier else None,
        buckets=tuple(bucket_avgs),
        stressful_buckets=tuple(bucket_stressful),
    )


def _coverage(now: _Tally, before: _Tally, purposes: Sequence[Purpose]) -> Coverage:
    known = {purpose.slug: purpose for purpose in purposes}
    rows = []
    for slug in [*known, *sorted((set(now.purposes) | set(before.purposes)) - set(known))]:
        purpose = known.get(slug)
        archived = purpose is not None and purpose.archived
        if (archived or purpose is None) and not now.purposes[slug]:
            continue
        statement = purpose.statement if purpose is not None else draft_statement(slug)
        rows.append(
            PurposeShare(
                slug=slug,
                statement=statement,
                archived=archived,
                done=now.purposes[slug],
                share=_share(now.purposes[slug], now.done),
                previous_done=before.purposes[slug],
                previous_share=_share(before.purposes[slug], before.done),
            )
        )
    rows.sort(key=lambda row: -row.done)
    return Coverage(
        done=now.done,
        tied=now.tied,
        previous_done=before.done,
        previous_tied=before.tied,
        purposes=tuple(rows),
        series=tuple(_share(t, d) for t, d in zip(now.tied_buckets, now.done_buckets, strict=True)),
    )


def _comparison(
    stressful: _Group, calm: _Group, names: Mapping[str, str], threshold: int
) -> tuple[DayComparison | None, str]:
    n_stressful, n_calm = len(stressful.days), len(calm.days)
    if n_stressful < MIN_DAYS_TO_COMPARE or n_calm < MIN_DAYS_TO_COMPARE:
        return None, (
            f"Not enough rated days to compare yet: {n_stressful} stressful and {n_calm} calm "
            f"in this period; {MIN_DAYS_TO_COMPARE} of each are needed."
        )
    return DayComparison(stressful.result(names), calm.result(names), threshold), ""


def load_insights(
    store: Store, period: Period, today: date, *, cache: HistoryCache | None = None
) -> Insights:
    """Read what ``period`` needs from ``store`` and compute its insights.

    See :func:`planner.insights_load.load_insights`: the two periods' months, and the all-time
    totals and reflection streak from a cache of per-month summaries.
    """
    from planner.insights_load import load_insights as load

    return load(store, period, today, cache=cache)
