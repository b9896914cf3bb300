"""Document shapes: how each record type is written in the TinyDB JSON files, and read back.

Only the store layer imports this module. Decoding is strict about the fields it knows (a wrong
type raises :class:`DocumentError` naming the field) and writing merges into the existing
document, so fields a newer program added are kept as they are.

Error messages name the field and the kind of value found, never the value itself: a field may
hold private text (a reflection answer in the wrong place), and errors are printed.
"""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING, Any

from planner.model import DEFAULT_STRESS_THRESHOLD, REFLECTION_PROMPTS, DayRecord, Reflection, Task

if TYPE_CHECKING:
    # The values of meta.json are imported where they are built: loading them costs the
    # import of dataclasses (see planner.model), which adding or showing a task never needs.
    from planner.model_meta import Profile, Purpose, Settings, Skill

Doc = dict[str, Any]


class DocumentError(ValueError):
    """A document has a field of the wrong type; the message names it."""


def _kind(value: object) -> str:
    """What a JSON value is, for messages (``text``, ``a number`` …), without its content."""
    if value is None:
        return "null"
    names = {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list"}
    return names.get(type(value), "an object")


def _label(value: object) -> str:
    """An id or a day from a document, quoted with escapes and cut short, for messages."""
    text = value if isinstance(value, str) else str(value)
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _str(doc: Doc, key: str, default: str = "") -> str:
    value = doc.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise DocumentError(f"field {key!r} should be text, not {_kind(value)}")
    return value


def _opt_str(doc: Doc, key: str) -> str | None:
    value = doc.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise DocumentError(f"field {key!r} should be text or null, not {_kind(value)}")
    return value


def _bool(doc: Doc, key: str, default: bool = False) -> bool:
    value = doc.get(key, default)
    if not isinstance(value, bool):
        raise DocumentError(f"field {key!r} should be true or false, not {_kind(value)}")
    return value


def _int(doc: Doc, key: str, default: int = 0) -> int:
    value = doc.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise DocumentError(f"field {key!r} should be a whole number, not {_kind(value)}")
    return value


def _strs(doc: Doc, key: str) -> tuple[str, ...]:
    value = doc.get(key, [])
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise DocumentError(f"field {key!r} should be a list of text")
    return tuple(value)


def _day(doc: Doc, key: str = "day") -> date:
    value = doc.get(key)
    if not isinstance(value, str):
        raise DocumentError(f"field {key!r} should be a date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DocumentError(f"field {key!r} is not a real date (YYYY-MM-DD)") from None


def _time(doc: Doc) -> time | None:
    value = doc.get("time")
    if value is None:
        return None
    if not isinstance(value, str):
        raise DocumentError("field 'time' should be HH:MM or null")
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise DocumentError("field 'time' is not a time (HH:MM)") from None


def task_to_doc(task: Task) -> Doc:
    """The JSON document for a task (only the fields this program knows)."""
    return {
        "id": task.id,
        "title": task.title,
        "day": task.day.isoformat(),
        "time": task.time.strftime("%H:%M") if task.time else None,
        "done": task.done,
        "purposes": list(task.purposes),
        "skills": list(task.skills),
        "people": list(task.people),
        "stretch": task.stretch,
        "recurrence": task.recurrence,
        "notes": task.notes,
        "links": list(task.links),
        "order": task.order,
        "series": task.series,
        "created": task.created,
    }


def doc_to_task(doc: Doc) -> Task:
    """Decode a task document; raises :class:`DocumentError` on a wrong field."""
    task = _plain_task(doc)
    return task if task is not None else _checked_task(doc)


def _plain_task(doc: Doc) -> Task | None:
    """The task of a document whose every field has its usual type, else None.

    Every write checks each task of its month first, and every read of a day decodes its
    month: this is :func:`_checked_task` in one pass over the fields, for the documents it
    accepts; anything unusual (a field of another type, a null for a default, a bad date) is
    left to it, which decodes it or says what is wrong.
    """
    day = _usual_task_day(doc)
    if day is None:
        return None
    get = doc.get
    at = get("time")
    return Task(
        doc["id"],
        get("title", ""),
        day,
        None if at is None else time.fromisoformat(at),
        get("done", False),
        tuple(get("purposes", ())),
        tuple(get("skills", ())),
        tuple(get("people", ())),
        get("stretch", False),
        get("recurrence"),
        get("notes", ""),
        tuple(get("links", ())),
        get("order", 0),
        get("series"),
        get("created", ""),
    )


def task_day(doc: Doc) -> date:
    """The day of a task document, the whole document checked as :func:`doc_to_task` checks
    it (the same error for a wrong field), without building the task."""
    day = _usual_task_day(doc)
    return day if day is not None else _checked_task(doc).day


def _usual_task_day(doc: Doc) -> date | None:
    """The day of a task document whose every field has its usual type, else None."""
    get = doc.get
    task_id, title, day, at = get("id"), get("title", ""), get("day"), get("time")
    done, stretch, order = get("done", False), get("stretch", False), get("order", 0)
    notes, created = get("notes", ""), get("created", "")
    recurrence, series = get("recurrence"), get("series")
    purposes, skills = get("purposes", []), get("skills", [])
    people, links = get("people", []), get("links", [])
    if not (
        type(task_id) is str
        and task_id
        and type(title) is str
        and type(day) is str
        and (at is None or type(at) is str)
        and type(done) is bool
        and type(stretch) is bool
        and type(order) is int
        and type(notes) is str
        and type(created) is str
        and (recurrence is None or type(recurrence) is str)
        and (series is None or type(series) is str)
        and type(purposes) is list
        and type(skills) is list
        and type(people) is list
        and type(links) is list
    ):
        return None
    try:
        # str.join refuses anything but text: every item of the lists is checked at once.
        "".join(purposes), "".join(skills), "".join(people), "".join(links)
        if at is not None:
            time.fromisoformat(at)
        return date.fromisoformat(day)
    except (TypeError, ValueError):
        return None


def _checked_task(doc: Doc) -> Task:
    task_id = doc.get("id")
    if not isinstance(task_id, str) or not task_id:
        raise DocumentError("a task has no 'id'")
    try:
        return Task(
            id=task_id,
            title=_str(doc, "title"),
            day=_day(doc),
            time=_time(doc),
            done=_bool(doc, "done"),
            purposes=_strs(doc, "purposes"),
            skills=_strs(doc, "skills"),
            people=_strs(doc, "people"),
            stretch=_bool(doc, "stretch"),
            recurrence=_opt_str(doc, "recurrence"),
            notes=_str(doc, "notes"),
            links=_strs(doc, "links"),
            order=_int(doc, "order"),
            series=_opt_str(doc, "series"),
            created=_str(doc, "created"),
        )
    except DocumentError as error:
        raise DocumentError(f"task {_label(task_id)}: {error}") from None


def reflection_to_doc(reflection: Reflection) -> Doc:
    """The JSON document for a reflection."""
    doc: Doc = {name: getattr(reflection, name) for name, _ in REFLECTION_PROMPTS}
    doc["saved_at"] = reflection.saved_at
    return doc


def doc_to_reflection(doc: Any) -> Reflection | None:
    """Decode a reflection (``None`` stays ``None``)."""
    if doc is None:
        return None
    if not isinstance(doc, dict):
        raise DocumentError("field 'reflection' should be an object")
    values = {name: _str(doc, name) for name, _ in REFLECTION_PROMPTS}
    return Reflection(**values, saved_at=_str(doc, "saved_at"))


def day_to_doc(record: DayRecord) -> Doc:
    """The JSON document for a day's rating and reflection."""
    return {
        "day": record.day.isoformat(),
        "stress": record.stress,
        "reflection": reflection_to_doc(record.reflection) if record.reflection else None,
        "reminded": record.reminded,
    }


def doc_to_day(doc: Doc) -> DayRecord:
    """Decode a day document."""
    stress = doc.get("stress")
    if stress is not None and (
        isinstance(stress, bool) or not isinstance(stress, int) or not 1 <= stress <= 5
    ):
        raise DocumentError(f"day {_label(doc.get('day'))}: 'stress' should be 1–5 or null")
    try:
        return DayRecord(
            day=_day(doc),
            stress=stress,
            reflection=doc_to_reflection(doc.get("reflection")),
            reminded=_bool(doc, "reminded"),
        )
    except DocumentError as error:
        raise DocumentError(f"day {_label(doc.get('day'))}: {error}") from None


def purpose_to_doc(purpose: Purpose) -> Doc:
    """The JSON document for a purpose."""
    return {
        "slug": purpose.slug,
        "statement": purpose.statement,
        "archived": purpose.archived,
        "draft": purpose.draft,
    }


def _purpose_fields(doc: Doc) -> tuple[str, str, bool, bool]:
    return _str(doc, "slug"), _str(doc, "statement"), _bool(doc, "archived"), _bool(doc, "draft")


def doc_to_purpose(doc: Doc) -> Purpose:
    """Decode a purpose document."""
    from planner.model_meta import Purpose

    return Purpose(*_purpose_fields(doc))


def purpose_slug(doc: Doc) -> str:
    """The slug of a purpose document, checked like :func:`doc_to_purpose` checks it all."""
    return _purpose_fields(doc)[0]


def purpose_state(doc: Doc) -> tuple[str, bool]:
    """The slug of a purpose document and whether it is archived, checked like
    :func:`doc_to_purpose` checks it all."""
    fields = _purpose_fields(doc)
    return fields[0], fields[2]


def skill_to_doc(skill: Skill) -> Doc:
    """The JSON document for a skill."""
    return {"slug": skill.slug, "name": skill.name, "archived": skill.archived}


def _skill_fields(doc: Doc) -> tuple[str, str, bool]:
    return _str(doc, "slug"), _str(doc, "name"), _bool(doc, "archived")


def doc_to_skill(doc: Doc) -> Skill:
    """Decode a skill document."""
    from planner.model_meta import Skill

    return Skill(*_skill_fields(doc))


def skill_slug(doc: Doc) -> str:
    """The slug of a skill document, checked like :func:`doc_to_skill` checks it all."""
    return _skill_fields(doc)[0]


def skill_state(doc: Doc) -> tuple[str, bool]:
    """The slug of a skill document and whether it is archived (checked as in
    :func:`doc_to_skill`)."""
    fields = _skill_fields(doc)
    return fields[0], fields[2]


def profile_to_doc(profile: Profile) -> Doc:
    """The JSON document for the profile."""
    return {
        "next_step": profile.next_step,
        "stress_threshold": profile.stress_threshold,
        "next_step_skills": list(profile.next_step_skills),
        "welcomed": profile.welcomed,
    }


def _profile_fields(doc: Doc) -> tuple[str, int, tuple[str, ...], bool]:
    threshold = _int(doc, "stress_threshold", DEFAULT_STRESS_THRESHOLD)
    if not 1 <= threshold <= 5:
        raise DocumentError("profile: 'stress_threshold' should be 1–5")
    return _str(doc, "next_step"), threshold, _strs(doc, "next_step_skills"), _bool(doc, "welcomed")


def doc_to_profile(doc: Doc | None) -> Profile:
    """Decode the profile (a missing one is the default profile)."""
    from planner.model_meta import Profile

    if not doc:
        return Profile()
    return Profile(*_profile_fields(doc))


def profile_threshold(doc: Doc | None) -> int:
    """The stress threshold of the profile, the whole document checked like
    :func:`doc_to_profile` checks it."""
    return _profile_fields(doc)[1] if doc else DEFAULT_STRESS_THRESHOLD


def settings_to_doc(settings: Settings) -> Doc:
    """The JSON document for the settings."""
    return {"theme": settings.theme, "keymap": dict(settings.keymap)}


def doc_to_settings(doc: Doc | None) -> Settings:
    """Decode the settings; unknown keymap entries of the wrong type are dropped."""
    from planner.model_meta import Settings

    if not doc:
        return Settings()
    keymap = doc.get("keymap", {})
    if not isinstance(keymap, dict):
        keymap = {}
    clean = {k: v for k, v in keymap.items() if isinstance(k, str) and isinstance(v, str)}
    return Settings(theme=_str(doc, "theme", Settings().theme) or Settings().theme, keymap=clean)
