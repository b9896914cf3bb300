"""The app's start: the cyclic collector, switched off while starting (planner/__main__.py),
is on again once the day is painted."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from planner.app import COLLECTOR_DELAY
from planner.model import Settings
from planner.store import Store
from tests.ui.conftest import SIZE, add_task, make_app


async def test_the_collector_is_on_again_after_the_first_paint(welcomed: Store) -> None:
    add_task(welcomed, "A task")
    gc.disable()
    try:
        app = make_app(welcomed)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert not gc.isenabled(), "not while the first screen is being drawn"
            await pilot.pause(COLLECTOR_DELAY + 0.2)
            assert gc.isenabled()
            assert app.screen.query_one("#task-list") is not None
    finally:
        gc.enable()
        gc.unfreeze()


async def test_an_app_started_with_the_collector_on_leaves_it_alone(welcomed: Store) -> None:
    app = make_app(welcomed)
    frozen = gc.get_freeze_count()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert gc.isenabled()
    assert gc.get_freeze_count() == frozen, "nothing frozen in a process that did not ask"


async def test_each_style_sheet_is_parsed_once_at_start(
    welcomed: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import textual.css.stylesheet as stylesheet_module

    parsed: list[str] = []
    real_parse = stylesheet_module.parse

    def counting(scope: str, css: str, read_from: tuple[str, str], **kwargs: Any) -> Any:
        parsed.append(str(read_from[0]))
        return real_parse(scope, css, read_from, **kwargs)

    monkeypatch.setattr(stylesheet_module, "parse", counting)
    app = make_app(welcomed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ours = [path for path in parsed if path.endswith(("app.tcss", "day.tcss"))]
        assert sorted(Path(path).name for path in ours) == ["app.tcss", "day.tcss"]


@pytest.mark.parametrize(("theme", "dark"), [("planner-light", False), ("planner-dark", True)])
async def test_the_saved_theme_is_the_first_one_shown(
    welcomed: Store, theme: str, dark: bool
) -> None:
    welcomed.save_settings(Settings(theme=theme))
    app = make_app(welcomed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == theme
        assert app.has_class(f"-theme-{theme}")
        assert app.has_class("-dark-mode") is dark
        assert app.has_class("-light-mode") is not dark
        background = app.screen.styles.background
        assert (background.brightness < 0.5) is dark, "the stylesheet has the theme's colours"
        app.theme = "planner-dark" if not dark else "planner-light"
        await pilot.pause()
        assert not app.has_class(f"-theme-{theme}"), "a later change is Textual's as usual"
        assert app.has_class("-dark-mode") is not dark
