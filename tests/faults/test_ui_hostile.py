"""Hostile text on every screen: shown literally, never acted upon, never reaching the terminal.

A record holds markup (``[/]``, ``[bold]x``, ``[@click=app.quit]x[/]``, ``[link=…]``), escape
sequences (OSC 52 clipboard write, title change, screen clear, a C1 control), zero-width,
combining and right-to-left characters, emoji, CJK and a 2,000-character title in every field:
titles, notes, purpose statements, skill names, people, reflection answers, the next step. Every
screen is visited with Pilot at a fixed size and, each time:

- the app is still running (no exception, nothing quit);
- the text is on screen as typed, control characters stripped (checked on the drawn screen);
- no control character is drawn, and the exact text a full repaint would write to the terminal
  holds no OSC, screen clear, C1 or bell (the headless driver discards output, so the kit makes
  the same rendering call the real driver makes), and no widget holds one scrolled out of view;
- no title (app, screen) holds user text.

Clicks on every cell of the rows showing ``[@click=app.quit]x[/]`` run nothing; toasts show user
text literally; text pasted into every input is stored cleaned. The record is checked both as
the app writes it and raw (a file written by hand or another program): the screens must clean
what they draw. The quick versions run in ``make test``; the ``faults``-marked ones add the
second record, every cell clicked, and more sizes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uikit as k
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Input, Static, TabbedContent, TextArea
from textual.widgets._toast import Toast

from planner.model import REFLECTION_PROMPTS, Profile, Settings
from planner.screens.day import DayScreen
from planner.screens.search import SearchScreen
from planner.store import Store

ALL = tuple(k.HOSTILE)
PREFIX = 12
"""How much of each value is looked for on screen (long ones are cut or wrapped to fit)."""

#: What each screen must show literally at 120 × 40: (widget selector or None, hostile keys).
EXPECTED: dict[str, list[tuple[str | None, tuple[str, ...]]]] = {
    "day": [
        ("#task-list", ALL),
        ("#why-panel", k.MARKUP + k.ESCAPES),
        ("#day-header", ("click",)),
    ],
    "quick add": [("#quick-preview", ("click",))],
    "edit": [("#edit-title", ("click",)), ("#edit-notes", k.MARKUP)],
    "help": [],
    "purposes": [("#purpose-list", k.MARKUP + k.ESCAPES)],
    "skills": [("#skill-list", k.MARKUP + k.ESCAPES)],
    "profile": [("#next-step", ("click",)), ("#next-step-skills", k.MARKUP)],
    "search": [("#search-results", ("bold", "click", "link"))],
    "reminder": [("#reminder-box", k.MARKUP)],
    "reflection": [
        ("#prompts", ("close-tag", "bold", "click", "osc52", "title", "clear")),
        ("#context", ("click",)),
    ],
    "insights week": [(None, k.MARKUP)],
    "insights month": [(None, k.MARKUP)],
    "insights quarter": [(None, k.MARKUP)],
    "insights year": [(None, k.MARKUP)],
    "go to": [("#goto-input", ("click",))],
    "carry": [("#carry-list", ALL)],
}
SIZE = (120, 40)


@pytest.fixture(autouse=True)
def _summary(request: pytest.FixtureRequest) -> None:
    k.register_summary(request.config)


def not_shown(app: App[Any], selector: str | None, keys: tuple[str, ...]) -> list[str]:
    """The hostile values (their first characters, as they must appear) missing on screen."""
    if selector is None:
        text = k.screen_text(app)
    else:
        widget = app.screen.query_one(selector)
        text = k.region_text(app, widget.region)
    # Spacing aside: the app writes statements and names with single spaces.
    text = " ".join(text.split())
    wanted = [" ".join(k.shown(k.HOSTILE[key]).split())[:PREFIX] for key in keys]
    return [value for value in wanted if value not in text]


async def check_every_screen(store: Store, size: tuple[int, int] = SIZE) -> None:
    """Visit every screen, checking each as the module docstring says."""
    app = k.make_app(store)
    async with k.run(app, size) as pilot:
        await k.settle(pilot)
        for name in k.SCREENS:
            await k.visit(pilot, name)
            k.assert_safe(app, name)
            if size == SIZE:
                for selector, keys in EXPECTED[name]:
                    assert not not_shown(app, selector, keys), (name, selector)
                    k.UI_STATS["hostile_values"] += len(keys)
            k.UI_STATS["checks"] += 1
            await k.home(pilot)
            k.assert_safe(app, f"back from {name}")


async def test_every_screen_raw_record(tmp_path: Path) -> None:
    """A record holding raw control characters: every screen cleans what it draws."""
    await check_every_screen(k.hostile_record(tmp_path / "record", raw=True))


@pytest.mark.faults
@pytest.mark.parametrize("raw", [False, True], ids=["as-the-app-writes", "raw"])
@pytest.mark.parametrize("size", [SIZE, (80, 24), (300, 100)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_screen_long(tmp_path: Path, raw: bool, size: tuple[int, int]) -> None:
    """Both records, at three sizes."""
    store = k.hostile_record(tmp_path / "record", raw=raw)
    if not raw:
        k.assert_stored_clean(store)
    await check_every_screen(store, size)


# ---------------------------------------------------------------------------- clicks
async def click_rows(pilot: Pilot[Any], selector: str, every_cell: bool) -> int:
    """Click the rows of ``selector`` that show ``[@click=app.quit]x[/]``; returns the clicks.

    No cell may carry a click action in its style (checked for every cell of those rows);
    then a real click lands on the markup-like text itself (``every_cell``: on every cell of
    the rows). Nothing may quit; a click that leaves the screen (a search result opens its day)
    opens it again.
    """
    app = pilot.app
    screen_type = type(app.screen)
    reopen = {SearchScreen: "search", DayScreen: "day"}
    region = app.screen.query_one(selector).region
    rows = k.region_text(app, region).split("\n")
    targets = [(region.y + n, row) for n, row in enumerate(rows) if k.CLICK in row]
    assert targets, f"{selector}: no row shows {k.CLICK}"
    clicks = 0
    for y, row in targets:
        for x in range(region.x, region.right):
            assert "@click" not in app.screen.get_style_at(x, y).meta, (selector, x, y)
        start = region.x + row.index(k.CLICK)  # the text before it is one cell a character
        if not every_cell:
            cells = range(start, start + 1)
        elif screen_type is SearchScreen:
            # Each click opens the result's day: the cells of the text itself, on one row.
            cells = range(start, start + len(k.CLICK)) if y == targets[0][0] else range(0)
        else:
            cells = range(region.x, region.right)
        for x in cells:
            if not isinstance(app.screen, screen_type):
                await k.home(pilot)
                await k.visit(pilot, reopen[screen_type])
            await pilot.click(offset=(x, y))
            await pilot.pause()
            clicks += 1
            assert app.is_running and app.return_code is None, (selector, x, y)
    k.UI_STATS["clicks"] += clicks
    return clicks


async def check_clicks(store: Store, every_cell: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SearchScreen, "debounce", 0.0)  # it is opened again after each click
    app = k.make_app(store)
    async with k.run(app, SIZE) as pilot:
        await k.settle(pilot)
        await click_rows(pilot, "#task-list", every_cell)
        # The hub task (title and the click statement) back in the why panel.
        k.day_screen(app).selected_id = "t-hub"
        await pilot.pause()
        await click_rows(pilot, "#why-panel", every_cell)
        await k.visit(pilot, "search")
        await click_rows(pilot, "#search-results", every_cell)
        await k.home(pilot)
        await k.visit(pilot, "reminder")
        await click_rows(pilot, "#reminder-box", every_cell)
        await k.home(pilot)
        k.assert_safe(app, "after the clicks")


async def test_clicks_on_markup_run_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Task list, why panel, search results, reminder: no cell carries an action."""
    store = k.hostile_record(tmp_path / "record", raw=True)
    await check_clicks(store, False, monkeypatch)


@pytest.mark.faults
async def test_clicks_on_every_cell_run_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every cell of every such row, really clicked (in search, where a click opens the day,
    every cell of the text on the first such row)."""
    store = k.hostile_record(tmp_path / "record", raw=True)
    await check_clicks(store, True, monkeypatch)


class _Parsed(App[None]):
    """The same text as markup, as a widget that parsed it would show it."""

    def compose(self) -> ComposeResult:
        yield Static(f"Title: {k.CLICK} end", id="row")


@pytest.mark.parametrize("run", ["quick", pytest.param("long", marks=pytest.mark.faults)])
async def test_the_click_check_catches_parsed_markup(run: str) -> None:
    """The click check is real: on parsed markup it finds the action, and a click quits."""
    app = _Parsed()
    async with app.run_test(size=(40, 3)) as pilot:
        await pilot.pause()
        metas = [app.screen.get_style_at(x, 0).meta for x in range(40)]
        assert any("@click" in meta for meta in metas)
        await pilot.click(offset=(7, 0))
        await pilot.pause()
    assert app.return_code == 0  # quit by the click


# ---------------------------------------------------------------------------- toasts
@pytest.mark.parametrize("run", ["quick", pytest.param("long", marks=pytest.mark.faults)])
async def test_toasts_show_user_text_literally(tmp_path: Path, run: str) -> None:
    """Deleting tasks with hostile titles: each toast holds the title as text, and is safe."""
    store = k.hostile_record(tmp_path / "record", raw=True)
    app = k.make_app(store)
    async with k.run(app, SIZE) as pilot:
        await k.settle(pilot)
        screen = k.day_screen(app)
        keys = ("click", "bold", "osc52", "title", "clear", "c1", "rtl", "long")
        for key in keys if run == "quick" else ALL:
            screen.selected_id = f"t-{key}"
            await pilot.pause()
            await pilot.press("d")
            await k.settle(pilot)
            note = list(app._notifications)[-1]
            assert not note.markup
            assert k.shown(k.HOSTILE[key])[:PREFIX] in note.message, key
            toasts = "\n".join(k.region_text(app, t.region) for t in app.screen.query(Toast))
            assert k.shown(k.HOSTILE[key])[:PREFIX] in toasts, key
            k.assert_safe(app, f"toast for {key}")
        await pilot.click(offset=(SIZE[0] - 10, SIZE[1] - 3))  # on the toasts
        await pilot.pause()
        assert app.is_running and app.return_code is None


# ---------------------------------------------------------------------------- typed and pasted
@pytest.mark.parametrize("run", ["quick", pytest.param("long", marks=pytest.mark.faults)])
async def test_pasted_text_is_stored_clean(tmp_path: Path, run: str) -> None:
    """Hostile text pasted into quick add, edit, the reflection and the purposes screen is
    stored without a control character, markup kept as text; the screens stay safe."""
    store = k.hostile_record(tmp_path / "record", raw=False)
    app = k.make_app(store)
    day = k.TODAY
    async with k.run(app, SIZE) as pilot:
        await k.settle(pilot)
        for key in ("click", "osc52", "long") if run == "quick" else ALL:
            await pilot.press("a")
            await k.paste(pilot, f"new {k.HOSTILE[key]}")
            k.assert_safe(app, f"quick add of {key}")
            await pilot.press("enter")
            await k.settle(pilot)
            k.assert_safe(app, f"after the quick add of {key}")
            k.UI_STATS["inputs"] += 1
        titles = [t.title for t in store.tasks_for_day(day)]
        assert any(k.CLICK in title for title in titles)
        # Edit: title and notes pasted over.
        k.day_screen(app).selected_id = "t-bold"
        await pilot.pause()
        await pilot.press("e")
        await k.settle(pilot)
        app.screen.query_one("#edit-title", Input).value = ""
        await k.paste(pilot, k.HOSTILE["title"] + " " + k.CLICK, into="#edit-title")
        await k.paste(pilot, "\n".join(k.HOSTILE.values()), into="#edit-notes")
        k.assert_safe(app, "edit with pastes")
        await pilot.press("ctrl+s")
        await k.settle(pilot)
        edited = store.get_task("t-bold")
        assert k.CLICK in edited.title and "pwned" not in edited.title
        assert k.HOSTILE["link"] in edited.notes
        k.UI_STATS["inputs"] += 2
        # Reflection: every answer pasted into.
        await pilot.press("r")
        await k.settle(pilot)
        for name, _ in REFLECTION_PROMPTS:
            app.screen.query_one(f"#answer-{name}", TextArea).text = ""
            await k.paste(pilot, f"{name}: " + " ".join(k.HOSTILE.values()), f"#answer-{name}")
            k.UI_STATS["inputs"] += 1
        k.assert_safe(app, "reflection with pastes")
        await pilot.press("ctrl+s")
        await k.settle(pilot)
        await k.home(pilot)
        reflection = store.day_record(day).reflection
        assert reflection is not None and k.CLICK in reflection.learned
        # Purposes, skills, profile: new ones from pasted text.
        await k.visit(pilot, "purposes")
        for tab, kind in (("purposes", "purpose"), ("skills", "skill")):
            app.screen.query_one(TabbedContent).active = f"tab-{tab}"
            await pilot.pause()
            await pilot.press("ctrl+n")
            await k.paste(pilot, "pasted-" + kind, into=f"#{kind}-slug")
            statement = f"{k.CLICK} {k.HOSTILE['osc52']} {k.HOSTILE['rtl']}"
            await k.paste(pilot, statement, into=f"#{kind}-text")
            await pilot.press("ctrl+s")
            await k.settle(pilot)
            k.assert_safe(app, f"new {kind}")
            k.UI_STATS["inputs"] += 2
        app.screen.query_one(TabbedContent).active = "tab-profile"
        await pilot.pause()
        app.screen.query_one("#next-step", Input).value = ""
        await k.paste(pilot, f"Lead {k.CLICK} {k.HOSTILE['title']}", into="#next-step")
        await pilot.press("ctrl+s")
        await k.settle(pilot)
        k.assert_safe(app, "profile")
        k.UI_STATS["inputs"] += 1
        await k.home(pilot)
    statements = {p.slug: p.statement for p in store.purposes()}
    assert k.CLICK in statements["pasted-purpose"]
    assert k.CLICK in {s.slug: s.name for s in store.skills()}["pasted-skill"]
    assert k.CLICK in store.profile().next_step
    k.UI_STATS["stored_values"] += k.assert_stored_clean(store)


@pytest.mark.parametrize("run", ["quick", pytest.param("long", marks=pytest.mark.faults)])
async def test_welcome_pastes_are_stored_clean(tmp_path: Path, run: str) -> None:
    """The first-run questions take pasted text as text."""
    store = Store.open(tmp_path / "record", now=lambda: k.NOW)
    app = k.make_app(store)
    async with k.run(app, SIZE) as pilot:
        await k.settle(pilot)
        assert type(app.screen).__name__ == "WelcomeScreen"
        await k.paste(pilot, f"To help {k.CLICK} {k.HOSTILE['osc52']}")
        k.assert_safe(app, "welcome question 1")
        await pilot.press("enter")
        await k.settle(pilot)
        await k.paste(pilot, f"Lead {k.HOSTILE['clear']} {k.HOSTILE['bold']}")
        k.assert_safe(app, "welcome question 2")
        await pilot.press("enter")
        await k.settle(pilot)
        assert isinstance(app.screen, DayScreen)
        k.UI_STATS["inputs"] += 2
    assert any(k.CLICK in p.statement for p in store.purposes())
    assert k.HOSTILE["bold"] in store.profile().next_step
    k.assert_stored_clean(store)


# ---------------------------------------------------------------------------- settings
@pytest.mark.parametrize("run", ["quick", pytest.param("long", marks=pytest.mark.faults)])
async def test_hostile_settings(tmp_path: Path, run: str) -> None:
    """A settings file with markup and escape sequences in the theme, the key ids and the keys:
    warned about as text, ignored, and nothing of it reaches the footer or the help."""
    store = Store.open(tmp_path / "record", now=lambda: k.NOW)
    store.save_profile(Profile(welcomed=True))
    store.save_settings(
        Settings(
            theme=f"{k.CLICK}\x1b[2J\x9b",
            keymap={
                "day.add": k.HOSTILE["title"],
                "day.help": f"question_mark,{k.CLICK}",
                f"day.{k.HOSTILE['osc52']}": "z",
            },
        )
    )
    app = k.make_app(store)
    async with k.run(app, SIZE) as pilot:
        await k.settle(pilot)
        k.assert_safe(app, "day with hostile settings")
        assert all(not note.markup for note in app._notifications)
        await pilot.press("question_mark")
        await k.settle(pilot)
        k.assert_safe(app, "help with hostile settings")
        assert app.keymap.get("day.add") is None
