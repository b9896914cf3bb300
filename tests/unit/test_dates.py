"""Days, times and recurrence rules of the quick-add grammar (planner.dates).

The reference day is fixed at Wednesday 25 November 2026 so every expectation is a plain date.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from dateutil import rrule
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.dates import (
    DateError,
    describe_rule,
    first_occurrence,
    format_day,
    format_time,
    is_time_token,
    looks_like_time,
    match_day,
    occurrences_between,
    occurs_on,
    parse_day,
    parse_recurrence,
    parse_time,
)
from planner.model import ValidationError

TODAY = date(2026, 11, 25)  # a Wednesday


def test_reference_day_is_a_wednesday() -> None:
    assert TODAY.weekday() == 2


# --- days -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 11, 25)),
        ("TODAY", date(2026, 11, 25)),
        ("tomorrow", date(2026, 11, 26)),
        ("Tomorrow", date(2026, 11, 26)),
        ("tmrw", date(2026, 11, 26)),
        ("yesterday", date(2026, 11, 24)),
        # A weekday is the next one on or after the reference day: "wed" on a Wednesday is today.
        ("wed", date(2026, 11, 25)),
        ("wednesday", date(2026, 11, 25)),
        ("thu", date(2026, 11, 26)),
        ("thurs", date(2026, 11, 26)),
        ("fri", date(2026, 11, 27)),
        ("sat", date(2026, 11, 28)),
        ("sun", date(2026, 11, 29)),
        ("Sunday", date(2026, 11, 29)),
        ("mon", date(2026, 11, 30)),
        ("monday", date(2026, 11, 30)),
        ("tue", date(2026, 12, 1)),
        ("tues", date(2026, 12, 1)),
        # "next X" is the first X strictly after the reference day.
        ("next wed", date(2026, 12, 2)),
        ("next fri", date(2026, 11, 27)),
        ("next Tuesday", date(2026, 12, 1)),
        ("in 0 days", date(2026, 11, 25)),
        ("in 1 day", date(2026, 11, 26)),
        ("in 3 days", date(2026, 11, 28)),
        ("in 2 weeks", date(2026, 12, 9)),
        ("in 1 month", date(2026, 12, 25)),
        ("in 2 months", date(2027, 1, 25)),
        ("in 1 year", date(2027, 11, 25)),
        ("dec 3", date(2026, 12, 3)),
        ("Dec 3", date(2026, 12, 3)),
        ("3 dec", date(2026, 12, 3)),
        ("december 3", date(2026, 12, 3)),
        ("3rd december", date(2026, 12, 3)),
        ("sept 9", date(2027, 9, 9)),
        ("nov 25", date(2026, 11, 25)),  # a yearless date on the reference day is that day
        ("nov 24", date(2027, 11, 24)),  # ... and one day before it is next year's
        ("jan 1", date(2027, 1, 1)),  # year rollover
        ("feb 29", date(2028, 2, 29)),  # the next leap day
        ("dec 3 2027", date(2027, 12, 3)),
        ("3 dec 2027", date(2027, 12, 3)),
        ("december 3, 2027", date(2027, 12, 3)),
        ("dec 3 2020", date(2020, 12, 3)),  # an explicit year may be in the past
        ("2026-12-03", date(2026, 12, 3)),
        ("2028-02-29", date(2028, 2, 29)),
        ("fri dec 4", date(2026, 12, 4)),
        ("Friday, 4 dec", date(2026, 12, 4)),
        ("fri 2026-12-04", date(2026, 12, 4)),
        ("  tomorrow  ", date(2026, 11, 26)),
    ],
)
def test_parse_day(text: str, expected: date) -> None:
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        # Year rollover: a date already past this year is next year's.
        (date(2026, 12, 10), "dec 3", date(2027, 12, 3)),
        (date(2026, 12, 31), "jan 1", date(2027, 1, 1)),
        (date(2026, 12, 31), "tomorrow", date(2027, 1, 1)),
        (date(2026, 12, 31), "fri", date(2027, 1, 1)),
        (date(2027, 1, 1), "yesterday", date(2026, 12, 31)),
        (date(2026, 1, 31), "in 1 month", date(2026, 2, 28)),  # clamped to the month's end
        (date(2028, 3, 1), "feb 29", date(2032, 2, 29)),
        (date(2096, 3, 1), "feb 29", date(2104, 2, 29)),  # 2100 is no leap year
        (date(2026, 11, 27), "fri", date(2026, 11, 27)),
        (date(2026, 11, 27), "next fri", date(2026, 12, 4)),
    ],
)
def test_parse_day_relative_to_other_days(today: date, text: str, expected: date) -> None:
    assert parse_day(text, today) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "no day given"),
        ("   ", "no day given"),
        ("feb 30", "February has at most 29 days"),
        ("31 april", "April has at most 30 days"),
        ("dec 0", "no such day"),
        ("2026-13-01", "month must be in 1..12"),
        ("2026-02-29", "no such day"),
        ("feb 29 2027", "no such day"),
        ("dec 3 0000", "no such day"),
        ("12/03", "ambiguous"),
        ("3/12/2026", "ambiguous"),
        ("may", "a month, not a day"),
        ("december", "a month, not a day"),
        ("thu dec 4", "is a Friday, not a Thursday"),
        ("in 99999 days", "too far"),
        ("in 9999 years", "outside the calendar"),
        ("someday", "not a day"),
        ("3", "not a day"),
        ("next", "not a day"),
        ("next month", "not a day"),
        ("in a week", "not a day"),
        ("tomorrow 3pm", "not a day"),
    ],
)
def test_parse_day_errors(text: str, fragment: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_day(text, TODAY)
    assert fragment in str(caught.value)


def test_date_error_is_a_validation_error_that_lists_accepted_forms() -> None:
    assert issubclass(DateError, ValidationError)
    with pytest.raises(ValidationError, match=r"tomorrow.*next fri.*2026-12-03"):
        parse_day("someday", TODAY)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["tomorrow"], date(2026, 11, 26)),
        (["next", "fri"], date(2026, 11, 27)),
        (["call"], None),
        (["next", "call"], None),
        (["dec"], None),
        (["3"], None),
        (["3", "dec", "x"], None),
        (["dec", "3", "27"], None),  # a year has four digits
        ([], None),
    ],
)
def test_match_day_tells_non_days_apart(words: list[str], expected: date | None) -> None:
    assert match_day(words, TODAY) == expected


@pytest.mark.parametrize(
    ("day", "today", "expected"),
    [
        (date(2026, 11, 25), None, "Wed 25 Nov 2026"),
        (date(2026, 11, 25), TODAY, "Wed 25 Nov 2026 (today)"),
        (date(2026, 11, 26), TODAY, "Thu 26 Nov 2026 (tomorrow)"),
        (date(2026, 11, 24), TODAY, "Tue 24 Nov 2026 (yesterday)"),
        (date(2026, 12, 3), TODAY, "Thu 3 Dec 2026"),
        (date(2027, 1, 1), None, "Fri 1 Jan 2027"),
    ],
)
def test_format_day(day: date, today: date | None, expected: str) -> None:
    assert format_day(day, today) == expected


# --- times ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9am", time(9, 0)),
        ("9AM", time(9, 0)),
        ("9:30am", time(9, 30)),
        ("3:30pm", time(15, 30)),
        ("3pm", time(15, 0)),
        ("9pm", time(21, 0)),
        ("12am", time(0, 0)),
        ("12:15am", time(0, 15)),
        ("12pm", time(12, 0)),
        ("12:45pm", time(12, 45)),
        ("15:30", time(15, 30)),
        ("9:05", time(9, 5)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
    ],
)
def test_parse_time(text: str, expected: time) -> None:
    assert parse_time(text) == expected
    assert is_time_token(text)
    assert looks_like_time(text)


@pytest.mark.parametrize("text", ["13pm", "0am", "9:60am", "24:00", "12:60"])
def test_time_shaped_but_impossible(text: str) -> None:
    assert looks_like_time(text)
    assert not is_time_token(text)
    with pytest.raises(DateError, match="not a time"):
        parse_time(text)


@pytest.mark.parametrize("text", ["9", "noon", "3:2", "9 am", "9.30am", "930", "", "pm", "9a"])
def test_not_times(text: str) -> None:
    assert not is_time_token(text)
    assert not looks_like_time(text)
    with pytest.raises(DateError, match="9:30am"):
        parse_time(text)


def test_format_time() -> None:
    assert format_time(time(9, 5)) == "09:05"


# --- recurrence -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "rule", "used", "description"),
    [
        ("day", "FREQ=DAILY", 1, "every day"),
        ("Day", "FREQ=DAILY", 1, "every day"),
        ("2 days", "FREQ=DAILY;INTERVAL=2", 2, "every 2 days"),
        ("1 day", "FREQ=DAILY", 2, "every day"),
        ("weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", 1, "every weekday"),
        ("weekdays", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", 1, "every weekday"),
        ("weekend", "FREQ=WEEKLY;BYDAY=SA,SU", 1, "every weekend"),
        ("mon", "FREQ=WEEKLY;BYDAY=MO", 1, "every Monday"),
        ("monday", "FREQ=WEEKLY;BYDAY=MO", 1, "every Monday"),
        ("mondays", "FREQ=WEEKLY;BYDAY=MO", 1, "every Monday"),
        ("Sun", "FREQ=WEEKLY;BYDAY=SU", 1, "every Sunday"),
        ("mon,wed", "FREQ=WEEKLY;BYDAY=MO,WE", 1, "every Monday and Wednesday"),
        ("wed,mon", "FREQ=WEEKLY;BYDAY=MO,WE", 1, "every Monday and Wednesday"),
        ("mon, wed", "FREQ=WEEKLY;BYDAY=MO,WE", 2, "every Monday and Wednesday"),
        ("mon and wed", "FREQ=WEEKLY;BYDAY=MO,WE", 3, "every Monday and Wednesday"),
        (
            "mon, wed and fri",
            "FREQ=WEEKLY;BYDAY=MO,WE,FR",
            4,
            "every Monday, Wednesday and Friday",
        ),
        ("mon tue", "FREQ=WEEKLY;BYDAY=MO", 1, "every Monday"),  # no joiner: tue is a day
        ("mon and call", "FREQ=WEEKLY;BYDAY=MO", 1, "every Monday"),
        ("week", "FREQ=WEEKLY", 1, "every week"),
        ("2 weeks", "FREQ=WEEKLY;INTERVAL=2", 2, "every 2 weeks"),
        ("other week", "FREQ=WEEKLY;INTERVAL=2", 2, "every 2 weeks"),
        ("other fri", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", 2, "every 2 weeks on Friday"),
        ("month", "FREQ=MONTHLY", 1, "every month"),
        ("3 months", "FREQ=MONTHLY;INTERVAL=3", 2, "every 3 months"),
        ("year", "FREQ=YEARLY", 1, "every year"),
        ("day at noon", "FREQ=DAILY", 1, "every day"),
    ],
)
def test_parse_recurrence(words: str, rule: str, used: int, description: str) -> None:
    assert parse_recurrence(words.split()) == (rule, used)
    assert describe_rule(rule) == description
    rrule.rrulestr(rule, dtstart=datetime(2026, 11, 25))  # a rule dateutil accepts


@pytest.mark.parametrize(
    "words", ["", "3", "other", "plant", "2 weekdays", "0 days", "1000 weeks", "every day", "x day"]
)
def test_parse_recurrence_errors(words: str) -> None:
    with pytest.raises(DateError, match="every weekday"):
        parse_recurrence(words.split())


@pytest.mark.parametrize(
    ("rule", "description"),
    [
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR", "every 2 weeks on weekdays"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU", "every day"),
        ("FREQ=DAILY;COUNT=3", "repeats (FREQ=DAILY;COUNT=3)"),
    ],
)
def test_describe_other_rules(rule: str, description: str) -> None:
    assert describe_rule(rule) == description


@pytest.mark.parametrize("rule", ["", "FREQ=", "garbage", "FREQ=DAILY;BYDAY=XX", "FREQ=DAILY;X=1"])
def test_invalid_rules_are_date_errors(rule: str) -> None:
    with pytest.raises(DateError, match="not a repeat rule"):
        occurs_on(rule, TODAY, TODAY)
    with pytest.raises(DateError):
        describe_rule(rule)


@pytest.mark.parametrize(
    ("rule", "start", "day", "expected"),
    [
        ("FREQ=DAILY", TODAY, TODAY, True),
        ("FREQ=DAILY", TODAY, TODAY - timedelta(days=1), False),  # before the start
        ("FREQ=DAILY;INTERVAL=2", TODAY, date(2026, 11, 27), True),
        ("FREQ=DAILY;INTERVAL=2", TODAY, date(2026, 11, 28), False),
        ("FREQ=WEEKLY", TODAY, date(2026, 12, 2), True),  # no BYDAY: the start's weekday
        ("FREQ=WEEKLY", TODAY, date(2026, 12, 3), False),
        ("FREQ=WEEKLY;BYDAY=MO", TODAY, TODAY, False),  # the start need not be an occurrence
        ("FREQ=WEEKLY;BYDAY=MO", TODAY, date(2026, 11, 30), True),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", TODAY, date(2026, 11, 28), False),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", TODAY, date(2036, 11, 28), True),
        ("FREQ=WEEKLY;INTERVAL=2", TODAY, date(2026, 12, 9), True),
        ("FREQ=WEEKLY;INTERVAL=2", TODAY, date(2026, 12, 2), False),
        ("FREQ=MONTHLY", date(2026, 1, 31), date(2026, 2, 28), False),  # rrule skips short months
        ("FREQ=MONTHLY", date(2026, 1, 31), date(2026, 3, 31), True),
        ("FREQ=YEARLY", date(2024, 2, 29), date(2028, 2, 29), True),
        ("FREQ=YEARLY", date(2024, 2, 29), date(2025, 2, 28), False),
        ("FREQ=DAILY;COUNT=3", TODAY, date(2026, 11, 27), True),  # dateutil's path
        ("FREQ=DAILY;COUNT=3", TODAY, date(2026, 11, 28), False),
        ("RRULE:FREQ=DAILY", TODAY, date(2026, 11, 28), True),
    ],
)
def test_occurs_on(rule: str, start: date, day: date, expected: bool) -> None:
    assert occurs_on(rule, start, day) is expected


def test_occurrences_between_is_inclusive_and_starts_at_the_series() -> None:
    rule = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    got = occurrences_between(rule, TODAY, date(2026, 11, 1), date(2026, 12, 1))
    assert got == [
        date(2026, 11, 25),
        date(2026, 11, 26),
        date(2026, 11, 27),
        date(2026, 11, 30),
        date(2026, 12, 1),
    ]
    assert occurrences_between(rule, TODAY, date(2026, 12, 1), date(2026, 11, 30)) == []
    counted = occurrences_between("FREQ=DAILY;COUNT=2", TODAY, TODAY, date(2027, 1, 1))
    assert counted == [TODAY, date(2026, 11, 26)]


@pytest.mark.parametrize(
    ("rule", "start", "expected"),
    [
        ("FREQ=DAILY", TODAY, TODAY),
        ("FREQ=WEEKLY;BYDAY=MO", TODAY, date(2026, 11, 30)),
        ("FREQ=WEEKLY;BYDAY=SA,SU", TODAY, date(2026, 11, 28)),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", TODAY, date(2026, 12, 7)),
        ("FREQ=MONTHLY", TODAY, TODAY),
        ("FREQ=DAILY;COUNT=1;BYDAY=FR", TODAY, date(2026, 11, 27)),
    ],
)
def test_first_occurrence(rule: str, start: date, expected: date) -> None:
    assert first_occurrence(rule, start) == expected


def test_occurs_on_is_fast_for_an_old_series() -> None:
    # A day view asks every series; a ten-year-old daily series must not walk ten years.
    start = date(2016, 1, 1)
    for rule in ("FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "FREQ=MONTHLY"):
        began = datetime.now()
        for offset in range(2000):
            occurs_on(rule, start, TODAY + timedelta(days=offset))
        assert (datetime.now() - began).total_seconds() < 1.0


_SIMPLE_RULES = st.builds(
    lambda freq, interval, days: ";".join(
        [f"FREQ={freq}"]
        + ([f"INTERVAL={interval}"] if interval > 1 else [])
        + ([f"BYDAY={','.join(days)}"] if days and freq in ("DAILY", "WEEKLY") else [])
    ),
    st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]),
    st.integers(1, 5),
    st.lists(st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]), unique=True),
)


@settings(max_examples=150, deadline=None)
@given(
    rule=_SIMPLE_RULES,
    start=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    offset=st.integers(-10, 1500),
)
def test_fast_path_agrees_with_dateutil(rule: str, start: date, offset: int) -> None:
    day = start + timedelta(days=offset)
    series = rrule.rrulestr(rule, dtstart=datetime.combine(start, time()))
    moment = datetime.combine(day, time())
    assert occurs_on(rule, start, day) is (moment in series)


@settings(max_examples=40, deadline=None)
@given(rule=_SIMPLE_RULES, start=st.dates(date(2020, 1, 1), date(2030, 12, 31)))
def test_occurrences_between_agrees_with_dateutil(rule: str, start: date) -> None:
    first, last = start - timedelta(days=20), start + timedelta(days=120)
    series = rrule.rrulestr(rule, dtstart=datetime.combine(start, time()))
    expected = [
        moment.date()
        for moment in series.between(
            datetime.combine(first, time()), datetime.combine(last, time()), inc=True
        )
    ]
    assert occurrences_between(rule, start, first, last) == expected
    after = series.after(datetime.combine(start, time()), inc=True)
    assert after is not None  # every simple rule repeats forever
    assert first_occurrence(rule, start) == after.date()
