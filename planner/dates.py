"""Days, times and recurrence rules as the quick-add grammar writes them.

Everything here is pure: the reference day (``today``) is always passed in and the real clock is
never read, so the same text always means the same day in tests, in the app and in the CLI.

The words people type (``tomorrow``, ``fri``, ``next fri``, ``in 3 days``, ``dec 3``, ``3 dec``,
``2026-12-03``, ``3:30pm``, ``every weekday``) are recognised by a thin vocabulary layer; month
names are those of :mod:`dateutil.parser`'s vocabulary, the arithmetic of months and years from
:mod:`dateutil.relativedelta` (days and weeks are plain ``timedelta``), and recurrence rules
are RFC 5545 ``RRULE`` bodies run by :mod:`dateutil.rrule`.

Deliberate choices (DESIGN.md, "Quick-add grammar"):

* A weekday (``wed``) is its next occurrence *on or after* the reference day, so ``wed`` typed on a
  Wednesday is that same day. ``next wed`` is the first Wednesday *strictly after* the reference
  day: the two differ only when the reference day is itself a Wednesday.
* A date without a year (``dec 3``) is its next occurrence on or after the reference day, so
  ``dec 3`` typed on 10 Dec 2026 is 3 Dec 2027, and ``feb 29`` is the next leap day.
* ``12/03`` is refused: it reads as 12 March or 3 December depending on where you live.
* A month alone (``may``) is not a day: it names no day of the month.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from planner.model import Frozen, ValidationError

if TYPE_CHECKING:
    from dateutil import rrule as du_rrule
    from dateutil.relativedelta import relativedelta

__all__ = [
    "DAY_FORMS",
    "RULE_FORMS",
    "TIME_FORMS",
    "DateError",
    "describe_rule",
    "first_occurrence",
    "format_day",
    "format_time",
    "is_time_token",
    "looks_like_time",
    "match_day",
    "occurrences_between",
    "occurs_on",
    "parse_day",
    "parse_recurrence",
    "parse_time",
]

#: What the day parser accepts, quoted in error messages.
DAY_FORMS = (
    "today, tomorrow, tmrw, yesterday, mon…sun, next fri, in 3 days, in 2 weeks, in 1 month, "
    "dec 3, 3 dec, december 3, dec 3 2027, 2026-12-03"
)
#: What the time parser accepts, quoted in error messages.
TIME_FORMS = "9am, 9:30am, 3:30pm, 12pm (noon), 12am (midnight), 15:30"
#: What may follow "every", quoted in error messages.
RULE_FORMS = (
    "every day, every 2 days, every weekday, every weekend, every mon, every mon,wed, "
    "every week, every 2 weeks, every other week, every month, every year"
)


class DateError(ValidationError):
    """A day, time or recurrence that cannot be understood; the message says what is accepted."""


# ---------------------------------------------------------------------------------------------
# Vocabulary

_RELATIVE_DAYS = {"today": 0, "tomorrow": 1, "tmrw": 1, "yesterday": -1}

_WEEKDAY_WORDS: dict[str, int] = {}
for _index, _names in enumerate(
    (
        ("mon", "monday"),
        ("tue", "tues", "tuesday"),
        ("wed", "weds", "wednesday"),
        ("thu", "thur", "thurs", "thursday"),
        ("fri", "friday"),
        ("sat", "saturday"),
        ("sun", "sunday"),
    )
):
    for _name in _names:
        _WEEKDAY_WORDS[_name] = _index

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

#: The month names of dateutil's parser (``parserinfo.MONTHS``, lower case): the English
#: names and their usual abbreviations ("sept" included). Written out: importing the parser
#: costs ~10 ms, and every title word is tried ("decide", "market"). The tests check both agree.
_MONTHS = {
    **dict.fromkeys(("jan", "january"), 1),
    **dict.fromkeys(("feb", "february"), 2),
    **dict.fromkeys(("mar", "march"), 3),
    **dict.fromkeys(("apr", "april"), 4),
    **dict.fromkeys(("may",), 5),
    **dict.fromkeys(("jun", "june"), 6),
    **dict.fromkeys(("jul", "july"), 7),
    **dict.fromkeys(("aug", "august"), 8),
    **dict.fromkeys(("sep", "sept", "september"), 9),
    **dict.fromkeys(("oct", "october"), 10),
    **dict.fromkeys(("nov", "november"), 11),
    **dict.fromkeys(("dec", "december"), 12),
}


# ASCII digits only: Python's \d and int() also accept other scripts' digits, which nobody
# types as a date and which would make "３ dec" a day. Patterns, compiled by ``re`` (and kept
# in its cache) the first time one is used: most commands use a few, and compiling them all
# would cost every ``planner add`` half a millisecond.
_DAY_OF_MONTH = r"([0-9]{1,2})(?:st|nd|rd|th)?"
_YEAR = r"[0-9]{4}"
_ISO = r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
_COUNT = r"[0-9]+"
_SLASHED = r"[0-9]{1,4}[/.][0-9]{1,2}(?:[/.][0-9]{1,4})?"
_TIME_12H = r"([0-9]{1,2})(?::([0-9]{2}))?(am|pm)"
_TIME_24H = r"([0-9]{1,2}):([0-9]{2})"

_UNITS = {
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "month": "months",
    "months": "months",
    "year": "years",
    "years": "years",
}

# Far enough for any plan, small enough that the arithmetic cannot overflow.
_MAX_COUNT = 10_000


def _month_word(word: str) -> int | None:
    """The month (1–12) a word names (``dec``, ``December``, ``sept``), or None."""
    return _MONTHS.get(word.lower()) if word.isalpha() else None


# ---------------------------------------------------------------------------------------------
# Days


def parse_day(text: str, today: date) -> date:
    """The day ``text`` names, relative to ``today``; raises :class:`DateError`.

    Accepted (case-insensitive): ``today``, ``tomorrow``/``tmrw``, ``yesterday``; a weekday
    (``mon`` or ``monday``: the next one on or after ``today``); ``next fri`` (the first Friday
    strictly after ``today``); ``in 3 days``/``in 2 weeks``/``in 1 month``/``in 1 year``; a date
    ``dec 3``, ``3 dec``, ``december 3`` (the next one on or after ``today``), with an optional
    year ``dec 3 2027``/``3 dec 2027``; an ISO date ``2026-12-03``. A weekday may lead a date
    (``fri dec 4``) and is then checked against it.
    """
    words = text.split()
    if not words:
        raise DateError(f"no day given; a day is one of: {DAY_FORMS}")
    found = match_day(words, today)
    if found is not None:
        return found
    shown = " ".join(words)
    if len(words) == 1 and re.fullmatch(_SLASHED, words[0]):
        raise DateError(
            f'ambiguous date "{shown}": write it as 2026-12-03, dec 3 or 3 dec '
            "(day and month order differs between countries)"
        )
    if len(words) == 1 and _month_word(words[0]) is not None:
        raise DateError(f'"{shown}" is a month, not a day: add the day, e.g. {words[0]} 3')
    raise DateError(f'not a day: "{shown}"; a day is one of: {DAY_FORMS}')


def match_day(words: Sequence[str], today: date, reference: date | None = None) -> date | None:
    """The day that exactly ``words`` name, or None when they are not a day at all.

    ``today``, ``tomorrow``, ``yesterday`` and ``in 3 days`` count from ``today``; a weekday,
    ``next fri`` and a date without a year from ``reference`` (default: ``today``): the quick
    add of the app passes the day on screen, so ``fri`` typed on Thu 3 Dec is Fri 4 Dec.

    Raises :class:`DateError` when the words have the shape of a day but name none
    (``feb 30``, ``2026-13-01``, ``fri dec 3`` when 3 Dec is not a Friday): such text is clearly
    meant as a day, and silently keeping it as title text would hide the mistake.
    Used by the quick-add parser to try spans of 4, 3, 2 and 1 words.
    """
    lowered = [word.lower() for word in words]
    count = len(lowered)
    if count == 0:
        return None
    start = today if reference is None else reference
    if count == 1:
        word = lowered[0]
        if word in _RELATIVE_DAYS:
            return _shift(today, timedelta(days=_RELATIVE_DAYS[word]), word)
        if word in _WEEKDAY_WORDS:
            # The next one on or after the reference day.
            ahead = (_WEEKDAY_WORDS[word] - start.weekday()) % 7
            return _shift(start, timedelta(days=ahead), word)
    if count == 2 and lowered[0] == "next" and lowered[1] in _WEEKDAY_WORDS:
        # The search starts the day after: strictly after the reference day.
        ahead = 1 + (_WEEKDAY_WORDS[lowered[1]] - start.weekday() - 1) % 7
        return _shift(start, timedelta(days=ahead), " ".join(lowered))
    if count == 3 and lowered[0] == "in" and re.fullmatch(_COUNT, lowered[1]):
        unit = _UNITS.get(lowered[2])
        if unit is not None:
            return _in(lowered, unit, today)

    # A weekday may lead a calendar date ("fri dec 4", "friday, 4 dec"): checked, not guessed.
    named_weekday: int | None = None
    rest = lowered
    if count >= 2 and lowered[0].rstrip(",") in _WEEKDAY_WORDS:
        named_weekday = _WEEKDAY_WORDS[lowered[0].rstrip(",")]
        rest = lowered[1:]
    found = _calendar_date(rest, start)
    if found is None:
        return None
    if named_weekday is not None and found.weekday() != named_weekday:
        raise DateError(
            f'"{" ".join(words)}": {format_day(found)} is a {_WEEKDAY_NAMES[found.weekday()]}, '
            f"not a {_WEEKDAY_NAMES[named_weekday]}"
        )
    return found


def _shift(today: date, step: timedelta | relativedelta, shown: str) -> date:
    """``today + step``, with the overflow at the ends of the calendar as a DateError."""
    try:
        result: date = today + step
    except (OverflowError, ValueError) as error:
        raise DateError(f'"{shown}" falls outside the calendar (years 1–9999)') from error
    return result


def _in(lowered: Sequence[str], unit: str, today: date) -> date:
    """``in N days/weeks/months/years``."""
    shown = " ".join(lowered)
    if len(lowered[1]) > 5 or int(lowered[1]) > _MAX_COUNT:
        raise DateError(f'"{shown}" is too far ahead: at most {_MAX_COUNT:,} {unit}')
    count = int(lowered[1])
    if unit in ("days", "weeks"):
        return _shift(today, timedelta(**{unit: count}), shown)
    # Imported here: only months and years need calendar arithmetic (~3 ms to import).
    from dateutil.relativedelta import relativedelta

    step = relativedelta(months=count) if unit == "months" else relativedelta(years=count)
    return _shift(today, step, shown)


def _calendar_date(words: Sequence[str], today: date) -> date | None:
    """``2026-12-03``, ``dec 3``, ``3 dec``, ``december 3, 2027``…; None if not that shape."""
    if len(words) == 1:
        # (Only ten characters can be YYYY-MM-DD: other words never compile the pattern.)
        iso = re.fullmatch(_ISO, words[0]) if len(words[0]) == 10 else None
        if iso is None:
            return None
        return _make_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), words)
    if len(words) not in (2, 3):
        return None
    first, second = words[0], words[1]
    year_word = words[2] if len(words) == 3 else None
    if year_word is not None:
        if len(year_word) != 4 or not re.fullmatch(_YEAR, year_word):
            return None
        # "december 3, 2027" / "3 dec, 2027": a comma may only separate the year.
        second = second.removesuffix(",")
    # The day is only looked for next to a month name.
    month = _month_word(first)
    day_match = re.fullmatch(_DAY_OF_MONTH, second) if month is not None else None
    if month is None or day_match is None:
        month = _month_word(second)
        day_match = re.fullmatch(_DAY_OF_MONTH, first) if month is not None else None
    if month is None or day_match is None:
        return None
    day = int(day_match.group(1))
    if year_word is not None:
        return _make_date(int(year_word), month, day, words)
    return _next_yearly(month, day, today, words)


def _make_date(year: int, month: int, day: int, words: Sequence[str]) -> date:
    """A real date, or a DateError that says which part is wrong."""
    try:
        return date(year, month, day)
    except ValueError as error:
        raise DateError(
            f'no such day: "{" ".join(words)}" ({error}); write a real date, e.g. dec 3 or '
            "2026-12-03"
        ) from error


def _next_yearly(month: int, day: int, today: date, words: Sequence[str]) -> date:
    """The first ``month``/``day`` on or after ``today`` (so ``feb 29`` waits for a leap year)."""
    import calendar  # only for a calendar date (dec 3): not on the path of the common words

    longest = calendar.monthrange(2000, month)[1]  # 2000 is a leap year: February has 29
    if not 1 <= day <= longest:
        raise DateError(
            f'no such day: "{" ".join(words)}" ({calendar.month_name[month]} has at most '
            f"{longest} days)"
        )
    # A leap day can be eight years away (2096 → 2104); any other date is at most one year away.
    for year in range(today.year, min(today.year + 9, 10_000)):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise DateError(f'"{" ".join(words)}" falls outside the calendar (years 1–9999)')


def format_day(d: date, today: date | None = None) -> str:
    """``Wed 25 Nov 2026``, plus `` (today)``, `` (tomorrow)`` or `` (yesterday)`` given ``today``.

    English names are spelled out here rather than taken from ``strftime`` so the output does
    not change with the machine's locale.
    """
    text = f"{_WEEKDAY_ABBR[d.weekday()]} {d.day} {_MONTH_ABBR[d.month - 1]} {d.year}"
    if today is not None:
        relative = {0: "today", 1: "tomorrow", -1: "yesterday"}.get(
            d.toordinal() - today.toordinal()
        )
        if relative is not None:
            text += f" ({relative})"
    return text


# ---------------------------------------------------------------------------------------------
# Times


def parse_time(text: str) -> time:
    """The time of day one token names; raises :class:`DateError`.

    Accepted: ``9am``, ``9:30am``, ``3:30pm``, ``12pm`` (noon), ``12am`` (midnight) and the
    24-hour ``15:30``/``9:05`` (minutes always two digits, so ``3:2`` is not a time).
    """
    word = text.strip().lower()
    twelve = re.fullmatch(_TIME_12H, word)
    if twelve is not None:
        hour, minute = int(twelve.group(1)), int(twelve.group(2) or 0)
        if not 1 <= hour <= 12 or minute > 59:
            raise DateError(f'not a time: "{text.strip()}"; a time is one of: {TIME_FORMS}')
        hour = hour % 12 + (12 if twelve.group(3) == "pm" else 0)
        return time(hour, minute)
    clock = re.fullmatch(_TIME_24H, word)
    if clock is not None:
        hour, minute = int(clock.group(1)), int(clock.group(2))
        if hour > 23 or minute > 59:
            raise DateError(f'not a time: "{text.strip()}"; a time is one of: {TIME_FORMS}')
        return time(hour, minute)
    raise DateError(f'not a time: "{text.strip()}"; a time is one of: {TIME_FORMS}')


def is_time_token(tok: str) -> bool:
    """True when :func:`parse_time` accepts ``tok`` (a real time, not just its shape)."""
    try:
        parse_time(tok)
    except DateError:
        return False
    return True


def looks_like_time(tok: str) -> bool:
    """True when ``tok`` has the shape of a time (``25:00``, ``13pm`` included).

    The quick-add parser reports such tokens as mistakes instead of keeping them as title text.
    """
    word = tok.lower()
    # Every title word is tried: only one that could match compiles a pattern (both start
    # with a digit; one ends with am/pm, the other holds a colon).
    if not word[:1].isdigit():
        return False
    if word.endswith(("am", "pm")) and re.fullmatch(_TIME_12H, word):
        return True
    return ":" in word and re.fullmatch(_TIME_24H, word) is not None


def format_time(t: time) -> str:
    """``15:00``: the 24-hour form used in previews, JSON and exports."""
    return f"{t.hour:02d}:{t.minute:02d}"


# ---------------------------------------------------------------------------------------------
# Recurrence


def parse_recurrence(words: list[str]) -> tuple[str, int]:
    """The rule the words after ``every`` describe, and how many of those words it used.

    Returns an RRULE body without the ``RRULE:`` prefix and without DTSTART (the series' first
    day supplies that): ``day`` → ``FREQ=DAILY``; ``2 days`` → ``FREQ=DAILY;INTERVAL=2``;
    ``weekday`` → ``FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR``; ``weekend`` → ``…BYDAY=SA,SU``;
    ``mon``/``monday``/``mondays`` → ``FREQ=WEEKLY;BYDAY=MO``; ``mon,wed``, ``mon, wed`` and
    ``mon and wed`` → ``FREQ=WEEKLY;BYDAY=MO,WE``; ``week``/``2 weeks``/``other week``;
    ``month``; ``year``. A number or ``other`` may also lead weekdays (``other fri``).
    Raises :class:`DateError` when the words do not start with a rule.
    """
    lowered = [word.lower() for word in words]
    position = 0
    interval = 1
    counted = False
    if lowered and (lowered[0] == "other" or re.fullmatch(_COUNT, lowered[0])):
        if lowered[0] == "other":
            interval = 2
        elif len(lowered[0]) > 3 or not 1 <= int(lowered[0]) <= 999:
            raise DateError(
                f'"every {words[0]}": the number of days/weeks/months must be 1–999; '
                f"write one of: {RULE_FORMS}"
            )
        else:
            interval = int(lowered[0])
        counted = True
        position = 1

    rule: str | None = None
    if position < len(lowered):
        word = lowered[position]
        unit = _UNITS.get(word)
        if unit is not None:
            freq = {"days": "DAILY", "weeks": "WEEKLY", "months": "MONTHLY", "years": "YEARLY"}
            rule = f"FREQ={freq[unit]}"
            position += 1
        elif word in ("weekday", "weekdays", "weekend", "weekends") and not counted:
            days = "MO,TU,WE,TH,FR" if word.startswith("weekday") else "SA,SU"
            rule = f"FREQ=WEEKLY;BYDAY={days}"
            position += 1
        else:
            weekdays, used = _weekday_list(lowered[position:])
            if weekdays:
                rule = "FREQ=WEEKLY;BYDAY=" + ",".join(_RRULE_DAYS[day] for day in weekdays)
                position += used
    if rule is None:
        shown = " ".join(["every", *words[: position + 1]])
        raise DateError(f'"{shown}" is not a repeat rule; write one of: {RULE_FORMS}')
    if interval > 1:
        # INTERVAL goes right after FREQ, the order RFC 5545 examples (and dateutil) use.
        freq_part, _, by_part = rule.partition(";")
        rule = f"{freq_part};INTERVAL={interval}" + (f";{by_part}" if by_part else "")
    _checked_rule(rule)
    return rule, position


def _weekday_list(lowered: Sequence[str]) -> tuple[list[int], int]:
    """Weekdays at the start of ``lowered`` (``mon``, ``mon,wed``, ``mon, wed``, ``mon and wed``).

    A second weekday must be joined by a comma or ``and``: ``every mon tue`` is ``every mon`` on
    the day ``tue``, not a guess that two weekdays were meant.
    """
    found: list[int] = []
    used = 0
    joined = True  # the first word needs no joiner
    while used < len(lowered):
        word = lowered[used]
        if word == "and" and found and not joined:
            following = _weekday_pieces(lowered[used + 1]) if used + 1 < len(lowered) else None
            if not following:
                break
            joined = True
            used += 1
            continue
        pieces = _weekday_pieces(word)
        if not pieces or not joined:
            break
        found.extend(pieces)
        joined = word.endswith(",")
        used += 1
    ordered = sorted(set(found))
    return ordered, used


def _weekday_pieces(word: str) -> list[int] | None:
    """``mon`` → [0]; ``mon,wed,`` → [0, 2]; plurals (``mondays``) too; None if not weekdays."""
    pieces = [piece for piece in word.split(",") if piece]
    if not pieces:
        return None
    days: list[int] = []
    for piece in pieces:
        day = _WEEKDAY_WORDS.get(piece)
        if day is None and piece.endswith("s"):
            day = _WEEKDAY_WORDS.get(piece[:-1])
        if day is None:
            return None
        days.append(day)
    return days


class _Simple(Frozen):
    """A rule simple enough to answer "does it occur on this day?" with arithmetic."""

    _fields = ("freq", "interval", "byday")
    __slots__ = _fields

    freq: str
    interval: int
    byday: frozenset[int] | None

    def __init__(self, freq: str, interval: int, byday: frozenset[int] | None) -> None:
        object.__setattr__(self, "freq", freq)
        object.__setattr__(self, "interval", interval)
        object.__setattr__(self, "byday", byday)


_SIMPLE_FREQS = frozenset({"DAILY", "WEEKLY", "MONTHLY", "YEARLY"})


@lru_cache(maxsize=512)
def _checked_rule(rule: str) -> _Simple | None:
    """Validate ``rule`` (raising DateError) and return its arithmetic form, if it has one.

    A rule of the simple form is one dateutil reads (the unit tests check it), so only the
    others are validated by dateutil: a day view with repeating tasks or ``every mon`` never
    imports its rrule (~3 ms). Cached: a day view asks about every series, and the rule text
    never changes.
    """
    simple = _simple_form(rule)
    if simple is not None:
        return simple
    # Imported here: only a rule beyond the simple form needs dateutil's rrule.
    import re

    from dateutil import rrule as du_rrule

    # dateutil takes an INTERVAL of 0 or less, then loops for ever looking for the next day:
    # such a rule (only an imported or hand-edited file can hold one) is refused here.
    for found in re.finditer(r"INTERVAL\s*=\s*([+-]?\d{1,18})\b", rule.upper()):
        if int(found.group(1)) < 1:
            raise DateError(f'not a repeat rule: "{rule}" (INTERVAL must be 1 or more)')
    try:
        du_rrule.rrulestr(rule, dtstart=datetime(2000, 1, 1))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as error:
        raise DateError(f'not a repeat rule: "{rule}" ({error})') from error
    return None


def _simple_form(rule: str) -> _Simple | None:
    """``FREQ`` (daily … yearly) with an optional ``INTERVAL`` and plain ``BYDAY`` weekdays,
    as arithmetic; None for any other rule, valid or not."""
    body = rule.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:") :]
    parts: dict[str, str] = {}
    for part in body.upper().split(";"):
        key, _, value = part.partition("=")
        if key in parts:
            return None
        parts[key] = value
    if set(parts) - {"FREQ", "INTERVAL", "BYDAY"} or parts.get("FREQ") not in _SIMPLE_FREQS:
        return None
    interval_text = parts.get("INTERVAL", "1")
    # ASCII digits only: "²".isdigit() is true but int() refuses it.
    if not (interval_text.isascii() and interval_text.isdigit()):
        return None
    try:
        interval = int(interval_text)
    except ValueError:  # past 4,300 digits: dateutil's int() refuses it too (a DateError)
        return None
    if interval < 1:
        return None
    byday: frozenset[int] | None = None
    if "BYDAY" in parts:
        codes = parts["BYDAY"].split(",")
        if any(code not in _RRULE_DAYS for code in codes):
            return None  # "+1MO" and friends: leave them to dateutil
        byday = frozenset(_RRULE_DAYS.index(code) for code in codes)
        if parts["FREQ"] in ("MONTHLY", "YEARLY"):
            return None  # "every Monday of the month" expands differently: dateutil knows
    return _Simple(parts["FREQ"], interval, byday)


@lru_cache(maxsize=512)
def _series(rule: str, start: date) -> du_rrule.rrule | du_rrule.rruleset:
    """The dateutil rule for a series starting on ``start`` (cached: building it parses text)."""
    from dateutil import rrule as du_rrule

    _checked_rule(rule)
    return du_rrule.rrulestr(rule, dtstart=datetime.combine(start, time()))


def _simple_occurs(spec: _Simple, start: date, day: date) -> bool:
    """The arithmetic equivalent of dateutil's expansion for a :class:`_Simple` rule.

    dateutil walks every occurrence from the start, which costs milliseconds for a series that
    is years old; this is constant time. The unit tests check both agree.
    """
    if spec.freq == "DAILY":
        if spec.byday is not None and day.weekday() not in spec.byday:
            return False
        return (day - start).days % spec.interval == 0
    if spec.freq == "WEEKLY":
        days = spec.byday if spec.byday is not None else frozenset({start.weekday()})
        if day.weekday() not in days:
            return False
        # Weeks start on Monday (RFC 5545's default WKST) and are counted from the start's week.
        weeks = ((day - timedelta(days=day.weekday())) - (start - timedelta(start.weekday()))).days
        return (weeks // 7) % spec.interval == 0
    if spec.freq == "MONTHLY":
        months = (day.year - start.year) * 12 + day.month - start.month
        return day.day == start.day and months % spec.interval == 0
    # YEARLY: the start's month and day, every interval years (a 29 Feb start: leap years only).
    return (day.month, day.day) == (start.month, start.day) and (
        day.year - start.year
    ) % spec.interval == 0


def occurs_on(rule: str, start: date, day: date) -> bool:
    """Does the series that starts on ``start`` with ``rule`` have an occurrence on ``day``?

    Days before ``start`` never do. Raises :class:`DateError` for a rule dateutil rejects.
    """
    spec = _checked_rule(rule)
    if day < start:
        return False
    if spec is not None:
        return _simple_occurs(spec, start, day)
    found = _series(rule, start).after(datetime.combine(day, time()), inc=True)
    return found is not None and found.date() == day


def occurrences_between(rule: str, start: date, first: date, last: date) -> list[date]:
    """The days from ``first`` to ``last`` (inclusive) on which the series occurs, in order."""
    spec = _checked_rule(rule)
    first = max(first, start)
    if last < first:
        return []
    if spec is not None:
        span = (last - first).days
        days = (first + timedelta(days=offset) for offset in range(span + 1))
        return [day for day in days if _simple_occurs(spec, start, day)]
    found = _series(rule, start).between(
        datetime.combine(first, time()), datetime.combine(last, time.max), inc=True
    )
    # A rule with BYHOUR could give a day twice; a task occurs once on a day.
    return sorted({moment.date() for moment in found})


def first_occurrence(rule: str, start: date) -> date | None:
    """The first day on or after ``start`` on which the series occurs (None if it never does).

    ``every mon`` typed on a Wednesday starts its series on the following Monday.
    """
    spec = _checked_rule(rule)
    if spec is not None:
        # Most series occur within a week of their start; the others (a Monday every 2 weeks
        # starting on a Wednesday, 29 February) are left to dateutil below.
        for offset in range(min(8, (date.max - start).days + 1)):
            day = start + timedelta(days=offset)
            if _simple_occurs(spec, start, day):
                return day
    try:
        found = _series(rule, start).after(datetime.combine(start, time()), inc=True)
    except (OverflowError, ValueError):
        return None
    return found.date() if found is not None else None


def describe_rule(rule: str) -> str:
    """Plain words for a rule: ``every day``, ``every weekday``, ``every Monday and Wednesday``,
    ``every 2 weeks``, ``every month``; anything richer is shown as the rule itself."""
    spec = _checked_rule(rule)
    if spec is None:
        return f"repeats ({rule.strip()})"
    units = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}
    unit = units[spec.freq]
    every = f"every {unit}" if spec.interval == 1 else f"every {spec.interval} {unit}s"
    if spec.byday is None:
        return every
    days = sorted(spec.byday)
    if days == [0, 1, 2, 3, 4]:
        named = "weekday"
    elif days == [5, 6]:
        named = "weekend"
    else:
        names = [_WEEKDAY_NAMES[day] for day in days]
        named = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    if spec.interval == 1 and spec.freq in ("WEEKLY", "DAILY"):
        return "every day" if len(days) == 7 else f"every {named}"
    return f"{every} on {named}s" if named in ("weekday", "weekend") else f"{every} on {named}"
