"""The record: immutable values for everything planner keeps, and the pure rules over them.

Nothing here touches the disk or the terminal. Every constructor that takes user input goes
through a ``validated_*``/``clean_*`` function so a bad value fails with one clear message
(``ValidationError``) instead of reaching the store.

The values every shell command handles (:class:`Task`, :class:`DayRecord`, :class:`Reflection`)
are written out by hand on :class:`Frozen`, and behave like frozen dataclasses: ``dataclasses``
imports ``inspect`` and compiles each class's methods at import time, about 12 ms on every
``planner add``. The ``meta.json`` values the screens edit with ``dataclasses.replace``
(:class:`Purpose`, :class:`Skill`, :class:`Profile`, :class:`Settings`) are dataclasses in
:mod:`planner.model_meta`, loaded the first time one of them is used from here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn, Self, TypeAlias

if TYPE_CHECKING:
    from planner.model_meta import Profile, Purpose, Settings, Skill

__all__ = [
    "DEFAULT_STRESS_THRESHOLD",
    "REFLECTION_PROMPTS",
    "DayRecord",
    "Frozen",
    "Profile",
    "Purpose",
    "Reflection",
    "Settings",
    "Skill",
    "Task",
    "ValidationError",
    "clean_line",
    "clean_text",
    "is_stressful",
    "nfkc",
    "parse_stress",
    "slugify",
]

DEFAULT_STRESS_THRESHOLD = 4
MAX_TITLE = 100_000
MAX_TEXT = 2_000_000

#: The five reflection prompts of DESIGN.md, as (field name, question).
REFLECTION_PROMPTS: tuple[tuple[str, str], ...] = (
    ("learned", "What did I learn? Which skill grew?"),
    ("above_beyond", "Where did I go above and beyond?"),
    ("helped", "Who did I help, or who helped me?"),
    ("served_why", "How did today serve my why?"),
    ("intention", "One intention for tomorrow"),
)


class ValidationError(ValueError):
    """A value the user gave cannot be accepted; the message says what is accepted."""


# C0 and C1 control characters, DEL, and the bidi embedding/override/isolate controls that
# can reorder how text is drawn to disguise it ("Trojan source"); right-to-left letters and
# the plain direction marks are kept. Newlines and tabs are handled by the two cleaners.
# Patterns, compiled by ``re`` the first time text holds a character that is not printable
# (every one they match is not): most text never needs them (see clean_text).
_CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
_ESCAPE_SEQ = r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])"


def clean_text(value: str) -> str:
    """Strip terminal escape sequences and control characters, keeping newlines and tabs.

    Used for multi-line text (notes, reflections). Whole escape sequences are removed first so
    that their printable tail (``[2J``) does not survive as litter.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if value.isprintable():  # no control character, so nothing to remove
        return value
    value = re.sub(_ESCAPE_SEQ, "", value)
    return re.sub(_CONTROL, "", value)


def clean_line(value: str) -> str:
    """Like :func:`clean_text` for one-line values: newlines and tabs become spaces."""
    value = clean_text(value).replace("\n", " ").replace("\t", " ")
    return value


def slugify(value: str) -> str:
    """Turn a name into a slug: lower case, words joined by ``-``.

    ``"To help others"`` → ``to-help-others``.
    """
    value = nfkc(clean_line(value)).strip().lower()
    if value.isascii() and "--" not in value and value.replace("-", "").replace("_", "").isalnum():
        return value.strip("-_")  # already letters, digits, "_" and single "-": as below
    value = re.sub(r"[^\w]+", "-", value, flags=re.UNICODE).strip("-_")
    return value


def nfkc(value: str) -> str:
    """``unicodedata.normalize("NFKC", value)``. ASCII text is its own normal form: unicodedata
    (a compiled module, loaded here) is only needed for other text."""
    if value.isascii():
        return value
    import unicodedata

    return unicodedata.normalize("NFKC", value)


def check_slug(value: str, what: str = "slug") -> str:
    """Return a valid slug or raise; accepted: letters, digits, ``-`` and ``_``."""
    slug = slugify(value)
    if not slug:
        raise ValidationError(f"empty {what}: use letters, digits, '-' or '_'")
    if len(slug) > 100:
        raise ValidationError(f"{what} too long: at most 100 characters")
    return slug


def check_title(value: str) -> str:
    """A task title: one line, control characters removed, not empty after stripping."""
    title = clean_line(value).strip()
    # Zero-width and other format characters (category Cf) draw nothing: a title of only
    # those would be an invisible task. They are kept inside a real title (emoji joiners).
    if not _draws_something(title):
        raise ValidationError("empty title: type what the task is")
    if len(title) > MAX_TITLE:
        raise ValidationError(f"title too long: at most {MAX_TITLE:,} characters")
    return title


def _draws_something(text: str) -> bool:
    """Whether ``text`` has a character that is neither a space nor a format character."""
    if text.isascii():  # no ASCII character is a format character
        return any(not char.isspace() for char in text)
    import unicodedata

    return any(not char.isspace() and unicodedata.category(char) != "Cf" for char in text)


def check_text(value: str, what: str = "text") -> str:
    """Free multi-line text (notes, reflection answers)."""
    text = clean_text(value)
    if len(text) > MAX_TEXT:
        raise ValidationError(f"{what} too long: at most {MAX_TEXT:,} characters")
    return text


def parse_stress(value: object) -> int:
    """A stress rating: an integer 1 (calm) … 5 (very stressful), given as int or text."""
    accepted = "a stress rating is a whole number from 1 (calm) to 5 (very stressful)"
    if isinstance(value, bool):
        raise ValidationError(f"not a rating: {value!r}; {accepted}")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if math.isnan(value) or not value.is_integer():
            raise ValidationError(f"not a rating: {value!r}; {accepted}")
        number = int(value)
    elif isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"[+-]?\d{1,3}", text):
            shown = clean_line(text)[:40]
            raise ValidationError(f"not a rating: {shown!r}; {accepted}")
        number = int(text)
    else:
        raise ValidationError(f"not a rating; {accepted}")
    if not 1 <= number <= 5:
        raise ValidationError(f"rating {number} is out of range; {accepted}")
    return number


def parse_threshold(value: object) -> int:
    """The stressful threshold is itself a rating 1–5."""
    return parse_stress(value)


def is_stressful(stress: int | None, threshold: int = DEFAULT_STRESS_THRESHOLD) -> bool:
    """A day is stressful when it has a rating at or above the threshold."""
    return stress is not None and stress >= threshold


#: ``datetime.time``, for the signature of :class:`Task` (whose field ``time`` hides the name).
_TimeOfDay: TypeAlias = time
#: ``object.__setattr__``: how :class:`Frozen` values set their fields once, in ``__init__``.
_set = object.__setattr__


class Frozen:
    """Base of the hand-written values: immutable, compared, hashed and shown by their fields
    (``_fields``, in order), exactly like a frozen dataclass (``FrozenInstanceError`` included)."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._fields])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: object) -> NoReturn:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> NoReturn:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[type[Self], tuple[Any, ...]]:
        # copy, deepcopy and pickle rebuild the value through __init__ (no __setattr__).
        return (type(self), self._values())

    def with_changes(self, **changes: Any) -> Self:
        """A copy with some fields changed (what ``dataclasses.replace`` does)."""
        values = dict(zip(self._fields, self._values(), strict=True))
        values.update(changes)
        return type(self)(**values)


class Task(Frozen):
    """One thing to do on a day."""

    _fields = (
        "id",
        "title",
        "day",
        "time",
        "done",
        "purposes",
        "skills",
        "people",
        "stretch",
        "recurrence",
        "notes",
        "links",
        "order",
        "series",
        "created",
    )
    __slots__ = _fields

    id: str
    title: str
    day: date
    time: time | None
    done: bool
    purposes: tuple[str, ...]
    skills: tuple[str, ...]
    people: tuple[str, ...]
    stretch: bool
    recurrence: str | None
    notes: str
    links: tuple[str, ...]
    order: int
    series: str | None
    """The id of the recurring series this task is an occurrence of, if any."""
    created: str

    def __init__(
        self,
        id: str,
        title: str,
        day: date,
        time: _TimeOfDay | None = None,
        done: bool = False,
        purposes: tuple[str, ...] = (),
        skills: tuple[str, ...] = (),
        people: tuple[str, ...] = (),
        stretch: bool = False,
        recurrence: str | None = None,
        notes: str = "",
        links: tuple[str, ...] = (),
        order: int = 0,
        series: str | None = None,
        created: str = "",
    ) -> None:
        _set(self, "id", id)
        _set(self, "title", title)
        _set(self, "day", day)
        _set(self, "time", time)
        _set(self, "done", done)
        _set(self, "purposes", purposes)
        _set(self, "skills", skills)
        _set(self, "people", people)
        _set(self, "stretch", stretch)
        _set(self, "recurrence", recurrence)
        _set(self, "notes", notes)
        _set(self, "links", links)
        _set(self, "order", order)
        _set(self, "series", series)
        _set(self, "created", created)

    @property
    def serves_purpose(self) -> bool:
        """True when the task is tied to at least one purpose."""
        return bool(self.purposes)

    @property
    def is_recurring(self) -> bool:
        """True for an occurrence of a recurring series."""
        return self.series is not None or self.recurrence is not None

    def sort_key(self) -> tuple[int, int, str, str]:
        """Order within a day: by explicit order first, then timed tasks by time."""
        minutes = self.time.hour * 60 + self.time.minute if self.time else 24 * 60
        return (self.order, minutes, self.created, self.id)


def normalise_tags(values: Iterable[str], what: str) -> tuple[str, ...]:
    """Slugs for purposes/skills/people: cleaned, de-duplicated, in the order given."""
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(check_slug(value, what), None)
    return tuple(seen)


def new_task(
    *,
    id: str,
    title: str,
    day: date,
    time: time | None = None,
    purposes: Iterable[str] = (),
    skills: Iterable[str] = (),
    people: Iterable[str] = (),
    stretch: bool = False,
    recurrence: str | None = None,
    notes: str = "",
    links: Iterable[str] = (),
    done: bool = False,
    order: int = 0,
    series: str | None = None,
    created: str = "",
) -> Task:
    """Build a validated task from raw values; raises :class:`ValidationError`."""
    return Task(
        id=id,
        title=check_title(title),
        day=day,
        time=time,
        done=done,
        purposes=normalise_tags(purposes, "purpose"),
        skills=normalise_tags(skills, "skill"),
        people=normalise_tags(people, "person"),
        stretch=stretch,
        recurrence=recurrence or None,
        notes=check_text(notes, "notes"),
        links=tuple(clean_line(link).strip() for link in links if clean_line(link).strip()),
        order=order,
        series=series,
        created=created or datetime.now().isoformat(timespec="seconds"),
    )


def draft_statement(slug: str) -> str:
    """The statement given to a purpose first seen as a tag: its slug as words, capitalised."""
    words = slug.replace("-", " ").replace("_", " ").strip()
    return (words[:1].upper() + words[1:]) if words else slug


def skill_name(slug: str) -> str:
    """A display name for a skill first seen as a tag."""
    words = slug.replace("-", " ").replace("_", " ").strip()
    return (words[:1].upper() + words[1:]) if words else slug


class Reflection(Frozen):
    """The end-of-day record: answers to the five prompts."""

    _fields = ("learned", "above_beyond", "helped", "served_why", "intention", "saved_at")
    __slots__ = _fields

    learned: str
    above_beyond: str
    helped: str
    served_why: str
    intention: str
    saved_at: str

    def __init__(
        self,
        learned: str = "",
        above_beyond: str = "",
        helped: str = "",
        served_why: str = "",
        intention: str = "",
        saved_at: str = "",
    ) -> None:
        _set(self, "learned", learned)
        _set(self, "above_beyond", above_beyond)
        _set(self, "helped", helped)
        _set(self, "served_why", served_why)
        _set(self, "intention", intention)
        _set(self, "saved_at", saved_at)

    def answers(self) -> tuple[tuple[str, str], ...]:
        """(question, answer) pairs in prompt order."""
        return tuple((question, getattr(self, name)) for name, question in REFLECTION_PROMPTS)

    @property
    def is_empty(self) -> bool:
        """True when no prompt has an answer."""
        return not any(getattr(self, name).strip() for name, _ in REFLECTION_PROMPTS)


def validated_reflection(**answers: str) -> Reflection:
    """A reflection with every answer cleaned of control characters and checked for size."""
    cleaned = {
        name: check_text(answers.get(name, ""), "reflection") for name, _ in REFLECTION_PROMPTS
    }
    return Reflection(**cleaned, saved_at=answers.get("saved_at", ""))


class DayRecord(Frozen):
    """What is known about one day besides its tasks: the stress rating and the reflection."""

    _fields = ("day", "stress", "reflection", "reminded")
    __slots__ = _fields

    day: date
    stress: int | None
    reflection: Reflection | None
    reminded: bool
    """Whether the purpose reminder was already shown by itself on this day."""

    def __init__(
        self,
        day: date,
        stress: int | None = None,
        reflection: Reflection | None = None,
        reminded: bool = False,
    ) -> None:
        _set(self, "day", day)
        _set(self, "stress", stress)
        _set(self, "reflection", reflection)
        _set(self, "reminded", reminded)

    def stressful(self, threshold: int = DEFAULT_STRESS_THRESHOLD) -> bool:
        """Whether the day is stressful against ``threshold``."""
        return is_stressful(self.stress, threshold)


#: The dataclasses of :mod:`planner.model_meta`, loaded on first use (see the module's doc).
_META_VALUES = frozenset({"Profile", "Purpose", "Settings", "Skill"})


def __getattr__(name: str) -> object:
    if name in _META_VALUES:
        from planner import model_meta

        value = getattr(model_meta, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
