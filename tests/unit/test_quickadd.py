"""The quick-add grammar (planner.quickadd): tokens, literals, errors and the preview.

The reference day is fixed at Wednesday 25 November 2026.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.dates import DateError, is_time_token, looks_like_time, match_day
from planner.model import ValidationError, slugify
from planner.quickadd import ParsedTask, QuickAddError, parse

TODAY = date(2026, 11, 25)  # a Wednesday
TOMORROW = date(2026, 11, 26)


def _fields(parsed: ParsedTask) -> dict[str, Any]:
    return {
        "title": parsed.title,
        "day": parsed.day,
        "time": parsed.time,
        "purposes": parsed.purposes,
        "skills": parsed.skills,
        "people": parsed.people,
        "stretch": parsed.stretch,
        "recurrence": parsed.recurrence,
    }


def test_the_design_example() -> None:
    parsed = parse(
        "Mentor the new hire on pivot tables +excel #help-others @marilyn tomorrow 3pm !", TODAY
    )
    assert _fields(parsed) == {
        "title": "Mentor the new hire on pivot tables",
        "day": TOMORROW,
        "time": time(15, 0),
        "purposes": ("help-others",),
        "skills": ("excel",),
        "people": ("marilyn",),
        "stretch": True,
        "recurrence": None,
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # plain text
        ("Write report", {"title": "Write report"}),
        ("  Write   the\treport  ", {"title": "Write the report"}),
        ("Buy 3 apples", {"title": "Buy 3 apples"}),  # a number alone is text
        ("Plan may budget", {"title": "Plan may budget"}),  # a month alone is text
        ("Plan next steps", {"title": "Plan next steps"}),
        ("Report 12/03 numbers", {"title": "Report 12/03 numbers"}),  # ambiguous: text
        ("Check in a week", {"title": "Check in a week"}),
        # tags
        ("Review #help-others", {"title": "Review", "purposes": ("help-others",)}),
        ("Review #Help-Others", {"title": "Review", "purposes": ("help-others",)}),
        ("Review #a #b #a", {"title": "Review", "purposes": ("a", "b")}),
        ("Review #a #A", {"title": "Review", "purposes": ("a",)}),
        ("Learn +excel +mentoring", {"title": "Learn", "skills": ("excel", "mentoring")}),
        ("Lunch @marilyn @sam", {"title": "Lunch", "people": ("marilyn", "sam")}),
        ("Lunch @marilyn,", {"title": "Lunch,", "people": ("marilyn",)}),
        ("Fix # + @ now", {"title": "Fix # + @ now"}),  # a bare sigil is text
        ("Fix +-- now", {"title": "Fix +-- now"}),  # no letters or digits: text
        ("Train the team !", {"title": "Train the team", "stretch": True}),
        ("Wow!", {"title": "Wow!"}),
        ("Wow !!", {"title": "Wow !!"}),
        # days
        ("Call mom today", {"title": "Call mom", "day": TODAY}),
        ("Call mom tmrw", {"title": "Call mom", "day": TOMORROW}),
        ("Call mom TOMORROW", {"title": "Call mom", "day": TOMORROW}),
        ("yesterday Call mom", {"title": "Call mom", "day": date(2026, 11, 24)}),
        ("Call mom wed", {"title": "Call mom", "day": TODAY}),  # weekday on the day itself
        ("Call mom fri", {"title": "Call mom", "day": date(2026, 11, 27)}),
        ("Call mom next wed", {"title": "Call mom", "day": date(2026, 12, 2)}),
        ("Call mom in 3 days", {"title": "Call mom", "day": date(2026, 11, 28)}),
        ("Call mom in 2 weeks please", {"title": "Call mom please", "day": date(2026, 12, 9)}),
        ("Call mom dec 3", {"title": "Call mom", "day": date(2026, 12, 3)}),
        ("Call mom 3 dec", {"title": "Call mom", "day": date(2026, 12, 3)}),
        ("Call mom december 3", {"title": "Call mom", "day": date(2026, 12, 3)}),
        ("Call mom dec 3 2027", {"title": "Call mom", "day": date(2027, 12, 3)}),
        ("Call mom 2026-12-03", {"title": "Call mom", "day": date(2026, 12, 3)}),
        ("Call mom jan 2", {"title": "Call mom", "day": date(2027, 1, 2)}),  # year rollover
        ("Call mom nov 24", {"title": "Call mom", "day": date(2027, 11, 24)}),
        ("Call mom fri dec 4", {"title": "Call mom", "day": date(2026, 12, 4)}),
        ("Buy 2 dec 3", {"title": "Buy 3", "day": date(2026, 12, 2)}),  # longest match first
        ("Go out in the sun", {"title": "Go out in the", "day": date(2026, 11, 29)}),
        ("Call mom tomorrow tmrw", {"title": "Call mom", "day": TOMORROW}),  # same day twice
        ("Call mom thu tomorrow", {"title": "Call mom", "day": TOMORROW}),
        # times
        ("Standup 9am", {"title": "Standup", "time": time(9, 0)}),
        ("Standup 9:30am", {"title": "Standup", "time": time(9, 30)}),
        ("Standup 3:30PM", {"title": "Standup", "time": time(15, 30)}),
        ("Standup 15:30", {"title": "Standup", "time": time(15, 30)}),
        ("Standup 12am", {"title": "Standup", "time": time(0, 0)}),
        ("Standup 12pm", {"title": "Standup", "time": time(12, 0)}),
        ("Standup 9am 9:00", {"title": "Standup", "time": time(9, 0)}),  # same time twice
        ("Score 3:2", {"title": "Score 3:2"}),
        # recurrence
        ("Standup every day", {"title": "Standup", "recurrence": "FREQ=DAILY"}),
        (
            "Standup every weekday 9:30am",
            {
                "title": "Standup",
                "time": time(9, 30),
                "recurrence": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            },
        ),
        ("Water plants every mon", {"title": "Water plants", "recurrence": "FREQ=WEEKLY;BYDAY=MO"}),
        (
            "Water plants every mon, thu and sat",
            {"title": "Water plants", "recurrence": "FREQ=WEEKLY;BYDAY=MO,TH,SA"},
        ),
        (
            "1:1 @sam every 2 weeks",
            {"title": "1:1", "people": ("sam",), "recurrence": "FREQ=WEEKLY;INTERVAL=2"},
        ),
        ("Pay rent every month", {"title": "Pay rent", "recurrence": "FREQ=MONTHLY"}),
        (
            "Review every mon tue",
            {"title": "Review", "day": date(2026, 12, 1), "recurrence": "FREQ=WEEKLY;BYDAY=MO"},
        ),
        ("Review EVERY Day", {"title": "Review", "recurrence": "FREQ=DAILY"}),
        # literals
        ('"call #2 back" tomorrow', {"title": "call #2 back", "day": TOMORROW}),
        ('Ask "sun" about it', {"title": "Ask sun about it"}),
        ('Read "next fri" notes fri', {"title": "Read next fri notes", "day": date(2026, 11, 27)}),
        ('Say "  hi   there " now', {"title": "Say hi there now"}),
        ('Call "#2 tomorrow', {"title": "Call #2 tomorrow"}),  # unclosed: literal to the end
        ('Call re"#2"x', {"title": "Call re#2x"}),
        ("Call “#2 back” sat", {"title": "Call #2 back", "day": date(2026, 11, 28)}),
        ('Quote "" nothing', {"title": "Quote nothing"}),
        (r"Call \#2 back", {"title": "Call #2 back"}),
        (r"Rate \+1 \@home \!", {"title": "Rate +1 @home !"}),
        (r"Say \tomorrow tomorrow", {"title": "Say tomorrow", "day": TOMORROW}),
        (r"Meet \dec 3", {"title": "Meet dec 3"}),
        (r"Read \every word", {"title": "Read every word"}),
        (r"Quote \"this", {"title": 'Quote "this'}),
        (r"Path C:\temp \ ok", {"title": r"Path C:\temp \ ok"}),
        (r"Escape \\#x", {"title": r"Escape \#x"}),
        # control characters never reach the title
        ("Fix \x1b[31mred\x1b[0m text", {"title": "Fix red text"}),
        ("Fix\x00 the\x07 bell", {"title": "Fix the bell"}),
        ("Line one\nline two", {"title": "Line one line two"}),
    ],
)
def test_parse(text: str, expected: dict[str, Any]) -> None:
    defaults: dict[str, Any] = {
        "day": None,
        "time": None,
        "purposes": (),
        "skills": (),
        "people": (),
        "stretch": False,
        "recurrence": None,
    }
    assert _fields(parse(text, TODAY)) == {**defaults, **expected}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty title"),
        ("   ", "empty title"),
        ("tomorrow 3pm #help-others", "empty title"),
        ("!", "empty title"),
        ('""', "empty title"),
        ("Call tomorrow mon", "two different days"),
        ("Call dec 3 dec 4", "two different days"),
        ("Call 3pm 4pm", "two times"),
        ("Water every", "not a repeat rule"),
        ("Water every plant", "not a repeat rule"),
        ("Water every 3", "not a repeat rule"),
        ('Water every "day"', "not a repeat rule"),
        ("Standup every day every week", "two repeat rules"),
        ("Call feb 30", "February has at most 29 days"),
        ("Call 2026-13-01", "month must be in 1..12"),
        ("Call thu dec 4", "not a Thursday"),
        ("Call 25:00", "not a time"),
        ("Call 13pm", "not a time"),
        ("Call in 99999 days", "too far"),
        ("Tag #" + "x" * 101, "too long"),
    ],
)
def test_parse_errors(text: str, fragment: str) -> None:
    with pytest.raises(QuickAddError) as caught:
        parse(text, TODAY)
    assert fragment in str(caught.value)


@pytest.mark.parametrize(
    ("text", "title", "tags"),
    [
        # Trailing sentence punctuation is not part of the tag and stays in the title.
        ("Call @bob.", "Call.", {"people": ("bob",)}),
        ("Ask @Bob!", "Ask!", {"people": ("bob",)}),
        ("Meet (with @ann) soon", "Meet (with) soon", {"people": ("ann",)}),
        ("Pair @ann, @bob; done", "Pair,; done", {"people": ("ann", "bob")}),
        ("@bob. review", ". review", {"people": ("bob",)}),
        ("Learn #growth?!", "Learn?!", {"purposes": ("growth",)}),
        # A body that is not already a slug makes the whole word title text.
        ("Learn +c++ x", "Learn +c++ x", {}),
        ("Read #a--b now", "Read #a--b now", {}),
        ("Mail @x.y now", "Mail @x.y now", {}),
        ("Fix +-x now", "Fix +-x now", {}),
        ("Fix #x_ now", "Fix #x_ now", {}),
        ("Use +Excel now", "Use now", {"skills": ("excel",)}),
    ],
)
def test_tags_never_lose_characters(text: str, title: str, tags: dict[str, Any]) -> None:
    parsed = parse(text, TODAY)
    assert parsed.title == title
    found = {"purposes": parsed.purposes, "skills": parsed.skills, "people": parsed.people}
    assert found == {"purposes": (), "skills": (), "people": (), **tags}


@pytest.mark.parametrize("text", ["", "   ", "\t \n", '""'])
def test_blank_text_says_empty_title_without_listing_tokens(text: str) -> None:
    with pytest.raises(QuickAddError) as caught:
        parse(text, TODAY)
    assert str(caught.value) == "empty title: type what the task is"


def test_errors_say_how_to_keep_text_literal() -> None:
    with pytest.raises(QuickAddError, match="quote it"):
        parse("Call feb 30", TODAY)
    with pytest.raises(QuickAddError, match=r"\\every"):
        parse("Water every plant", TODAY)


def test_quickadd_error_is_a_validation_error() -> None:
    assert issubclass(QuickAddError, ValidationError)


def test_resolved_day() -> None:
    other = date(2026, 12, 10)
    assert parse("Call mom", TODAY).resolved_day(other) == other
    assert parse("Call mom tomorrow", TODAY).resolved_day(other) == TOMORROW
    # A repeating task starts on its rule's first occurrence on or after its day.
    assert parse("Water plants every mon", TODAY).resolved_day(TODAY) == date(2026, 11, 30)
    assert parse("Water plants every mon", TODAY).resolved_day(other) == date(2026, 12, 14)
    assert parse("Standup every day", TODAY).resolved_day(TODAY) == TODAY


def test_weekdays_and_dates_count_from_the_reference_day_relative_days_from_today() -> None:
    shown = date(2026, 12, 3)  # a Thursday, the day on screen
    assert parse("Call fri", TODAY, shown).day == date(2026, 12, 4)
    assert parse("Call thu", TODAY, shown).day == shown  # on or after
    assert parse("Call next thu", TODAY, shown).day == date(2026, 12, 10)  # strictly after
    assert parse("Call dec 5", TODAY, shown).day == date(2026, 12, 5)
    assert parse("Call dec 1", TODAY, shown).day == date(2027, 12, 1)  # the next one
    assert parse("Call tomorrow", TODAY, shown).day == TOMORROW
    assert parse("Call in 3 days", TODAY, shown).day == date(2026, 11, 28)
    assert parse("Call 2026-11-30", TODAY, shown).day == date(2026, 11, 30)
    # Without a reference (the shell), everything counts from today.
    assert parse("Call fri", TODAY).day == date(2026, 11, 27)
    assert match_day(["fri"], TODAY) == match_day(["fri"], TODAY, TODAY)


def test_preview_of_the_design_example() -> None:
    parsed = parse(
        "Mentor the new hire on pivot tables +excel #help-others @marilyn tomorrow 3pm !", TODAY
    )
    assert parsed.preview(TODAY, TODAY) == [
        ("title", "Mentor the new hire on pivot tables"),
        ("day", "Thu 26 Nov 2026 (tomorrow)"),
        ("time", "15:00"),
        ("purposes", "#help-others"),
        ("skills", "+excel"),
        ("people", "@marilyn"),
        ("stretch", "yes — above and beyond"),
    ]


@pytest.mark.parametrize(
    ("text", "default_day", "rows"),
    [
        ("Call mom", TODAY, [("title", "Call mom"), ("day", "Wed 25 Nov 2026 (today)")]),
        (
            "Call mom",
            date(2026, 12, 3),
            [("title", "Call mom"), ("day", "Thu 3 Dec 2026")],
        ),
        (
            "Standup every weekday 9am #team #growth",
            TODAY,
            [
                ("title", "Standup"),
                ("day", "Wed 25 Nov 2026 (today)"),
                ("time", "09:00"),
                ("purposes", "#team, #growth"),
                ("repeats", "every weekday"),
            ],
        ),
        (
            "Water plants every mon",
            TODAY,
            [("title", "Water plants"), ("day", "Mon 30 Nov 2026"), ("repeats", "every Monday")],
        ),
    ],
)
def test_preview(text: str, default_day: date, rows: list[tuple[str, str]]) -> None:
    assert parse(text, TODAY).preview(default_day, TODAY) == rows


# --- properties -------------------------------------------------------------------------------

# Words and fragments that exercise the grammar, mixed with arbitrary text.
_PIECES = st.sampled_from(
    [
        "tomorrow", "mon", "next", "fri", "in", "3", "days", "dec", "feb", "30", "2027",
        "2026-12-03", "2026-13-40", "9am", "25:00", "3:30pm", "every", "weekday", "2", "weeks",
        "and", ",", "#", "#x", "+y", "@z", "!", '"', "\\", "“", "”", "\t", "\x1b[2J", "0", "12/03",
    ]
)  # fmt: skip
_LINES = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=60), _LINES))
def test_parse_only_raises_validation_errors(text: str) -> None:
    try:
        parsed = parse(text, TODAY)
    except (QuickAddError, DateError):
        return
    assert parsed.title == parsed.title.strip()
    assert parsed.title
    assert "\x1b" not in parsed.title
    parsed.preview(TODAY, TODAY)


def _plain(word: str) -> bool:
    """True for a word the grammar leaves alone: no day, time or keyword."""
    if word.lower() == "every" or looks_like_time(word) or is_time_token(word):
        return False
    try:
        return match_day([word], TODAY) is None
    except DateError:
        return False


_WORDS = st.lists(
    st.text(
        alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéßñ", min_size=1, max_size=9
    ).filter(_plain),
    min_size=1,
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(words=_WORDS)
def test_plain_words_stay_in_the_title_in_order(words: list[str]) -> None:
    parsed = parse(" ".join(words), TODAY)
    assert parsed.title == " ".join(words)
    assert parsed.day is None
    assert parsed.time is None
    assert parsed.recurrence is None


@settings(max_examples=100, deadline=None)
@given(words=_WORDS, slug=st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,4}){0,2}", fullmatch=True))
def test_tokens_come_out_wherever_they_are(words: list[str], slug: str) -> None:
    for position in range(len(words) + 1):
        text = " ".join([*words[:position], f"#{slug}", "tomorrow", *words[position:]])
        parsed = parse(text, TODAY)
        assert parsed.title == " ".join(words)
        assert parsed.purposes == (slugify(slug),)
        assert parsed.day == TOMORROW
