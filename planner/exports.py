"""Exports for people and other programs: the Markdown journal and the iCalendar file.

The journal (``planner export --format md``) is a readable record per day: the stress rating
with the stressful marker, the tasks done and those left unfinished with their purposes and
skills, and the reflection's answers under their prompts. User text is escaped so that a
Markdown viewer shows it exactly as typed, never as formatting.

The calendar (``--format ics``) is RFC 5545 text written by hand, because it is small: timed
tasks become events of 30 minutes at their local ("floating") time, recurring series carry
their RRULE and their skipped days as EXDATE, and an occurrence of a series that was changed
on its own day becomes an override (RECURRENCE-ID) of that series' event.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, date, datetime, time

from planner import __version__
from planner.dates import format_day, occurs_on
from planner.model import REFLECTION_PROMPTS, Task, clean_line, clean_text, is_stressful
from planner.store import Series, Store, split_virtual_id

__all__ = ["DEFAULT_DURATION_MINUTES", "export_ics", "export_markdown"]

DEFAULT_DURATION_MINUTES = 30

# ------------------------------------------------------------------------------- markdown

# Characters that can start formatting anywhere in a line (CommonMark lets any ASCII
# punctuation be escaped with a backslash, so escaping these is always safe).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# Things that only mean something at the start of a line: headings, lists, quotes, rules.
_MD_LEADING = re.compile(r"^(\s*)([#+=-])")
_MD_NUMBERED = re.compile(r"^(\s*\d+)([.)])")


def md_escape(text: str) -> str:
    """One line of user text that a Markdown viewer shows literally."""
    escaped = _MD_INLINE.sub(r"\\\1", clean_line(text))
    escaped = _MD_LEADING.sub(r"\1\\\2", escaped, count=1)
    return _MD_NUMBERED.sub(r"\1\\\2", escaped, count=1)


def _md_block(text: str) -> list[str]:
    """Multi-line user text, each line escaped; leading spaces dropped (they would make code)."""
    return [md_escape(line.strip()) for line in clean_text(text).strip().split("\n")]


def _day_tasks(store: Store, stored: list[Task], day: date, series: list[Series]) -> list[Task]:
    """The day's tasks as the day screen lists them: stored ones plus untouched occurrences."""
    taken = {task.id for task in stored}
    tasks = list(stored)
    for item in series:
        rule = item.template.recurrence
        if not rule or day in item.exdates or item.occurrence(day).id in taken:
            continue
        try:
            if occurs_on(rule, item.template.day, day):
                tasks.append(item.occurrence(day))
        except ValueError:
            continue
    return sorted(tasks, key=Task.sort_key)


def _task_line(task: Task) -> str:
    when = f"{task.time:%H:%M} " if task.time else ""
    links = [f"#{md_escape(p)}" for p in task.purposes]
    links += [f"+{md_escape(s)}" for s in task.skills]
    links += [f"with @{md_escape(p)}" for p in task.people]
    if task.stretch:
        links.append("above and beyond")
    tail = f" — {', '.join(links)}" if links else ""
    return f"- {when}{md_escape(task.title)}{tail}"


def export_markdown(store: Store, first: date | None = None, last: date | None = None) -> str:
    """The journal from ``first`` to ``last`` (inclusive; ``None`` = no limit).

    Days appear when they have a stored task, a rating or a reflection.
    """
    low, high = first or date.min, last or date.max
    threshold = store.profile().stress_threshold
    stored: dict[date, list[Task]] = defaultdict(list)
    for task in store.tasks_between(low, high):
        stored[task.day].append(task)
    records = store.day_records(low, high)
    reflected = {
        day
        for day, record in records.items()
        if record.stress is not None or (record.reflection and not record.reflection.is_empty)
    }
    days = sorted(set(stored) | reflected)
    series = store.series()
    shown_first, shown_last = (
        first or (days[0] if days else None),
        last or (days[-1] if days else None),
    )
    lines = ["# planner journal", ""]
    if shown_first and shown_last:
        lines += [f"From {format_day(shown_first)} to {format_day(shown_last)}.", ""]
    next_step = store.profile().next_step
    if next_step.strip():
        lines += [f"Next step on the path: {md_escape(next_step)}", ""]
    if not days:
        lines += ["Nothing was recorded in this period.", ""]
    for day in days:
        record = records.get(day)
        stress = record.stress if record else None
        lines += [f"## {format_day(day)}", ""]
        if stress is None:
            lines.append("Stress: not rated")
        elif is_stressful(stress, threshold):
            lines.append(f"Stress: {stress}/5 — ⚠ stressful")
        else:
            lines.append(f"Stress: {stress}/5")
        lines.append("")
        tasks = _day_tasks(store, stored.get(day, []), day, series)
        for heading, wanted in (("Done", True), ("Not finished", False)):
            chosen = [task for task in tasks if task.done is wanted]
            if chosen:
                lines += [f"### {heading}", "", *(_task_line(t) for t in chosen), ""]
        reflection = record.reflection if record else None
        if reflection is not None and not reflection.is_empty:
            lines += ["### Reflection", ""]
            for name, question in REFLECTION_PROMPTS:
                answer = getattr(reflection, name)
                if answer.strip():
                    lines += [f"**{question}**", "", *_md_block(answer), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


# ------------------------------------------------------------------------------- iCalendar


def ics_escape(text: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newline escaped."""
    text = clean_text(text)
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def fold(line: str) -> list[str]:
    """Split a content line into lines of at most 75 octets (RFC 5545 §3.1).

    Continuation lines start with one space, which counts towards their 75 octets; a UTF-8
    character is never split.
    """
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74
        current.append(char)
        size += width
    parts.append("".join(current))
    return [parts[0], *(" " + part for part in parts[1:])]


def _stamp(day: date, at: time) -> str:
    return f"{day:%Y%m%d}T{at:%H%M}00"


def _event(
    task: Task,
    uid: str,
    dtstamp: str,
    *,
    rule: str | None = None,
    exdates: list[str] | None = None,
    recurrence_id: str | None = None,
) -> list[str]:
    assert task.time is not None
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{dtstamp}"]
    if recurrence_id:
        lines.append(f"RECURRENCE-ID:{recurrence_id}")
    lines += [
        f"DTSTART:{_stamp(task.day, task.time)}",
        f"DURATION:PT{DEFAULT_DURATION_MINUTES}M",
        f"SUMMARY:{ics_escape(task.title)}",
    ]
    about = []
    if task.notes.strip():
        about.append(task.notes.strip())
    if task.purposes:
        about.append("Purposes: " + ", ".join(f"#{p}" for p in task.purposes))
    if task.skills:
        about.append("Skills: " + ", ".join(f"+{s}" for s in task.skills))
    if task.people:
        about.append("With: " + ", ".join(f"@{p}" for p in task.people))
    if task.stretch:
        about.append("Above and beyond.")
    if task.done:
        about.append("Done.")
    if about:
        lines.append(f"DESCRIPTION:{ics_escape(chr(10).join(about))}")
    tags = [*task.purposes, *task.skills]
    if tags:
        lines.append("CATEGORIES:" + ",".join(ics_escape(tag) for tag in tags))
    if rule:
        body = rule.strip()
        if body.upper().startswith("RRULE:"):
            body = body[len("RRULE:") :]
        # A stopped series ends with a day (UNTIL=YYYYMMDD); RFC 5545 wants the UNTIL of a
        # timed event to be a date-time too, so it becomes the end of that day.
        body = re.sub(r"(?i)(UNTIL=\d{8})(?=;|$)", r"\1T235959", body)
        lines.append(f"RRULE:{body}")
    if exdates:
        lines.append("EXDATE:" + ",".join(exdates))
    lines.append("END:VEVENT")
    return lines


def _uid(task_id: str) -> str:
    return f"{task_id}@planner"


def export_ics(
    store: Store, first: date | None = None, last: date | None = None, now: datetime | None = None
) -> str:
    """An RFC 5545 calendar of the timed tasks from ``first`` to ``last`` and the timed series.

    Untimed tasks have no place in a calendar and are left out. ``now`` stamps DTSTAMP.
    """
    moment = now or datetime.now(UTC)
    dtstamp = moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//planner//planner {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    timed_series: dict[str, Series] = {}
    for item in store.series():
        template = item.template
        if template.time is None or not template.recurrence:
            continue
        if last is not None and template.day > last:
            continue
        timed_series[template.id] = item
        exdates = [_stamp(day, template.time) for day in sorted(item.exdates)]
        lines += _event(
            template, _uid(template.id), dtstamp, rule=template.recurrence, exdates=exdates
        )
    for task in store.tasks_between(first or date.min, last or date.max):
        if task.time is None:
            continue
        virtual = split_virtual_id(task.id)
        parent = timed_series.get(virtual[0]) if virtual else None
        if virtual and parent and virtual[1] == task.day and task.day not in parent.exdates:
            assert parent.template.time is not None
            original = _stamp(virtual[1], parent.template.time)
            lines += _event(task, _uid(parent.template.id), dtstamp, recurrence_id=original)
        else:
            lines += _event(task, _uid(task.id), dtstamp)
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in fold(line))
