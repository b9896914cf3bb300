"""Helpers of the UI fault tests: a hostile record, the screens and the way to each, and what
would reach the terminal.

- :data:`HOSTILE`: text that attacks a terminal UI (markup, ``[@click=…]`` actions, escape
  sequences, zero-width, combining and right-to-left characters, emoji, CJK, 2,000 characters).
- :func:`hostile_record` writes it into every field a record has (titles, notes, purpose
  statements, skill names, people, reflection answers, the next step), either as the app itself
  would (through the validating constructors) or raw, as a file written by hand or by another
  program would hold it.
- :data:`SCREENS` and :func:`visit`: every screen of the app and the keys that open it.
- :func:`frame`, :func:`screen_text`, :func:`terminal_output` and :func:`leaks`: the screen as
  drawn, and the exact text a full repaint would write to the terminal.
- :data:`UI_STATS` counts what was tried; :func:`register_summary` prints it once at the end.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual import events
from textual.app import App
from textual.content import Content
from textual.geometry import Region
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets import Input, OptionList, Static, TabbedContent, TextArea

from planner.app import PlannerApp
from planner.model import (
    Profile,
    Purpose,
    Reflection,
    Skill,
    Task,
    clean_line,
    clean_text,
    new_task,
    slugify,
    validated_reflection,
)
from planner.screens.day import DayScreen
from planner.screens.reflection import ConfirmLeaveScreen
from planner.store import Store

TODAY = date(2026, 11, 25)
"""The fixed "today" (a Wednesday); never the real clock."""
NOW = datetime(2026, 11, 25, 9, 0)

CLICK = "[@click=app.quit]x[/]"
"""Markup that would quit the app on a click if it were ever parsed."""

#: Hostile text by name. Everything here must be shown as text, never acted upon.
HOSTILE: dict[str, str] = {
    "close-tag": "[/]",
    "bold": "[bold]x",
    "click": CLICK,
    "link": "[link=file:///etc/passwd]x[/link]",
    "osc52": "clip \x1b]52;c;aGVsbG8=\x07 board",
    "title": "ti \x1b]0;pwned\x07 tle",
    "clear": "wipe \x1b[2J out",
    "c1": "c1 \x9b[31m ctl",
    "combining": "cafe\u0301 nai\u0308ve",
    "zero-width": "zero\u200bwidth\u200djoin",
    "rtl": "\u202eevil\u202c مرحبا بالعالم שלום",
    "emoji-cjk": "🎉👩\u200d💻 日本語のテキスト 한국어",
    "long": ("Long " + "title with many words " * 100)[:2000],
}
MARKUP = ("close-tag", "bold", "click", "link")
ESCAPES = ("osc52", "title", "clear", "c1")

#: What a terminal must never receive from user data.
FORBIDDEN_OUTPUT = ("\x1b]", "\x1b[2J", "\x9b", "\x07", "pwned")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")

#: Counts printed at the end of the run (see :func:`register_summary`).
UI_STATS: Counter[str] = Counter()


def shown(value: str) -> str:
    """How ``value`` must appear on screen: literally, with control characters stripped."""
    return clean_line(value).strip()


def person(key: str) -> str:
    """The person tag the app would make of a hostile value (slugs), or a plain one."""
    return slugify(HOSTILE[key])[:40].strip("-_") or f"who-{key}"


# ---------------------------------------------------------------------------- the record
def hostile_record(folder: Path, *, raw: bool) -> Store:
    """A record with hostile text in every field, on and around :data:`TODAY`.

    ``raw=False`` goes through the constructors the app uses (what typing into the app stores);
    ``raw=True`` stores the text exactly as given, control characters included: a record from
    a hand-edited file or another program, which the screens must still show safely.
    """
    store = Store.open(folder, now=lambda: NOW)
    line: Callable[[str], str] = (
        (lambda v: v) if raw else (lambda v: " ".join(clean_line(v).split()))
    )
    for key, value in HOSTILE.items():
        store.save_purpose(Purpose(f"p-{key}", line(value)))
        store.save_skill(Skill(f"s-{key}", line(value)))
    store.save_profile(
        Profile(
            next_step=line(f"Team lead {CLICK} {HOSTILE['osc52']}"),
            next_step_skills=tuple(f"s-{key}" for key in HOSTILE),
            welcomed=True,
        )
    )
    everything = "\n".join(HOSTILE.values())
    hub = _task(
        raw,
        "t-hub",
        CLICK,
        TODAY,
        order=-1,
        purposes=tuple(f"p-{k}" for k in HOSTILE),
        skills=tuple(f"s-{k}" for k in HOSTILE),
        people=tuple(HOSTILE[k] if raw else person(k) for k in HOSTILE),
        notes=everything,
        links=(HOSTILE["link"], HOSTILE["osc52"]),
    )
    store.add_task(hub)
    for number, (key, value) in enumerate(HOSTILE.items()):
        links = {
            "purposes": (f"p-{key}",),
            "skills": (f"s-{key}",),
            "people": (value if raw else person(key),),
        }
        store.add_task(_task(raw, f"t-{key}", value, TODAY, order=number, notes=value, **links))
        # Done on earlier days (insights, reminder evidence) and unfinished ones (carry).
        store.add_task(_task(raw, f"d-{key}", value, TODAY - timedelta(days=3), done=True, **links))
        store.add_task(_task(raw, f"u-{key}", value, TODAY - timedelta(days=2), **links))
    answers = {
        "learned": "\n".join(HOSTILE[k] for k in MARKUP),
        "above_beyond": "\n".join(HOSTILE[k] for k in ESCAPES),
        "helped": "\n".join(HOSTILE[k] for k in ("combining", "zero-width", "rtl", "emoji-cjk")),
        "served_why": f"{CLICK} {HOSTILE['osc52']}",
        "intention": f"{CLICK} {HOSTILE['title']}",
    }
    reflection = Reflection(**answers) if raw else validated_reflection(**answers)
    # Yesterday calm (the reminder's calm line, the header's intention), today rated.
    store.save_reflection(TODAY - timedelta(days=1), reflection, stress=2)
    store.save_reflection(TODAY, reflection, stress=3)
    return store


def _task(raw: bool, task_id: str, title: str, day: date, **fields: Any) -> Task:
    if raw:
        return Task(
            id=task_id, title=title, day=day, stretch=True, created=NOW.isoformat(), **fields
        )
    return new_task(
        id=task_id, title=title, day=day, stretch=True, created=NOW.isoformat(), **fields
    )


def stored_text(store: Store) -> Iterable[tuple[str, str]]:
    """(where, value) for every piece of user text the record holds."""
    for task in store.all_tasks():
        yield f"task {task.id} title", task.title
        yield f"task {task.id} notes", task.notes
        for name in (*task.people, *task.links):
            yield f"task {task.id} tag", name
    for purpose in store.purposes():
        yield f"purpose {purpose.slug}", purpose.statement
    for skill in store.skills():
        yield f"skill {skill.slug}", skill.name
    yield "next step", store.profile().next_step
    for day, record in store.day_records(date(2000, 1, 1), date(2100, 1, 1)).items():
        if record.reflection is not None:
            for question, answer in record.reflection.answers():
                yield f"reflection {day} {question}", answer


def assert_stored_clean(store: Store) -> int:
    """Every stored value is already cleaned (one-line ones of newlines too); returns the count."""
    count = 0
    for where, value in stored_text(store):
        cleaner = clean_text if ("notes" in where or "reflection" in where) else clean_line
        assert value == cleaner(value), f"{where} holds control characters: {value!r}"
        count += 1
    return count


# ---------------------------------------------------------------------------- the screen
def frame(app: App[Any]) -> Any:
    """A full repaint of the screen as the compositor makes it (modal screens over theirs)."""
    return app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)


def screen_lines(app: App[Any]) -> list[str]:
    """The text of every line on screen, as drawn (segments joined)."""
    return ["".join(seg.text for strip in line for seg in strip) for line in frame(app).strips]


def region_text(app: App[Any], region: Region) -> str:
    """The text drawn inside ``region`` of the screen (e.g. one widget's ``region``)."""
    rows = []
    for y, line in enumerate(frame(app).strips):
        if region.y <= y < region.bottom:
            rows.append(Strip.join(list(line)).crop(region.x, region.right).text)
    return "\n".join(rows)


def text_outside(app: App[Any], region: Region) -> str:
    """The screen's text with ``region`` left out (e.g. everything but a text area)."""
    rows = []
    for y, line in enumerate(frame(app).strips):
        strip = Strip.join(list(line))
        if region.y <= y < region.bottom:
            rows.append(strip.crop(0, region.x).text + " " + strip.crop(region.right).text)
        else:
            rows.append(strip.text)
    return "\n".join(rows)


def screen_text(app: App[Any]) -> str:
    """The whole screen as text, one line per row."""
    return "\n".join(screen_lines(app))


def terminal_output(app: App[Any]) -> str:
    """Exactly what the driver would write to the terminal for a full repaint.

    The headless driver used by tests discards its output, so the same rendering call the
    real driver makes is made here.
    """
    return str(frame(app).render_segments(app.console))


def leaks(app: App[Any]) -> list[str]:
    """Control characters in the drawn text, and terminal commands that no screen of the app
    ever sends (OSC, screen clear, C1, bell): empty when nothing from user data gets through."""
    found = [repr(c) for line in screen_lines(app) for c in _CONTROL.findall(line)]
    output = terminal_output(app)
    found += [repr(seq) for seq in FORBIDDEN_OUTPUT if seq in output]
    return found


def widget_texts(app: App[Any]) -> Iterable[tuple[str, str]]:
    """(widget, text) for the text every widget of every open screen holds, scrolled out of
    view or not: values of inputs and text areas, options of lists, contents of statics."""
    for screen in app.screen_stack:
        for widget in screen.query("*"):
            name = f"{type(widget).__name__}#{widget.id}"
            if isinstance(widget, Input):
                yield name, widget.value
            elif isinstance(widget, TextArea):
                yield name, widget.text
            elif isinstance(widget, OptionList):
                for index in range(widget.option_count):
                    yield name, str(widget.get_option_at_index(index).prompt)
            else:
                if isinstance(widget, Static):
                    yield name, str(widget.content)
                rendered = widget.render()  # custom widgets (header, charts, toasts) draw this
                if isinstance(rendered, Content | Text):
                    yield name, rendered.plain
                elif isinstance(rendered, str):
                    yield name, rendered


def content_leaks(app: App[Any]) -> list[str]:
    """Widgets holding control characters (they would reach the terminal once scrolled to)."""
    return [f"{name}: {text[:80]!r}" for name, text in widget_texts(app) if _CONTROL.search(text)]


def assert_safe(app: App[Any], where: str) -> None:
    """The app is running, nothing leaked to the terminal, and no title holds user text."""
    assert app.is_running and app.return_code is None, f"{where}: the app stopped"
    found = leaks(app)
    assert not found, f"{where}: control characters reached the terminal: {found}"
    held = content_leaks(app)
    assert not held, f"{where}: widgets hold control characters: {held}"
    for title in (app.title, app.sub_title, app.screen.title or "", app.screen.sub_title or ""):
        assert not any(shown(v) in title for v in HOSTILE.values() if shown(v)), (where, title)


def missing(app: App[Any], values: Iterable[str]) -> list[str]:
    """The values (as they must appear) that are not on screen."""
    text = screen_text(app)
    return [shown(v) for v in values if shown(v) not in text]


# ---------------------------------------------------------------------------- getting around
async def settle(pilot: Pilot[Any]) -> None:
    """Let workers finish and the screen catch up (no sleeping)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def paste(pilot: Pilot[Any], text: str, into: str | None = None) -> None:
    """Paste ``text`` into the widget ``into`` (a selector; default: the focused one), as a
    terminal's bracketed paste delivers it."""
    if into is not None:
        pilot.app.screen.query_one(into).focus()
        await pilot.pause()
    focused = pilot.app.focused
    assert focused is not None, "nothing has focus to paste into"
    focused.post_message(events.Paste(text))
    await pilot.pause()


async def home(pilot: Pilot[Any]) -> None:
    """Back to the day screen, closing whatever is open."""
    for _ in range(6):
        if isinstance(pilot.app.screen, ConfirmLeaveScreen):
            await pilot.press("d")  # discard: the tests never mean to save on the way out
            await pilot.pause()
            continue
        if isinstance(pilot.app.screen, DayScreen):
            bar = pilot.app.screen.quick_add_bar
            if bar is not None and bar.display:
                await pilot.press("escape")
            return
        await pilot.press("escape")
        await pilot.pause()
    raise AssertionError(f"could not get back to the day from {pilot.app.screen!r}")


def _tab(name: str) -> Callable[[Pilot[Any]], Any]:
    async def switch(pilot: Pilot[Any]) -> None:
        await pilot.press("p")
        await settle(pilot)
        pilot.app.screen.query_one(TabbedContent).active = f"tab-{name}"
        await settle(pilot)

    return switch


def _keys(*keys: str, query: str | None = None) -> Callable[[Pilot[Any]], Any]:
    async def press(pilot: Pilot[Any]) -> None:
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if query is not None:
            await paste(pilot, query)
            await settle(pilot)

    return press


#: Every screen of the app (from the day screen): name → how to open it.
SCREENS: dict[str, Callable[[Pilot[Any]], Any]] = {
    "day": _keys(),
    "quick add": _keys("a", query=f"{CLICK} {HOSTILE['osc52']} tomorrow 3pm #new +skill @ann"),
    "edit": _keys("e"),
    "help": _keys("question_mark"),
    "purposes": _tab("purposes"),
    "skills": _tab("skills"),
    "profile": _tab("profile"),
    "search": _keys("slash", query="x"),
    "reminder": _keys("w"),
    "reflection": _keys("r"),
    "insights week": _keys("i", "w"),
    "insights month": _keys("i", "m"),
    "insights quarter": _keys("i", "q"),
    "insights year": _keys("i", "y"),
    "go to": _keys("g", query=f"{CLICK} {HOSTILE['title']}"),
    "carry": _keys("c"),
}


async def visit(pilot: Pilot[Any], name: str) -> None:
    """Open the screen ``name`` from the day screen and wait until it is drawn."""
    await SCREENS[name](pilot)
    UI_STATS["screens"] += 1


def make_app(store: Store) -> PlannerApp:
    """The app on ``store`` with the fixed clock; polling left to the test."""
    return PlannerApp(store, today=lambda: TODAY, poll_interval=3600)


def run(app: PlannerApp, size: tuple[int, int]) -> Any:
    """``app.run_test`` with toasts and tooltips drawn, as a real terminal shows them (the
    test default leaves both out)."""
    return app.run_test(size=size, notifications=True, tooltips=True)


def day_screen(app: App[Any]) -> DayScreen:
    """The day screen, on top."""
    screen = app.screen
    assert isinstance(screen, DayScreen), f"expected the day screen, not {screen!r}"
    return screen


def focused_input(app: App[Any]) -> Input:
    """The focused one-line input."""
    focused = app.focused
    assert isinstance(focused, Input), f"expected an input to have focus, not {focused!r}"
    return focused


# ---------------------------------------------------------------------------- the summary
class _Summary:
    """A pytest plugin printing :data:`UI_STATS` at the end of the run."""

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        s = UI_STATS
        if not s:
            return
        terminalreporter.write_sep("-", "UI fault summary")
        terminalreporter.write_line(
            f"UI: {s['screen_sizes']} screen × size visits, 1×1 to 300×100 "
            f"({s['storm_resizes']} resizes in storms); {s['screens']} screens opened; "
            f"{s['hostile_values']} hostile values found literal on screen in {s['checks']} "
            f"screen checks; {s['clicks']} clicks on markup-like text; {s['inputs']} hostile "
            f"pastes; {s['write_failures']} failed writes in the app (one-line toast, nothing "
            f"shown as saved, files byte-identical); {s['damaged_starts']} starts on a damaged "
            f"month file: 0 crashes, 0 actions run, 0 control characters reaching the terminal"
        )


def register_summary(config: pytest.Config) -> None:
    """Print :data:`UI_STATS` once, at the end of the run."""
    if not config.pluginmanager.has_plugin("planner-ui-summary"):
        config.pluginmanager.register(_Summary(), "planner-ui-summary")
