"""The shapes of the insights: the :class:`Period` they cover and frozen dataclasses of figures.

Computed by :func:`planner.insights.compute_insights`; rendered by the insights screen. Every
ratio is ``None`` when there is nothing to divide (no done tasks, no rated days), so the screen can
say "no data" instead of showing a misleading 0 %. Nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from planner.model import Task

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
    "level_for",
]

#: Levels of growth of a skill by its all-time total of done tasks, highest first: 200 or more
#: is "strong", 50 "practised", 10 "growing", 1 "started"; a skill never practised is "not
#: started". Roughly: a few weeks of occasional practice grows a skill, months make it
#: practised, a year or more of steady work makes it strong.
LEVELS: tuple[tuple[int, str], ...] = (
    (200, "strong"),
    (50, "practised"),
    (10, "growing"),
    (1, "started"),
)
NOT_STARTED = "not started"
#: The stressful vs calm comparison needs at least this many rated days of each kind.
MIN_DAYS_TO_COMPARE = 3


def level_for(total: int) -> str:
    """The named level of growth for an all-time total of done tasks (see :data:`LEVELS`)."""
    for at_least, name in LEVELS:
        if total >= at_least:
            return name
    return NOT_STARTED


def _trend(now: float, before: float) -> str:
    if now > before:
        return "up"
    if now < before:
        return "down"
    return "steady"


class Period(Enum):
    """A span of days ending today: (length in days, days per sparkline bucket)."""

    WEEK = (7, 1)
    MONTH = (30, 1)
    QUARTER = (91, 7)
    YEAR = (364, 7)

    @property
    def days(self) -> int:
        """How many days the period covers."""
        return self.value[0]

    @property
    def bucket_days(self) -> int:
        """How many days one point of a sparkline covers (the period splits into whole buckets)."""
        return self.value[1]

    @property
    def label(self) -> str:
        """The period in words: ``"week"``, ``"month"`` …"""
        return self.name.lower()

    def range(self, today: date) -> tuple[date, date]:
        """(first, last) day of the period ending ``today``, both included."""
        return today - timedelta(days=self.days - 1), today

    def previous(self, today: date) -> tuple[date, date]:
        """(first, last) day of the period of the same length just before, for trends."""
        first, _ = self.range(today)
        return first - timedelta(days=self.days), first - timedelta(days=1)

    def buckets(self, today: date) -> tuple[tuple[date, date], ...]:
        """(first, last) day of each sparkline bucket, oldest first."""
        first, _ = self.range(today)
        size = self.bucket_days
        return tuple(
            (first + timedelta(days=start), first + timedelta(days=start + size - 1))
            for start in range(0, self.days, size)
        )


@dataclass(frozen=True)
class StressDay:
    """One day of the stress chart; ``rating`` ``None`` is a day without a rating (a gap)."""

    day: date
    rating: int | None
    stressful: bool


@dataclass(frozen=True)
class StressTrend:
    """Stress over the period, day by day, with stressful days marked."""

    days: tuple[StressDay, ...]
    """Every day of the period, oldest first."""
    threshold: int
    average: float | None
    previous_average: float | None
    buckets: tuple[float | None, ...]
    """Average rating per bucket (``None``: no rating in it)."""
    stressful_buckets: tuple[int, ...]
    """Stressful days per bucket."""

    @property
    def rated(self) -> int:
        """Days with a rating."""
        return sum(1 for day in self.days if day.rating is not None)

    @property
    def stressful(self) -> int:
        """Stressful days."""
        return sum(1 for day in self.days if day.stressful)

    @property
    def stressful_days(self) -> tuple[date, ...]:
        """The stressful days, oldest first."""
        return tuple(day.day for day in self.days if day.stressful)

    def points(self) -> list[tuple[date, int | None, bool]]:
        """``(day, rating, stressful)`` per day, as the stress chart takes them."""
        return [(day.day, day.rating, day.stressful) for day in self.days]


@dataclass(frozen=True)
class SkillInsight:
    """One skill: done tasks in the period and the one before, its total and level."""

    slug: str
    name: str
    archived: bool
    done: int
    previous: int
    total: int
    """Done tasks for the skill, all time."""
    series: tuple[int, ...]
    """Done tasks per bucket of the period, for a sparkline."""

    @property
    def level(self) -> str:
        """The named level of growth (see :data:`LEVELS`)."""
        return level_for(self.total)

    @property
    def change(self) -> int:
        """Done in the period minus done in the period before."""
        return self.done - self.previous

    @property
    def trend(self) -> str:
        """``"up"``, ``"down"`` or ``"steady"`` against the period before."""
        return _trend(self.done, self.previous)


@dataclass(frozen=True)
class PurposeShare:
    """How many done tasks served one purpose, and their share of all done tasks."""

    slug: str
    statement: str
    archived: bool
    done: int
    share: float | None
    previous_done: int
    previous_share: float | None


@dataclass(frozen=True)
class Coverage:
    """Purpose coverage: the share of done tasks tied to any purpose, and per purpose."""

    done: int
    tied: int
    previous_done: int
    previous_tied: int
    purposes: tuple[PurposeShare, ...]
    """Most served first; a task serving two purposes counts for both."""
    series: tuple[float | None, ...]
    """The share per bucket (``None``: nothing done in it)."""

    @property
    def share(self) -> float | None:
        """Tied / done in the period."""
        return self.tied / self.done if self.done else None

    @property
    def previous_share(self) -> float | None:
        """Tied / done in the period before."""
        return self.previous_tied / self.previous_done if self.previous_done else None

    @property
    def change(self) -> float | None:
        """The share minus the previous share (``None`` if either is unknown)."""
        if self.share is None or self.previous_share is None:
            return None
        return self.share - self.previous_share


@dataclass(frozen=True)
class Stretch:
    """Done stretch tasks ("above and beyond")."""

    count: int
    previous: int
    tasks: tuple[Task, ...]
    """Most recent first."""
    series: tuple[int, ...]

    @property
    def trend(self) -> str:
        """``"up"``, ``"down"`` or ``"steady"`` against the period before."""
        return _trend(self.count, self.previous)


@dataclass(frozen=True)
class Reflections:
    """The reflection habit: the current streak and the share of the period's days reflected."""

    streak: int
    """Consecutive days reflected, ending today (or yesterday, before today's reflection)."""
    reflected: int
    days: int

    @property
    def share(self) -> float:
        """Reflected days / days in the period."""
        return self.reflected / self.days if self.days else 0.0


@dataclass(frozen=True)
class DayGroup:
    """Rated days of one kind (stressful or calm) and every task planned on them."""

    days: int
    tasks: int
    done: int
    tied: int
    stretch: int
    skills: tuple[tuple[str, int], ...]
    """(skill name, tasks) most present first, at most three."""
    people: tuple[tuple[str, int], ...]
    """(person, tasks) most present first, at most three."""

    @property
    def tasks_per_day(self) -> float:
        """Tasks planned per day."""
        return self.tasks / self.days if self.days else 0.0

    @property
    def done_per_day(self) -> float:
        """Tasks done per day."""
        return self.done / self.days if self.days else 0.0

    @property
    def stretch_per_day(self) -> float:
        """Stretch tasks per day."""
        return self.stretch / self.days if self.days else 0.0

    @property
    def purpose_share(self) -> float | None:
        """The share of the tasks tied to a purpose."""
        return self.tied / self.tasks if self.tasks else None


def _percent(value: float | None) -> str:
    return "no tasks" if value is None else f"{round(value * 100)}%"


def _names(pairs: tuple[tuple[str, int], ...], prefix: str = "") -> str:
    return ", ".join(prefix + name for name, _ in pairs) if pairs else "none"


@dataclass(frozen=True)
class DayComparison:
    """What differs between stressful and calm days, in the user's own record."""

    stressful: DayGroup
    calm: DayGroup
    threshold: int

    def statements(self) -> tuple[str, ...]:
        """The comparison in plain sentences, calm days first."""
        calm, hard = self.calm, self.stressful
        return (
            f"Tied to a purpose: {_percent(calm.purpose_share)} of tasks on calm days, "
            f"{_percent(hard.purpose_share)} on stressful days.",
            f"Tasks planned per day: {calm.tasks_per_day:.1f} on calm days, "
            f"{hard.tasks_per_day:.1f} on stressful days.",
            f"Stretch tasks per day: {calm.stretch_per_day:.1f} on calm days, "
            f"{hard.stretch_per_day:.1f} on stressful days.",
            f"Skills most present: {_names(calm.skills)} on calm days; "
            f"{_names(hard.skills)} on stressful days.",
            f"People most present: {_names(calm.people, '@')} on calm days; "
            f"{_names(hard.people, '@')} on stressful days.",
        )


@dataclass(frozen=True)
class PathSkill:
    """A skill the next step needs, and the growth toward it."""

    slug: str
    name: str
    done: int
    previous: int
    total: int

    @property
    def level(self) -> str:
        """The named level of growth (see :data:`LEVELS`)."""
        return level_for(self.total)


@dataclass(frozen=True)
class PathInsight:
    """The path: the next step and the skills the profile ties to it."""

    next_step: str
    skills: tuple[PathSkill, ...]


@dataclass(frozen=True)
class Insights:
    """Everything the insights screen shows for one period."""

    period: Period
    today: date
    first: date
    last: date
    threshold: int
    planned: int
    """Tasks on the period's days (done or not)."""
    done: int
    """Done tasks in the period."""
    stress: StressTrend
    skills: tuple[SkillInsight, ...]
    coverage: Coverage
    stretch: Stretch
    people: tuple[tuple[str, int], ...]
    """(person, done tasks) most first."""
    reflections: Reflections
    comparison: DayComparison | None
    comparison_note: str
    """Why there is no comparison (empty when there is one)."""
    path: PathInsight

    @property
    def is_empty(self) -> bool:
        """Nothing planned, rated or reflected in the period."""
        return not self.planned and not self.stress.rated and not self.reflections.reflected
