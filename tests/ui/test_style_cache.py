"""Style sheets parsed once and read back on later starts (planner.style_cache): the same rules
on screen, nothing parsed twice, and a cache that can only ever cost its speed-up."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet

from planner import style_cache
from planner.app import PlannerApp
from planner.store import Store
from tests.ui.conftest import SIZE, TODAY, add_task

Seen = tuple[int, list[tuple[str, str]], str, list[str]]


def make(store: Store, folder: Path | None) -> PlannerApp:
    return PlannerApp(store, today=lambda: TODAY, poll_interval=3600, style_cache=folder)


async def look(app: PlannerApp, keys: tuple[str, ...] = ()) -> Seen:
    """Parses answered from the cache, every widget's resolved styles, the screen's text, and
    every rule in force."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        styles = [
            (f"{type(w).__name__}#{w.id}", w.styles.css)
            for w in app.screen.walk_children(with_self=True)
        ]
        text = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert isinstance(app.stylesheet, style_cache.CachedStylesheet)
        rules = [
            f"{rule.selector_set!r} {sorted(rule.styles.get_rules().items())!r}"
            f" {rule.is_default_rules} {rule.tie_breaker}"
            for rule in app.stylesheet.rules
        ]
        return app.stylesheet.hits, styles, text, rules


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many style sheet sources Textual itself parsed."""
    calls: list[int] = []
    real = Stylesheet._parse_rules

    def counting(self: Stylesheet, *args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Stylesheet, "_parse_rules", counting)
    return calls


async def test_a_second_start_reads_the_rules_back_and_shows_the_same(
    welcomed: Store, tmp_path: Path, parses: list[int]
) -> None:
    add_task(welcomed, "Write the report", skills=("excel",))
    folder = tmp_path / "cache" / "styles"
    first = await look(make(welcomed, folder), keys=("r",))
    assert first[0] == 0 and parses, "nothing cached yet: everything parsed"
    files = sorted(folder.iterdir())
    assert files and all(f.suffix == ".pickle" for f in files)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)

    parses.clear()
    second = await look(make(welcomed, folder), keys=("r",))
    assert second[0] >= 3, "the day screen's sets and the reflection's come from the cache"
    assert parses == [], "nothing parsed again"
    assert second[1:] == first[1:], "the same rules, the same styles, the same screen"


async def test_without_a_folder_nothing_is_cached(
    welcomed: Store, tmp_path: Path, parses: list[int]
) -> None:
    hits, _, text, _ = await look(make(welcomed, None))
    assert hits == 0 and parses
    assert "Tasks" in text


async def test_damaged_or_foreign_files_are_parsed_again_and_replaced(
    welcomed: Store, tmp_path: Path, parses: list[int]
) -> None:
    folder = tmp_path / "styles"
    reference = await look(make(welcomed, folder))
    for index, path in enumerate(sorted(folder.iterdir())):
        # Truncated, not a pickle, and a pickle of something else.
        path.write_bytes([b"\x80\x05\x95", b"not a pickle", b"\x80\x04K*."][index % 3])
    parses.clear()
    again = await look(make(welcomed, folder))
    assert again[0] == 0 and parses, "each damaged file was ignored and the sources parsed"
    assert again[1:] == reference[1:]
    parses.clear()
    third = await look(make(welcomed, folder))
    assert third[0] > 0 and parses == [], "and written again"


async def test_a_folder_that_cannot_be_written_costs_only_the_speed(
    welcomed: Store, tmp_path: Path
) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    reference = await look(make(welcomed, None))
    hits, *seen = await look(make(welcomed, blocker / "styles"))
    assert hits == 0
    assert seen == list(reference[1:])
    assert blocker.read_text() == "a file where the folder should be"
    assert not [*tmp_path.glob("**/*.pickle"), *tmp_path.glob("**/.*.tmp")]


async def test_another_theme_is_another_entry(welcomed: Store, tmp_path: Path) -> None:
    folder = tmp_path / "styles"
    await look(make(welcomed, folder))
    before = set(folder.iterdir())
    welcomed.save_settings(replace(welcomed.settings(), theme="planner-light"))
    hits, *_ = await look(make(welcomed, folder))
    assert hits == 0, "other colours: nothing of the dark theme's rules is used"
    assert set(folder.iterdir()) > before


def test_only_the_newest_sets_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(style_cache, "KEEP", 3)
    for n in range(6):
        sheet = style_cache.CachedStylesheet(folder=tmp_path)
        sheet.add_source(f"#box{n} {{ width: {n + 1}; }}", read_from=("test", str(n)))
        sheet.parse()
        os.utime(tmp_path / f"{sheet._key()}{style_cache.SUFFIX}", ns=(n, n))
    kept = sorted(tmp_path.iterdir(), key=lambda p: p.stat().st_mtime_ns)
    assert len(kept) == 3
    newest = style_cache.CachedStylesheet(folder=tmp_path)
    newest.add_source("#box5 { width: 6; }", read_from=("test", "5"))
    newest.parse()
    assert newest.hits == 1
