"""The quick-add grammar: one line of free text → the task it describes.

``Mentor the new hire on pivot tables +excel #help-others @marilyn tomorrow 3pm !`` becomes the
title ``Mentor the new hire on pivot tables`` due tomorrow at 15:00, growing the skill ``excel``,
serving the purpose ``help-others``, with ``marilyn``, marked as a stretch task.

The line is split on whitespace into words, and each word (or run of words) that is a token is
taken out of the title; every other word stays in the title, in order, single-spaced:

* ``#slug`` purpose, ``+slug`` skill, ``@name`` person (slugs as :func:`planner.model.slugify`
  makes them). A tag never loses a character silently: sentence punctuation right after it
  (``.,;:!?)``, as in ``ask @bob.``) is not part of the tag and stays in the title, joined to
  the title word before it (``ask.``); if what is left after the sigil is not already a slug
  (letters and digits, with single ``-`` or ``_`` between them, any case), the whole word is
  title text, not a tag: ``+c++``, ``#a--b``, ``@x.y``. A sigil with no letters or digits
  after it (``#``, ``+``, ``@-``) is title text too.
* ``!`` alone: stretch, above and beyond.
* a day (:func:`planner.dates.parse_day`): runs of words such as ``next fri``, ``in 3 days``,
  ``dec 3 2027`` are matched longest first.
* a time (:func:`planner.dates.parse_time`): ``9am``, ``3:30pm``, ``15:30``.
* ``every …``: a recurrence rule (:func:`planner.dates.parse_recurrence`).
* ``"…"``: the quoted words are kept as title text, without the quotes, and never parsed; a
  quote left open runs to the end of the line. A backslash at the start of a word
  (``\\#2``, ``\\tomorrow``, ``\\!``) keeps that one word as text, without the backslash.

Ambiguity is resolved one way, always: a word that can be a day *is* a day. ``mon``, ``sun``,
``sat``, ``wed``, and ``jan 3`` are days; to keep one as text, quote it (``"sun"``) or escape it
(``\\sun``). A month alone (``may``) names no day and stays text; a number alone (``3``) too.

Parsing never guesses silently: two different days, two different times, a word shaped like a
day or time that names none (``feb 30``, ``25:00``) or an ``every`` with no rule after it is an
error that says what to write instead, and :meth:`ParsedTask.preview` lists exactly what was
understood so it can be shown before anything is saved.
"""

from __future__ import annotations

from datetime import date, time

from planner import dates
from planner.dates import DateError
from planner.model import (
    Frozen,
    ValidationError,
    check_slug,
    check_title,
    clean_line,
    nfkc,
    slugify,
)

__all__ = ["ParsedTask", "QuickAddError", "parse"]

# The longest run of words that can name a day: "fri dec 4 2026".
_LONGEST_DAY = 4

_QUOTES = {'"': '"', "“": "”"}
_SIGILS = {"#": "purpose", "+": "skill", "@": "person"}
# Sentence punctuation that may follow a tag ("ask @bob.") and is kept in the title.
_TRAILING = ".,;:!?)"


class QuickAddError(ValidationError):
    """The quick-add text cannot be turned into a task; the message says what to change."""


_TimeOfDay = time


class ParsedTask(Frozen):
    """What a line of quick-add text describes; nothing is saved yet."""

    _fields = (
        "title",
        "day",
        "time",
        "purposes",
        "skills",
        "people",
        "stretch",
        "recurrence",
    )
    __slots__ = _fields

    title: str
    day: date | None
    """The day the text named, or None (the caller supplies its default)."""
    time: time | None
    purposes: tuple[str, ...]
    skills: tuple[str, ...]
    people: tuple[str, ...]
    stretch: bool
    recurrence: str | None
    """An RRULE body (``FREQ=WEEKLY;BYDAY=MO``), without ``RRULE:`` or DTSTART."""

    def __init__(
        self,
        title: str,
        day: date | None,
        time: _TimeOfDay | None,
        purposes: tuple[str, ...] = (),
        skills: tuple[str, ...] = (),
        people: tuple[str, ...] = (),
        stretch: bool = False,
        recurrence: str | None = None,
    ) -> None:
        _set = object.__setattr__
        _set(self, "title", title)
        _set(self, "day", day)
        _set(self, "time", time)
        _set(self, "purposes", purposes)
        _set(self, "skills", skills)
        _set(self, "people", people)
        _set(self, "stretch", stretch)
        _set(self, "recurrence", recurrence)

    def resolved_day(self, default: date) -> date:
        """The task's day: the one named, else ``default``.

        For a repeating task this is the series' first occurrence on or after that day, so
        ``every mon`` typed on a Wednesday starts on the next Monday rather than on a day the
        rule never produces.
        """
        base = self.day if self.day is not None else default
        if self.recurrence is None:
            return base
        first = dates.first_occurrence(self.recurrence, base)
        return first if first is not None else base

    def preview(self, default_day: date, today: date) -> list[tuple[str, str]]:
        """(label, value) rows saying exactly what was understood, for the app and the CLI.

        ``title`` and ``day`` are always present; the other rows only when they carry
        something: ``time``, ``purposes``, ``skills``, ``people``, ``stretch``, ``repeats``.
        """
        rows = [
            ("title", self.title),
            ("day", dates.format_day(self.resolved_day(default_day), today)),
        ]
        if self.time is not None:
            rows.append(("time", dates.format_time(self.time)))
        if self.purposes:
            rows.append(("purposes", ", ".join(f"#{slug}" for slug in self.purposes)))
        if self.skills:
            rows.append(("skills", ", ".join(f"+{slug}" for slug in self.skills)))
        if self.people:
            rows.append(("people", ", ".join(f"@{slug}" for slug in self.people)))
        if self.stretch:
            rows.append(("stretch", "yes — above and beyond"))
        if self.recurrence is not None:
            rows.append(("repeats", dates.describe_rule(self.recurrence)))
        return rows


class _Word(Frozen):
    """One whitespace-separated word; ``literal`` words were quoted or escaped."""

    _fields = ("text", "literal")
    __slots__ = _fields

    text: str
    literal: bool

    def __init__(self, text: str, literal: bool) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "literal", literal)


def _split(text: str) -> list[_Word]:
    """Split into words, honouring ``"…"`` spans and a leading backslash.

    A quoted span may hold several words; each becomes a literal word (so the title stays
    single-spaced). Quotes inside a word (``re"#2"``) make the whole word literal.
    """
    words: list[_Word] = []
    current: list[str] = []
    literal = False
    closing: str | None = None  # the quote that ends the open span, if one is open
    started = False  # whether the current word has begun (an empty "" still counts)
    index = 0

    def finish() -> None:
        nonlocal current, literal, started
        if current:
            words.append(_Word("".join(current), literal))
        current, literal, started = [], False, False

    while index < len(text):
        char = text[index]
        if closing is not None:
            if char == closing:
                closing = None
            elif char.isspace():
                finish()
                literal = True  # the next word is still inside the quotes
            else:
                current.append(char)
            index += 1
            continue
        if char.isspace():
            finish()
        elif char in _QUOTES:
            closing = _QUOTES[char]
            literal = started = True
        elif char == "\\" and not started and index + 1 < len(text):
            following = text[index + 1]
            if following.isspace():
                current.append(char)  # a lone backslash is just text
            else:
                # Escape the word; the next character is taken as is, so \" and \\ work.
                current.append(following)
                literal = True
                index += 1
            started = True
        else:
            current.append(char)
            started = True
        index += 1
    finish()
    return words


def parse(text: str, today: date, reference: date | None = None) -> ParsedTask:
    """Parse one line of quick-add text relative to ``today``; raises :class:`QuickAddError`.

    See the module docstring for the grammar. ``today`` anchors ``today``, ``tomorrow`` and
    ``in 3 days``; ``reference`` (default: ``today``; the app passes the day on screen) anchors
    a weekday, ``next fri`` and a date without a year. Neither is ever read from the clock.
    """
    words = _split(clean_line(text))
    title: list[str] = []
    tags: dict[str, dict[str, None]] = {kind: {} for kind in _SIGILS.values()}
    day: date | None = None
    day_text = ""
    at: time | None = None
    at_text = ""
    stretch = False
    recurrence: str | None = None
    index = 0

    while index < len(words):
        word = words[index]
        if word.literal:
            title.append(word.text)
            index += 1
            continue
        lowered = word.text.lower()

        if lowered == "!":
            stretch = True
            index += 1
            continue

        tag = _tag(word.text)
        if tag is not None:
            kind = _SIGILS[word.text[0]]
            body, trailing = tag
            try:
                slug = check_slug(body, kind)
            except ValidationError as error:
                raise QuickAddError(f"{word.text[:40]}: {error}") from error
            tags[kind].setdefault(slug, None)
            if trailing:
                # Kept, joined to the word before it: "ask @bob." reads "ask." not "ask .".
                if title:
                    title[-1] += trailing
                else:
                    title.append(trailing)
            index += 1
            continue

        if lowered == "every":
            following = _plain_run(words, index + 1, len(words))
            try:
                rule, used = dates.parse_recurrence(following)
            except DateError as error:
                raise QuickAddError(
                    f'{error}; to keep "every" as text, write \\every or quote it'
                ) from error
            if recurrence is not None and rule != recurrence:
                raise QuickAddError(
                    f'two repeat rules: "{dates.describe_rule(recurrence)}" and '
                    f'"{dates.describe_rule(rule)}"; keep one'
                )
            recurrence = rule
            index += 1 + used
            continue

        if dates.looks_like_time(word.text):
            try:
                found_time = dates.parse_time(word.text)
            except DateError as error:
                raise QuickAddError(_quote_hint(str(error), word.text)) from error
            if at is not None and found_time != at:
                raise QuickAddError(
                    f'two times: "{at_text}" and "{word.text}"; keep one '
                    "(quote a word to keep it as text)"
                )
            at, at_text = found_time, word.text
            index += 1
            continue

        matched = _match_day(words, index, today, reference)
        if matched is not None:
            found_day, used = matched
            span = " ".join(w.text for w in words[index : index + used])
            if day is not None and found_day != day:
                raise QuickAddError(
                    f'two different days: "{day_text}" ({dates.format_day(day)}) and "{span}" '
                    f"({dates.format_day(found_day)}); keep one, or quote a word such as "
                    '"sun" to keep it as text'
                )
            day, day_text = found_day, span
            index += used
            continue

        title.append(word.text)
        index += 1

    joined = " ".join(title)
    if not words:
        raise QuickAddError("empty title: type what the task is")
    if not joined.strip():
        understood = ", ".join(w.text for w in words) or "nothing"
        raise QuickAddError(
            f"empty title: only tokens were found ({understood[:80]}); type what the task is"
        )
    try:
        clean_title = check_title(joined)
    except ValidationError as error:
        raise QuickAddError(str(error)) from error
    return ParsedTask(
        title=clean_title,
        day=day,
        time=at,
        purposes=tuple(tags["purpose"]),
        skills=tuple(tags["skill"]),
        people=tuple(tags["person"]),
        stretch=stretch,
        recurrence=recurrence,
    )


def _tag(text: str) -> tuple[str, str] | None:
    """``(body, trailing punctuation)`` when ``text`` is a tag, else None (it is title text).

    The body must already be a slug up to case (so nothing is lost when it is stored):
    ``@Bob.`` → ``("Bob", ".")``; ``+c++`` and ``#a--b`` are not tags.
    """
    if len(text) < 2 or text[0] not in _SIGILS:
        return None
    body = text[1:].rstrip(_TRAILING)
    trailing = text[1 + len(body) :]
    if not slugify(body) or slugify(body) != nfkc(body).lower():
        return None
    return body, trailing


def _plain_run(words: list[_Word], start: int, stop: int) -> list[str]:
    """The texts of the words from ``start`` up to the first literal one (or ``stop``)."""
    run: list[str] = []
    for word in words[start:stop]:
        if word.literal:
            break
        run.append(word.text)
    return run


def _match_day(
    words: list[_Word], index: int, today: date, reference: date | None
) -> tuple[date, int] | None:
    """The day named by the longest run of plain words starting at ``index``, and its length.

    A run that has a day's shape but names none (``feb 30``) is an error, not title text.
    """
    run = _plain_run(words, index, index + _LONGEST_DAY)
    for length in range(len(run), 0, -1):
        try:
            found = dates.match_day(run[:length], today, reference)
        except DateError as error:
            raise QuickAddError(_quote_hint(str(error), " ".join(run[:length]))) from error
        if found is not None:
            return found, length
    return None


def _quote_hint(message: str, shown: str) -> str:
    """Add how to keep the offending words as plain title text."""
    return f'{message}; to keep "{shown}" as text, quote it'
