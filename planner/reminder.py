"""The purpose reminder's evidence: what the user's own record says on a hard day.

Pure computations over the record (:func:`compute_reminder`, :func:`should_auto_remind`) and one
loader (:func:`build_reminder`) that reads only what they need from the store. Nothing here imports
Textual; the reminder screen renders a :class:`ReminderEvidence`.

Choices, so the screen and the tests agree:

* The windows are day-based and include ``today``: the last 30 days are ``today - 29 … today``,
  the 30 before are ``today - 59 … today - 30``. Only tasks marked done count as evidence.
* Purposes shown are the non-archived ones, in the order the user made them; draft purposes (made
  from a ``#tag``) are shown too, since they are still the user's. Archived purposes and skills are
  left out: the user put them aside.
* A skill is listed when it was practised in the last 30 days, most practised first, under its
  current name (a skill never registered is named from its slug).
* The calm line comes only from a day with a rating *below* the stress threshold (an unrated day
  is not known to be calm). The answer to "how did today serve my why" is preferred, then "what did
  I learn", then "who did I help"; for the preferred kind of answer, the most recent calm day that
  has one wins. Only its first non-empty line is kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from planner.model import DayRecord, Profile, Purpose, Skill, Task, clean_line, skill_name

if TYPE_CHECKING:
    from planner.store import Store

__all__ = [
    "CALM_SEARCH_DAYS",
    "PurposeEvidence",
    "ReminderEvidence",
    "SkillGrowth",
    "build_reminder",
    "calm_line",
    "compute_reminder",
    "first_line",
    "should_auto_remind",
]

WINDOW = 30
#: How far back a calm day's line is looked for.
CALM_SEARCH_DAYS = 365
RECENT_TITLES = 3
#: The reflection answers a calm line is taken from, most wanted first.
CALM_FIELDS = ("served_why", "learned", "helped")
MAX_LINE = 240


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


@dataclass(frozen=True)
class PurposeEvidence:
    """One purpose and what was done for it in the last 30 days."""

    purpose: Purpose
    done_30: int
    recent_titles: tuple[str, ...]
    """Up to three titles of the most recent done tasks for it (each title once)."""


@dataclass(frozen=True)
class SkillGrowth:
    """Done tasks for a skill in the last 30 days against the 30 before."""

    slug: str
    name: str
    last_30: int
    previous_30: int

    def phrase(self) -> str:
        """One line for the reminder: ``"Excel: 9 tasks, up from 4"``."""
        done = f"{self.name}: {_plural(self.last_30, 'task', 'tasks')}"
        if self.previous_30 == 0:
            return f"{done}, new in the last 30 days"
        if self.last_30 > self.previous_30:
            return f"{done}, up from {self.previous_30}"
        if self.last_30 == self.previous_30:
            return f"{done}, as many as the 30 days before"
        return f"{done} ({self.previous_30} in the 30 days before)"


@dataclass(frozen=True)
class ReminderEvidence:
    """Everything the purpose reminder shows, taken from the user's own record."""

    purposes: tuple[PurposeEvidence, ...]
    skills: tuple[SkillGrowth, ...]
    stretch: tuple[Task, ...]
    """Done stretch tasks of the last 30 days, most recent first."""
    people: tuple[tuple[str, int], ...]
    """People in done tasks of the last 30 days with how many tasks, most first."""
    calm_line: tuple[date, str] | None
    next_step: str
    done_30: int = 0
    """Done tasks of the last 30 days, tied or not."""

    @property
    def is_empty(self) -> bool:
        """No purposes and nothing done: the screen shows a kind first-time version instead."""
        return not self.purposes and self.done_30 == 0


def _newest_first(task: Task) -> tuple[date, int, str, str]:
    order, _minutes, created, task_id = task.sort_key()
    return (task.day, order, created, task_id)


def compute_reminder(
    tasks: Iterable[Task],
    days: Mapping[date, DayRecord],
    purposes: Sequence[Purpose],
    skills: Sequence[Skill],
    profile: Profile,
    today: date,
) -> ReminderEvidence:
    """The reminder's evidence for ``today`` (pure).

    ``tasks`` may hold any days: only done tasks of the last 60 days count. ``days`` is searched
    for the calm line (days after ``today`` are ignored).
    """
    first_30 = today - timedelta(days=WINDOW - 1)
    first_60 = today - timedelta(days=2 * WINDOW - 1)
    recent: list[Task] = []
    skill_now: Counter[str] = Counter()
    skill_before: Counter[str] = Counter()
    for task in tasks:
        if not task.done or not first_60 <= task.day <= today:
            continue
        if task.day >= first_30:
            recent.append(task)
            skill_now.update(set(task.skills))
        else:
            skill_before.update(set(task.skills))
    recent.sort(key=_newest_first, reverse=True)

    shown_purposes = []
    for purpose in purposes:
        if purpose.archived:
            continue
        served = [t for t in recent if purpose.slug in t.purposes]
        titles = tuple(dict.fromkeys(clean_line(t.title).strip() for t in served))[:RECENT_TITLES]
        shown_purposes.append(PurposeEvidence(purpose, len(served), titles))

    known = {skill.slug: skill for skill in skills}
    growth = [
        SkillGrowth(
            slug,
            known[slug].name if slug in known else skill_name(slug),
            count,
            skill_before[slug],
        )
        for slug, count in skill_now.items()
        if not (slug in known and known[slug].archived)
    ]
    growth.sort(key=lambda g: (-g.last_30, -(g.last_30 - g.previous_30), g.name.casefold()))

    people: Counter[str] = Counter()
    for task in recent:
        people.update(set(task.people))
    ranked_people = tuple(sorted(people.items(), key=lambda item: (-item[1], item[0])))

    return ReminderEvidence(
        purposes=tuple(shown_purposes),
        skills=tuple(growth),
        stretch=tuple(t for t in recent if t.stretch),
        people=ranked_people,
        calm_line=calm_line(days.values(), profile.stress_threshold, today),
        next_step=clean_line(profile.next_step).strip(),
        done_30=len(recent),
    )


def first_line(text: str) -> str:
    """The first non-empty line of ``text``, control characters removed, at most 240 characters."""
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(clean_line(raw).split())
        if line:
            return line if len(line) <= MAX_LINE else line[: MAX_LINE - 1].rstrip() + "…"
    return ""


def _calm_choice(
    records: Iterable[DayRecord], threshold: int, today: date
) -> tuple[str, date, str] | None:
    """(answer name, day, line) of the calm line, or ``None``."""
    best: dict[str, tuple[date, str]] = {}
    for record in records:
        if record.day > today or record.reflection is None:
            continue
        if record.stress is None or record.stress >= threshold:
            continue
        for name in CALM_FIELDS:
            line = first_line(getattr(record.reflection, name))
            if line and (name not in best or best[name][0] < record.day):
                best[name] = (record.day, line)
    for name in CALM_FIELDS:
        if name in best:
            return (name, *best[name])
    return None


def calm_line(records: Iterable[DayRecord], threshold: int, today: date) -> tuple[date, str] | None:
    """The line to show from a calm day's reflection, with its day, or ``None``.

    A calm day has a rating below ``threshold``; ``served_why`` is preferred, then ``learned``,
    then ``helped``, and for the preferred answer the most recent day that has one.
    """
    choice = _calm_choice(records, threshold, today)
    return None if choice is None else (choice[1], choice[2])


def should_auto_remind(days: Mapping[date, DayRecord], today: date, threshold: int) -> bool:
    """Whether the reminder opens by itself today because yesterday was stressful.

    (The screen shows it at once when today itself is rated stressful, and records with
    ``Store.mark_reminded`` that it was shown, so this stays once a day.)
    """
    yesterday = days.get(today - timedelta(days=1))
    return yesterday is not None and yesterday.stressful(threshold)


def _month_starts_back(today: date, oldest: date) -> Iterable[tuple[date, date]]:
    """(first, last) of each calendar month from ``today``'s back to ``oldest``'s, newest first."""
    last = today
    while last >= oldest:
        first = max(last.replace(day=1), oldest)
        yield first, last
        last = first - timedelta(days=1)


def build_reminder(store: Store, today: date) -> ReminderEvidence:
    """Load what the reminder needs from ``store`` and compute its evidence.

    Reads the last 60 days of tasks and day records, the purposes, skills and profile, and then
    walks back month by month (up to a year) only as far as needed to find the calm line.
    """
    first_60 = today - timedelta(days=2 * WINDOW - 1)
    tasks = store.tasks_between(first_60, today)
    profile = store.profile()
    days: dict[date, DayRecord] = {}
    oldest = today - timedelta(days=CALM_SEARCH_DAYS)
    for first, last in _month_starts_back(today, oldest):
        days.update(store.day_records(first, last))
        choice = _calm_choice(days.values(), profile.stress_threshold, today)
        # The most wanted answer found in the newest months cannot be beaten by older ones.
        if choice is not None and choice[0] == CALM_FIELDS[0]:
            break
    return compute_reminder(tasks, days, store.purposes(), store.skills(), profile, today)
