"""The sample record (planner.demo.make_demo) and the benchmark history (make_history).

Both are written into ``tmp_path`` and read back through the store; the history at a tiny size,
so the generator the benchmarks use cannot rot.
"""

from __future__ import annotations

import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from planner.demo import PURPOSES, main, make_demo, make_history
from planner.model import REFLECTION_PROMPTS, DayRecord, Task
from planner.storage import StoreError
from planner.store import Store

TODAY = date(2026, 11, 25)  # a Wednesday
YESTERDAY = TODAY - timedelta(days=1)


def _everything(folder: Path) -> tuple[list[Task], dict[date, DayRecord]]:
    store = Store.open(folder)
    first = TODAY - timedelta(days=400)
    return store.tasks_between(first, TODAY + timedelta(days=7)), store.day_records(first, TODAY)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "record"
    make_demo(folder, TODAY)
    return folder


class TestDemo:
    def test_purposes_skills_and_the_path(self, demo: Path) -> None:
        store = Store.open(demo)
        statements = [p.statement for p in store.purposes()]
        assert "To help others" in statements and "To become a team lead" in statements
        assert [(p.slug, p.statement) for p in store.purposes()] == list(PURPOSES)
        assert not any(p.draft for p in store.purposes())
        skills = {s.slug for s in store.skills()}
        profile = store.profile()
        assert profile.next_step
        assert profile.next_step_skills and set(profile.next_step_skills) <= skills

    def test_tasks_tied_to_purposes_on_most_weekdays(self, demo: Path) -> None:
        tasks, _ = _everything(demo)
        start = TODAY - timedelta(days=6 * 7 - 1)
        weekdays = [
            start + timedelta(days=n)
            for n in range(6 * 7)
            if (start + timedelta(days=n)).weekday() < 5
        ]
        tied_days = {t.day for t in tasks if t.purposes}
        assert len(tied_days & set(weekdays)) >= 0.9 * len(weekdays)
        assert min(t.day for t in tasks) == start
        assert any(t.stretch and t.done for t in tasks)
        assert any(t.people for t in tasks) and any(t.skills for t in tasks)
        assert {t.day for t in tasks if t.day > TODAY} == {TODAY + timedelta(days=1)}

    def test_recurring_series_with_done_occurrences(self, demo: Path) -> None:
        store = Store.open(demo)
        assert len(store.series()) == 2
        tasks, _ = _everything(demo)
        assert any(t.series is not None and t.done for t in tasks)
        titles = [t.title for t in store.tasks_for_day(TODAY)]
        assert "Team stand-up" in titles  # a Wednesday: the weekday stand-up occurs

    def test_ratings_with_stressful_days_and_reflections(self, demo: Path) -> None:
        _, days = _everything(demo)
        rated = [r for r in days.values() if r.stress is not None]
        stressful = [r for r in rated if r.stressful()]
        assert len(stressful) >= 3 and len(rated) - len(stressful) >= 3
        full = [
            r
            for r in days.values()
            if r.reflection and all(getattr(r.reflection, name) for name, _ in REFLECTION_PROMPTS)
        ]
        assert len(full) >= 0.7 * len(rated)

    def test_yesterday_calm_with_an_intention_and_today_unrated(self, demo: Path) -> None:
        store = Store.open(demo)
        yesterday = store.day_record(YESTERDAY)
        assert yesterday.stress is not None and not yesterday.stressful()
        assert yesterday.reflection is not None and yesterday.reflection.intention
        assert store.day_record(TODAY).stress is None
        today = store.tasks_for_day(TODAY)
        assert any(t.done for t in today) and not all(t.done for t in today)

    def test_deterministic_for_a_seed(self, demo: Path, tmp_path: Path) -> None:
        make_demo(tmp_path / "same", TODAY)
        make_demo(tmp_path / "other", TODAY, seed=8)
        assert _everything(tmp_path / "same") == _everything(demo)
        assert _everything(tmp_path / "other") != _everything(demo)

    def test_weeks(self, tmp_path: Path) -> None:
        make_demo(tmp_path / "short", TODAY, weeks=1)
        tasks, _ = _everything(tmp_path / "short")
        assert min(t.day for t in tasks) == TODAY - timedelta(days=6)

    def test_never_written_over_a_record(self, demo: Path) -> None:
        before = _everything(demo)
        with pytest.raises(StoreError, match="already holds a record"):
            make_demo(demo, TODAY)
        with pytest.raises(StoreError, match="already holds a record"):
            make_history(demo, TODAY, years=0.01)
        assert _everything(demo) == before


class TestHistory:
    def test_a_tiny_history_reads_back(self, tmp_path: Path) -> None:
        folder = tmp_path / "history"
        counts = make_history(folder, TODAY, years=0.1, tasks_per_day=6)
        assert counts["days"] == 36 and counts["tasks"] == 36 * 6
        assert counts["rated_days"] == counts["reflections"] == 36
        assert counts["series"] == 3 and counts["months"] == 2
        store = Store.open(folder)
        tasks = store.tasks_between(TODAY - timedelta(days=35), TODAY)
        assert len(tasks) == counts["tasks"] and len({t.id for t in tasks}) == len(tasks)
        assert len(store.tasks_for_day(TODAY)) >= 6
        assert len(store.tasks_for_day(TODAY - timedelta(days=35))) >= 6
        assert store.tasks_for_day(TODAY - timedelta(days=36)) == []  # before the history
        days = store.day_records(TODAY - timedelta(days=400), TODAY)
        assert len(days) == 36
        assert all(r.stress is not None and r.reflection for r in days.values())
        assert any(t.done and t.skills for t in tasks) and any(t.series for t in tasks)
        assert store.purposes() and store.profile().next_step

    def test_files_are_private(self, tmp_path: Path) -> None:
        folder = tmp_path / "history"
        make_history(folder, TODAY, years=0.05)
        for path in folder.glob("*.json"):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600

    def test_deterministic(self, tmp_path: Path) -> None:
        make_history(tmp_path / "a", TODAY, years=0.05)
        make_history(tmp_path / "b", TODAY, years=0.05)
        assert _everything(tmp_path / "a") == _everything(tmp_path / "b")

    def test_command_line(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        folder = tmp_path / "cli"
        code = main(["history", str(folder), "--years", "0.05", "--today", "2026-11-25"])
        assert code == 0
        assert "tasks 180" in capsys.readouterr().out
        assert Store.open(folder).tasks_for_day(TODAY)
