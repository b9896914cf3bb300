"""Pilot tests of the purposes, skills and profile screen (key ``p``), hosted in a small app."""

from __future__ import annotations

from datetime import date, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Button, Input, SelectionList, TabbedContent

from planner.model import Profile, Purpose, Skill, new_task
from planner.screens.purposes import PurposesScreen
from planner.storage import StoreError
from planner.store import Store
from planner.widgets.tag_editor import TagEditor

TODAY = date(2026, 11, 25)
SIZE = (100, 30)
HOSTILE = "[@click=app.quit]x[/] [/] [b]why \x1b[2J 🎉 中文の目的"


def fixed_now() -> datetime:
    return datetime(2026, 11, 25, 9, 0)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A draft purpose from a quick-add tag, a written one, an archived one, two skills, tasks."""
    opened = Store.open(tmp_path / "record", now=fixed_now)
    opened.ensure_tags(["help-others"], ["excel"])
    opened.save_purpose(Purpose("family", "To provide for my family"))
    opened.save_purpose(Purpose("old-why", "An old why", archived=True))
    opened.save_skill(Skill("mentoring", "Mentoring"))
    opened.save_profile(Profile(next_step="Team lead", next_step_skills=("excel",)))
    created = "2026-01-01T00:00:00"
    for task_id, day in (("a", date(2026, 10, 5)), ("b", TODAY)):
        opened.add_task(
            new_task(
                id=task_id,
                title=f"Task {task_id}",
                day=day,
                purposes=["help-others", "family"],
                skills=["excel"],
                created=created,
            )
        )
    opened.add_task(
        new_task(
            id="s",
            title="Weekly coaching",
            day=TODAY,
            recurrence="FREQ=WEEKLY",
            purposes=["help-others"],
            skills=["mentoring"],
            created=created,
        )
    )
    return opened


class Host(App[None]):
    """A bare app that opens the purposes screen on start."""

    CSS_PATH = str(files("planner.styles").joinpath("purposes.tcss"))

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.closed = False

    def on_mount(self) -> None:
        self.push_screen(PurposesScreen(self.store), self.record_close)

    def record_close(self, _result: None) -> None:
        self.closed = True


def screen_text(app: App[Any]) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def record_bytes(store: Store) -> dict[str, bytes]:
    """Every record file's bytes, to prove that nothing was written."""
    return {p.name: p.read_bytes() for p in sorted(store.folder.glob("*.json"))}


def editor(app: App[Any], kind: str) -> TagEditor:
    return app.screen.query_one(f"#{kind}s-editor", TagEditor)


def message(app: App[Any], kind: str) -> str:
    return str(app.screen.query_one(f"#{kind}-message").render())


async def fill_form(pilot: Pilot[None], kind: str, slug: str | None, text: str) -> None:
    """Put values in the form (as pasted) and press ctrl+s."""
    app = pilot.app
    if slug is not None:
        app.screen.query_one(f"#{kind}-slug", Input).value = slug
    app.screen.query_one(f"#{kind}-text", Input).value = text
    await pilot.press("ctrl+s")
    await pilot.pause()


async def show_tab(pilot: Pilot[None], tab: str) -> None:
    pilot.app.screen.query_one(TabbedContent).active = tab
    await pilot.pause()


# ---------------------------------------------------------------------------- listing


async def test_lists_active_then_archived_with_draft_marked(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        items = editor(app, "purpose").items
        assert [i.slug for i in items] == ["help-others", "family", "old-why"]
        text = screen_text(app)
        assert "✎ draft — write your statement" in text
        assert text.index("Archived") < text.index("An old why")
        assert "▪ archived" in text


# ---------------------------------------------------------------------------- purposes


async def test_create_a_purpose_by_typing(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await pilot.press(*"grow", "enter", *"To grow every year", "enter")
        await pilot.pause()
        assert Purpose("grow", "To grow every year") in store.purposes()
        assert message(app, "purpose") == "Saved #grow."


async def test_new_purpose_without_slug_gets_one_from_its_statement(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await fill_form(pilot, "purpose", "", "To learn something new each week")
        assert Purpose("learn-something-new-each", "To learn something new each week") in (
            store.purposes()
        )


async def test_write_the_statement_of_a_draft(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert editor(app, "purpose").editing == "help-others"  # the first one is shown
        title = str(app.screen.query_one("#purpose-form-title").render())
        assert title == "Editing #help-others\n✎ draft — write your statement"
        await fill_form(pilot, "purpose", None, "To help others grow")
        saved = {p.slug: p for p in store.purposes()}["help-others"]
        assert saved == Purpose("help-others", "To help others grow", draft=False)
        assert "draft" not in screen_text(app)


async def test_rename_a_slug_rewrites_every_task_and_series(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await fill_form(pilot, "purpose", "serve-others", "To help others")
        slugs = [p.slug for p in store.purposes()]
        assert "serve-others" in slugs and "help-others" not in slugs
        assert store.get_task("a").purposes == ("serve-others", "family")
        assert store.get_task("b").purposes == ("serve-others", "family")
        assert store.series()[0].template.purposes == ("serve-others",)
        assert message(app, "purpose") == (
            "Renamed #help-others to #serve-others (3 tasks updated)."
        )


async def test_a_failed_write_is_reported_and_the_list_follows_the_rename(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(_purpose: Purpose) -> None:
        raise StoreError("cannot write meta.json: no space left on device")

    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        monkeypatch.setattr(store, "save_purpose", full_disk)
        await fill_form(pilot, "purpose", "serve-others", "To help others")
        assert message(app, "purpose") == "cannot write meta.json: no space left on device"
        assert app.screen.query_one("#purpose-message").has_class("-error")
        # The rename itself was written before the statement failed: the list shows it.
        assert editor(app, "purpose").editing == "serve-others"
        assert store.get_task("a").purposes == ("serve-others", "family")


async def test_rename_onto_an_existing_slug_is_refused(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = record_bytes(store)
        await fill_form(pilot, "purpose", "family", "To help others")
        assert record_bytes(store) == before
        assert message(app, "purpose").startswith("#family already exists")


async def test_archive_and_unarchive_keep_the_links(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor(app, "purpose").load("family")
        await pilot.click("#purpose-archive")
        await pilot.pause()
        assert {p.slug: p for p in store.purposes()}["family"].archived
        assert store.get_task("a").purposes == ("help-others", "family")
        # Archived ones are listed after the active ones, in the order they were created.
        assert [i.slug for i in editor(app, "purpose").items] == [
            "help-others",
            "family",
            "old-why",
        ]
        assert [i.archived for i in editor(app, "purpose").items] == [False, True, True]
        assert message(app, "purpose") == "Archived #family: past tasks keep their link."
        assert "Unarchive" in screen_text(app)
        # A second click straight away is swallowed by the button's press animation.
        app.screen.query_one("#purpose-archive", Button).press()
        await pilot.pause()
        assert not {p.slug: p for p in store.purposes()}["family"].archived
        assert len(store.purposes()) == 3


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("", "empty statement: please write one, e.g. “To help others”"),
        ("   \x1b[2J  ", "empty statement: please write one, e.g. “To help others”"),
        ("w" * 100_000, "statement too long: at most 500 characters, not 100,000"),
    ],
)
async def test_bad_statement_is_explained_and_nothing_written(
    store: Store, statement: str, expected: str
) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        before = record_bytes(store)
        await fill_form(pilot, "purpose", "new-one", statement)
        assert record_bytes(store) == before
        assert message(app, "purpose") == expected
        assert app.screen.query_one("#purpose-message").has_class("-error")


async def test_hostile_statement_is_stored_clean_and_shown_literally(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n")
        await fill_form(pilot, "purpose", "odd", HOSTILE)
        saved = {p.slug: p for p in store.purposes()}["odd"]
        assert saved.statement == "[@click=app.quit]x[/] [/] [b]why 🎉 中文の目的"
        text = screen_text(app)
        assert "[@click=app.quit]x[/] [/] [b]why 🎉" in text  # wrapped before the CJK
        assert "中文の目的" in text
        assert "\x1b" not in text
        row = next(n for n, line in enumerate(text.splitlines()) if "[@click" in line)
        column = text.splitlines()[row].index("[@click") + 3
        await pilot.click(offset=(column, row))
        await pilot.pause()
        assert app.is_running


# ---------------------------------------------------------------------------- skills


async def test_create_rename_and_archive_a_skill(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await show_tab(pilot, "tab-skills")
        await pilot.press("ctrl+n")
        await fill_form(pilot, "skill", "", "Public speaking")
        assert Skill("public-speaking", "Public speaking") in store.skills()
        editor(app, "skill").load("excel")
        await fill_form(pilot, "skill", "spreadsheets", "Spreadsheets")
        assert Skill("spreadsheets", "Spreadsheets") in store.skills()
        assert store.get_task("a").skills == ("spreadsheets",)
        assert store.profile().next_step_skills == ("spreadsheets",)
        await pilot.click("#skill-archive")
        await pilot.pause()
        assert {s.slug: s for s in store.skills()}["spreadsheets"].archived


async def test_empty_skill_name_is_refused(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await show_tab(pilot, "tab-skills")
        before = record_bytes(store)
        await fill_form(pilot, "skill", None, "  ")
        assert record_bytes(store) == before
        assert message(app, "skill") == "empty name: please write one, e.g. “Excel”"


# ---------------------------------------------------------------------------- profile


async def test_profile_next_step_threshold_and_skills(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await show_tab(pilot, "tab-profile")
        screen = app.screen
        assert screen.query_one("#next-step", Input).value == "Team lead"
        assert screen.query_one("#threshold", Input).value == "4"
        screen.query_one("#next-step", Input).value = "Senior analyst"
        screen.query_one("#threshold", Input).value = " 3 "
        choices: SelectionList[str] = screen.query_one("#next-step-skills", SelectionList)
        assert str(screen.query_one("#next-step-chosen").render()) == "Chosen: +excel"
        choices.select("mentoring")
        await pilot.pause()
        chosen = str(screen.query_one("#next-step-chosen").render())
        assert chosen == "Chosen: +excel, +mentoring"
        await pilot.click("#profile-save")
        await pilot.pause()
        profile = store.profile()
        assert profile.next_step == "Senior analyst"
        assert profile.stress_threshold == 3
        assert set(profile.next_step_skills) == {"excel", "mentoring"}
        assert message(app, "profile") == "Saved your profile."


@pytest.mark.parametrize("threshold", ["0", "6", "abc", "", "4.5"])
async def test_bad_threshold_is_explained_and_nothing_written(store: Store, threshold: str) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await show_tab(pilot, "tab-profile")
        before = record_bytes(store)
        app.screen.query_one("#next-step", Input).value = "Something else"
        app.screen.query_one("#threshold", Input).value = threshold
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert record_bytes(store) == before
        shown = threshold or "nothing"
        assert message(app, "profile") == (
            f"stress threshold: a whole number from 1 to 5, not {shown!r}"
        )


async def test_overlong_next_step_is_refused(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await show_tab(pilot, "tab-profile")
        before = record_bytes(store)
        app.screen.query_one("#next-step", Input).value = "n" * 100_000
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert record_bytes(store) == before
        assert message(app, "profile").startswith("next step too long")


async def test_clearing_the_next_step_is_allowed(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await show_tab(pilot, "tab-profile")
        app.screen.query_one("#next-step", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.profile().next_step == ""


# ---------------------------------------------------------------------------- closing


async def test_escape_closes(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", *"half-typed")
        await pilot.press("escape")
        await pilot.pause()
        assert app.closed
        assert not isinstance(app.screen, PurposesScreen)
        assert [p.slug for p in store.purposes()] == ["help-others", "family", "old-why"]


# ---------------------------------------------------------------------------- in the app


async def test_p_in_the_app_opens_the_screen_and_esc_goes_back(store: Store) -> None:
    from planner.app import PlannerApp
    from planner.screens.day import DayScreen

    store.save_profile(Profile(next_step="Team lead", welcomed=True))
    app = PlannerApp(store, today=lambda: TODAY, poll_interval=3600)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PurposesScreen)
        await fill_form(pilot, "purpose", None, "To help others every day")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
        # The day screen reads the record again: the new statement is in the why panel.
        assert "To help others every day" in screen_text(app)
    assert {p.slug: p for p in store.purposes()}["help-others"].statement == (
        "To help others every day"
    )


# ---------------------------------------------------------------------------- the store method


def test_store_rename_tag_refuses_taken_or_unknown_slugs_and_writes_nothing(store: Store) -> None:
    from planner.model import ValidationError

    before = record_bytes(store)
    with pytest.raises(ValidationError, match="already exists"):
        store.rename_tag("purpose", "help-others", "family")
    with pytest.raises(ValidationError, match="no purpose called 'nope'"):
        store.rename_tag("purpose", "nope", "other")
    with pytest.raises(ValidationError, match="empty skill"):
        store.rename_tag("skill", "excel", "  ")
    assert record_bytes(store) == before
    assert store.rename_tag("skill", "excel", "excel") == 0
    assert record_bytes(store) == before
