"""The why panel's skill growth is counted again only after a change that can alter it (a done
task with a skill), and then shows the new count."""

from __future__ import annotations

import pytest

from planner.screens import day_ops
from planner.screens.day import DayScreen
from planner.store import Store
from planner.widgets.why_panel import WhyPanel
from tests.ui.conftest import SIZE, add_task, make_app


def why_text(app: object) -> str:
    return app.screen.query_one(WhyPanel).describe().plain  # type: ignore[attr-defined]


async def test_only_changes_to_done_skilled_tasks_count_again(
    welcomed: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_task(welcomed, "Excel work", skills=("excel",))
    counts: list[int] = []
    real = day_ops.count_growth

    def counting(*args: object) -> dict[str, tuple[int, int]]:
        counts.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(day_ops, "count_growth", counting)
    app = make_app(welcomed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert len(counts) == 1, "counted once at start"
        await pilot.press("a", *"Plain task", "enter")  # an open task: growth cannot change
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(counts) == 1
        screen = app.screen
        assert isinstance(screen, DayScreen)
        screen.selected_id = next(t.id for t in screen.tasks if t.title == "Excel work")
        await pilot.press("space")  # done, with a skill: counted again, and shown
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(counts) == 2
        assert "1 in 30 days · 1 in all" in why_text(app)
