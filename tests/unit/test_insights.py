"""Insights (planner.insights, insights_types, insights_load) on hand-made records.

The reference day is Wednesday 25 November 2026. A week is 19–25 Nov (the week before:
12–18 Nov), a month 27 Oct – 25 Nov, a quarter 91 days and a year 364 days, all ending today.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from planner import insights_load
from planner.demo import make_history
from planner.insights import (
    Insights,
    Period,
    compute_insights,
    level_for,
    load_insights,
    reflection_streak,
    skill_totals,
)
from planner.insights_load import SAVED_NAME, HistoryCache, history_cache
from planner.model import DayRecord, Profile, Purpose, Reflection, Skill, Task
from planner.storage import RecordError, read_json
from planner.store import Store

TODAY = date(2026, 11, 25)
HELP = Purpose("help-others", "To help others")
LEAD = Purpose("team-lead", "To become a team lead")
EXCEL = Skill("excel", "Excel")
SQL = Skill("sql", "SQL")

_ids = iter(range(1_000_000))


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def task(day: date, *, done: bool = True, **fields: object) -> Task:
    n = next(_ids)
    title = str(fields.pop("title", f"Task {n}"))
    return Task(id=f"t{n:05d}", title=title, day=day, done=done, **fields)  # type: ignore[arg-type]


def rated(day: date, stress: int | None, reflection: str = "") -> DayRecord:
    return DayRecord(day, stress, Reflection(learned=reflection) if reflection else None)


def compute(
    tasks: Iterable[Task] = (),
    days: Iterable[DayRecord] = (),
    *,
    period: Period = Period.WEEK,
    purposes: Iterable[Purpose] = (HELP, LEAD),
    skills: Iterable[Skill] = (EXCEL, SQL),
    profile: Profile | None = None,
    totals: dict[str, int] | None = None,
) -> Insights:
    return compute_insights(
        list(tasks),
        {record.day: record for record in days},
        list(purposes),
        list(skills),
        profile or Profile(),
        period,
        TODAY,
        totals=totals,
    )


class TestStreamedInput:
    def test_tasks_walked_once_with_days_filled_as_they_come(self) -> None:
        """What the loader relies on: the tasks are walked once, and a day's record need only be
        there by the time its first task comes."""
        records = [rated(ago(n), 5 if n % 2 else 1, "x" if n % 3 else "") for n in range(14)]
        tasks = [
            task(ago(n), done=n % 3 != 0, skills=("excel",), purposes=("help-others",))
            for n in range(14)
        ]
        totals = {"excel": 40}
        expected = compute(tasks, records, totals=totals)
        days: dict[date, DayRecord] = {}
        walked: list[Task] = []

        def streamed() -> Iterable[Task]:
            for record, item in zip(records, tasks, strict=True):
                days[record.day] = record
                walked.append(item)
                yield item

        result = compute_insights(
            streamed(),
            days,
            [HELP, LEAD],
            [EXCEL, SQL],
            Profile(),
            Period.WEEK,
            TODAY,
            totals=totals,
        )
        assert result == expected and walked == tasks
        assert result.comparison is not None and result.comparison.stressful.tasks == 3
        assert result.stress.rated == 7 and result.reflections.reflected == 4


class TestPeriod:
    @pytest.mark.parametrize(
        ("period", "days", "buckets"),
        [
            (Period.WEEK, 7, 7),
            (Period.MONTH, 30, 30),
            (Period.QUARTER, 91, 13),
            (Period.YEAR, 364, 52),
        ],
    )
    def test_lengths_and_whole_buckets(self, period: Period, days: int, buckets: int) -> None:
        first, last = period.range(TODAY)
        assert last == TODAY and (last - first).days + 1 == days == period.days
        previous_first, previous_last = period.previous(TODAY)
        assert previous_last == first - timedelta(days=1)
        assert (previous_last - previous_first).days + 1 == days
        spans = period.buckets(TODAY)
        assert len(spans) == buckets and spans[0][0] == first and spans[-1][1] == TODAY

    def test_week(self) -> None:
        assert Period.WEEK.range(TODAY) == (date(2026, 11, 19), TODAY)
        assert Period.WEEK.previous(TODAY) == (date(2026, 11, 12), date(2026, 11, 18))
        assert Period.YEAR.label == "year"


class TestEmpty:
    def test_an_empty_record(self) -> None:
        result = compute(purposes=(), skills=())
        assert result.is_empty and result.planned == result.done == 0
        assert [p.rating for p in result.stress.days] == [None] * 7
        assert result.stress.average is None and result.stress.rated == result.stress.stressful == 0
        assert result.skills == () and result.people == ()
        assert result.coverage.share is None and result.coverage.change is None
        assert result.coverage.purposes == () and result.coverage.series == (None,) * 7
        assert result.stretch.count == 0 and result.stretch.tasks == ()
        assert (result.reflections.streak, result.reflections.reflected) == (0, 0)
        assert result.reflections.share == 0.0
        assert result.comparison is None and "0 stressful and 0 calm" in result.comparison_note
        assert result.path.next_step == "" and result.path.skills == ()

    def test_purposes_are_listed_even_with_nothing_done(self) -> None:
        rows = compute().coverage.purposes
        assert [(r.slug, r.done, r.share) for r in rows] == [
            ("help-others", 0, None),
            ("team-lead", 0, None),
        ]


class TestOneDay:
    def test_one_done_task_and_a_rating_today(self) -> None:
        done = task(
            TODAY, purposes=("help-others",), skills=("excel",), people=("marilyn",), stretch=True
        )
        result = compute([done, task(TODAY, done=False)], [rated(TODAY, 5, "Pivot tables")])
        assert not result.is_empty and (result.planned, result.done) == (2, 1)
        assert result.stress.days[-1].rating == 5 and result.stress.stressful_days == (TODAY,)
        (excel,) = result.skills
        assert (excel.name, excel.done, excel.previous, excel.total) == ("Excel", 1, 0, 1)
        assert excel.series == (0, 0, 0, 0, 0, 0, 1) and excel.level == "started"
        assert excel.trend == "up" and excel.change == 1
        assert result.coverage.share == 1.0 and result.coverage.series[-1] == 1.0
        assert result.stretch.count == 1 and result.stretch.tasks == (done,)
        assert result.people == (("marilyn", 1),)
        assert result.reflections.streak == 1 and result.reflections.reflected == 1

    def test_tasks_outside_both_periods_only_count_in_totals(self) -> None:
        old = task(ago(100), skills=("excel",), purposes=("help-others",), stretch=True)
        result = compute([old])
        assert result.planned == 0 and result.coverage.done == 0 and result.stretch.count == 0
        assert [(s.slug, s.done, s.previous, s.total) for s in result.skills] == [
            ("excel", 0, 0, 1)
        ]


class TestStress:
    def test_gaps_stay_gaps(self) -> None:
        days = [rated(ago(6), 2), rated(ago(3), 4), rated(ago(0), 1)]
        result = compute(days=days)
        assert [p.rating for p in result.stress.days] == [2, None, None, 4, None, None, 1]
        assert result.stress.rated == 3 and result.stress.average == pytest.approx(7 / 3)
        assert result.stress.points()[3] == (ago(3), 4, True)

    def test_previous_average_and_buckets(self) -> None:
        days = [rated(ago(7), 5), rated(ago(13), 3), rated(ago(1), 2), rated(ago(2), 4)]
        result = compute(days=days, period=Period.QUARTER)
        assert result.stress.previous_average is None  # 8 and 14 days ago are in this quarter
        assert result.stress.buckets[:-2] == (None,) * 11
        assert result.stress.buckets[-2] == pytest.approx(4.0)  # 13 … 7 days ago: 3 and 5
        assert result.stress.buckets[-1] == pytest.approx(3.0)
        assert result.stress.stressful_buckets[-2:] == (1, 1)
        week = compute(days=days)
        assert week.stress.previous_average == pytest.approx(4.0)

    @pytest.mark.parametrize(
        ("rating", "threshold", "stressful"),
        [(4, 4, True), (3, 4, False), (5, 5, True), (4, 5, False), (1, 1, True), (None, 1, False)],
    )
    def test_threshold_edges(self, rating: int | None, threshold: int, stressful: bool) -> None:
        result = compute(days=[rated(TODAY, rating)], profile=Profile(stress_threshold=threshold))
        assert result.stress.days[-1].stressful is stressful
        assert result.stress.threshold == result.threshold == threshold

    def test_a_changed_threshold_changes_every_mark(self) -> None:
        days = [rated(ago(n), 4) for n in range(3)]
        assert compute(days=days).stress.stressful == 3
        assert compute(days=days, profile=Profile(stress_threshold=5)).stress.stressful == 0


class TestSkills:
    def test_period_previous_total_and_trend(self) -> None:
        tasks = [task(ago(n), skills=("excel",)) for n in range(3)]
        tasks += [task(ago(7 + n), skills=("excel",)) for n in range(5)]
        tasks += [task(ago(1), skills=("excel",), done=False)]
        tasks += [task(ago(2), skills=("sql",)), task(ago(8), skills=("sql",))]
        result = compute(tasks, totals={"excel": 120, "sql": 2})
        excel, sql = result.skills
        assert (excel.done, excel.previous, excel.total, excel.trend) == (3, 5, 120, "down")
        assert excel.level == "practised" and excel.series == (0, 0, 0, 0, 1, 1, 1)
        assert (sql.done, sql.previous, sql.trend, sql.change) == (1, 1, "steady", 0)

    def test_totals_default_to_the_tasks_given(self) -> None:
        tasks = [task(ago(400), skills=("excel",)), task(ago(1), skills=("excel", "excel"))]
        assert compute(tasks).skills[0].total == 2
        assert skill_totals(tasks) == {"excel": 2}

    def test_a_renamed_skill_shows_its_current_name(self) -> None:
        result = compute(
            [task(ago(1), skills=("excel",))], skills=(Skill("excel", "Spreadsheets"),)
        )
        assert result.skills[0].name == "Spreadsheets"

    def test_an_archived_skill_keeps_its_history_in_the_period(self) -> None:
        archived = Skill("excel", "Excel", archived=True)
        result = compute([task(ago(1), skills=("excel",))], skills=(archived,))
        assert [(s.slug, s.archived, s.done) for s in result.skills] == [("excel", True, 1)]
        quiet = compute(skills=(archived,), totals={"excel": 40})
        assert quiet.skills == ()  # put aside and not practised lately: not listed

    def test_unknown_skills_are_named_from_their_slug_and_order_is_most_done(self) -> None:
        tasks = [task(ago(1), skills=("public-speaking",)), task(ago(2), skills=("sql",))]
        tasks += [task(ago(3), skills=("sql",))]
        result = compute(tasks, skills=(SQL,))
        assert [(s.name, s.done) for s in result.skills] == [("SQL", 2), ("Public speaking", 1)]

    @pytest.mark.parametrize(
        ("total", "level"),
        [
            (0, "not started"),
            (1, "started"),
            (9, "started"),
            (10, "growing"),
            (49, "growing"),
            (50, "practised"),
            (199, "practised"),
            (200, "strong"),
            (5000, "strong"),
        ],
    )
    def test_levels(self, total: int, level: str) -> None:
        assert level_for(total) == level


class TestCoverage:
    def test_shares_per_purpose_and_trend(self) -> None:
        tasks = [
            task(ago(1), purposes=("help-others",)),
            task(ago(2), purposes=("help-others", "team-lead")),
            task(ago(3)),
            task(ago(4)),
            task(ago(5), purposes=("team-lead",), done=False),
            task(ago(8), purposes=("help-others",)),
            task(ago(9)),
        ]
        coverage = compute(tasks).coverage
        assert (coverage.done, coverage.tied, coverage.share) == (4, 2, 0.5)
        assert coverage.previous_share == 0.5 and coverage.change == 0.0
        help_row, lead_row = coverage.purposes
        assert (help_row.done, help_row.share, help_row.previous_done) == (2, 0.5, 1)
        assert (lead_row.done, lead_row.share, lead_row.previous_share) == (1, 0.25, 0.0)
        assert coverage.series == (None, None, 0.0, 0.0, 1.0, 1.0, None)

    def test_archived_and_unknown_purposes(self) -> None:
        old = Purpose("old-why", "An old why", archived=True)
        gone = Purpose("gone", "Set aside", archived=True)
        tasks = [task(ago(1), purposes=("old-why",)), task(ago(2), purposes=("new-tag",))]
        rows = compute(tasks, purposes=(HELP, old, gone)).coverage.purposes
        found = {(r.slug, r.statement, r.archived, r.done) for r in rows}
        assert found == {
            ("old-why", "An old why", True, 1),
            ("new-tag", "New tag", False, 1),
            ("help-others", "To help others", False, 0),
        }


class TestStretchAndPeople:
    def test_only_done_stretch_newest_first_with_trend(self) -> None:
        tasks = [
            task(ago(3), title="Earlier", stretch=True),
            task(ago(1), title="Later", stretch=True),
            task(ago(0), title="Not done", stretch=True, done=False),
            task(ago(8), stretch=True),
            task(ago(9), stretch=True),
        ]
        stretch = compute(tasks).stretch
        assert [t.title for t in stretch.tasks] == ["Later", "Earlier"]
        assert (stretch.count, stretch.previous, stretch.trend) == (2, 2, "steady")
        assert stretch.series == (0, 0, 0, 1, 0, 1, 0)

    def test_people_most_first(self) -> None:
        tasks = [
            task(ago(1), people=("sam", "dev")),
            task(ago(2), people=("dev",)),
            task(ago(3), people=("ana",), done=False),
        ]
        assert compute(tasks).people == (("dev", 2), ("sam", 1))


class TestReflections:
    def test_streak_ends_today_or_yesterday(self) -> None:
        days = [rated(ago(n), None, "x") for n in (1, 2, 3, 5)]
        assert reflection_streak({r.day: r for r in days}, TODAY) == 3
        days.append(rated(TODAY, None, "y"))
        assert reflection_streak({r.day: r for r in days}, TODAY) == 4
        assert reflection_streak([ago(2), ago(3)], TODAY) == 0

    def test_empty_reflections_do_not_count(self) -> None:
        days = {ago(1): DayRecord(ago(1), 2, Reflection(learned="  \n"))}
        assert reflection_streak(days, TODAY) == 0

    def test_share_of_the_period(self) -> None:
        days = [rated(ago(n), None, "x") for n in (0, 1, 3, 10)]
        result = compute(days=days)
        assert result.reflections.reflected == 3 and result.reflections.share == pytest.approx(
            3 / 7
        )
        assert result.reflections.streak == 2


class TestComparison:
    def _record(self) -> tuple[list[Task], list[DayRecord]]:
        tasks, days = [], []
        for n in (0, 1, 2):  # stressful: 2 tasks a day, one tied to a purpose
            days.append(rated(ago(n), 5))
            tasks += [task(ago(n), purposes=("help-others",), skills=("sql",), people=("dev",))]
            tasks += [task(ago(n), done=False, skills=("sql",))]
        for n in (3, 4, 5):  # calm: 1 task a day, tied, a stretch
            days.append(rated(ago(n), 2))
            tasks += [task(ago(n), purposes=("team-lead",), skills=("excel",), stretch=True)]
        tasks += [task(ago(6), purposes=("team-lead",))]  # a day without a rating: neither
        return tasks, days

    def test_what_differs(self) -> None:
        tasks, days = self._record()
        comparison = compute(tasks, days).comparison
        assert comparison is not None
        hard, calm = comparison.stressful, comparison.calm
        assert (hard.days, hard.tasks, hard.done, hard.tied, hard.stretch) == (3, 6, 3, 3, 0)
        assert (calm.days, calm.tasks, calm.tied, calm.stretch) == (3, 3, 3, 3)
        assert hard.purpose_share == 0.5 and calm.purpose_share == 1.0
        assert hard.tasks_per_day == 2.0 and calm.stretch_per_day == 1.0
        assert hard.skills == (("SQL", 6),) and calm.skills == (("Excel", 3),)
        assert hard.people == (("dev", 3),) and calm.people == ()
        statements = comparison.statements()
        assert statements[0] == (
            "Tied to a purpose: 100% of tasks on calm days, 50% on stressful days."
        )
        assert "2.0 on stressful days" in statements[1]
        assert statements[4] == "People most present: none on calm days; @dev on stressful days."

    def test_needs_three_days_of_each(self) -> None:
        tasks, days = self._record()
        result = compute(tasks, days[1:])
        assert result.comparison is None
        assert "2 stressful and 3 calm" in result.comparison_note
        assert "3 of each" in result.comparison_note

    def test_follows_the_threshold(self) -> None:
        tasks, days = self._record()
        assert compute(tasks, days, profile=Profile(stress_threshold=1)).comparison is None


class TestPath:
    def test_next_step_and_its_skills(self) -> None:
        tasks = [task(ago(1), skills=("excel",)), task(ago(8), skills=("excel",))]
        profile = Profile(next_step="Team lead\x1b[1m", next_step_skills=("excel", "mentoring"))
        path = compute(tasks, profile=profile, totals={"excel": 12}).path
        assert path.next_step == "Team lead"
        excel, mentoring = path.skills
        assert (excel.name, excel.done, excel.previous, excel.total, excel.level) == (
            "Excel",
            1,
            1,
            12,
            "growing",
        )
        assert (mentoring.name, mentoring.total, mentoring.level) == ("Mentoring", 0, "not started")


# ---------------------------------------------------------------------------------- loading
def _store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "record", now=lambda: datetime(2026, 11, 25, 21, 0))


def _direct(store: Store, period: Period) -> Insights:
    """The same figures the slow way: every stored task, and each day of the two periods as the
    day screen shows it (recurring occurrences included)."""
    first = period.previous(TODAY)[0]
    tasks = [t for t in store.all_tasks() if not first <= t.day <= TODAY]
    for n in range((TODAY - first).days + 1):
        tasks += store.tasks_for_day(first + timedelta(days=n))
    days = store.day_records(date(2000, 1, 1), TODAY)
    return compute_insights(
        tasks, days, store.purposes(), store.skills(), store.profile(), period, TODAY
    )


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the month files the insights loader reads from now on."""
    reads: list[str] = []

    def counting(path: Path) -> dict[str, Any] | None:
        reads.append(path.name)
        return read_json(path)

    monkeypatch.setattr(insights_load, "read_json", counting)
    return reads


class TestLoad:
    @pytest.fixture(scope="class")
    def history(self, tmp_path_factory: pytest.TempPathFactory) -> Path:
        folder = tmp_path_factory.mktemp("history") / "record"
        make_history(folder, TODAY, years=2.2, tasks_per_day=3)
        return folder

    @pytest.mark.parametrize("period", list(Period))
    def test_matches_computing_over_everything(self, history: Path, period: Period) -> None:
        store = Store.open(history)
        loaded = load_insights(store, period, TODAY)
        assert loaded == _direct(store, period)
        assert loaded.reflections.streak == 803  # every day of the history is reflected
        assert loaded.skills and all(s.total >= s.done for s in loaded.skills)

    def test_only_recent_months_stay_decoded_and_older_ones_are_read_one_at_a_time(
        self, history: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(insights_load, "SETTLED_NS", -1)  # trust files written just now
        store = Store.open(history)
        cache = HistoryCache()
        year, month = _direct(store, Period.YEAR), _direct(store, Period.MONTH)
        assert load_insights(store, Period.YEAR, TODAY, cache=cache) == year
        # Months overlapping the last 60 days (from 27 Sep): the week's and the month's.
        recent = ["2026-09.json", "2026-10.json", "2026-11.json"]
        assert cache.decoded() == recent
        reads = _count_reads(monkeypatch)
        assert load_insights(store, Period.MONTH, TODAY, cache=cache) == month
        assert load_insights(store, Period.WEEK, TODAY, cache=cache) == _direct(store, Period.WEEK)
        assert reads == []
        # A year and the one before (from 28 Nov 2024): the older months come from disk again,
        # each read only when the count reaches it, and none is kept.
        first = Period.YEAR.previous(TODAY)[0]
        loaded = cache.load(store.folder, store.month_files(), first, TODAY)
        assert reads == [] and loaded.days == {}
        tasks = iter(loaded.tasks)
        assert f"{next(tasks).day:%Y-%m}.json" == "2024-11.json"
        assert reads == ["2024-11.json"]
        assert {f"{day:%Y-%m}.json" for day in loaded.days} == {"2024-11.json"}
        rest = list(tasks)
        older = [
            f"{date(2024 + (10 + n) // 12, (10 + n) % 12 + 1, 1):%Y-%m}.json" for n in range(22)
        ]
        assert reads == older and older[-1] == "2026-08.json"
        assert len(loaded.days) == (TODAY - first).days + 1 == 728
        assert rest and all(first <= t.day <= TODAY for t in rest)
        assert cache.decoded() == recent
        assert load_insights(store, Period.YEAR, TODAY, cache=cache) == year

    def test_recurring_occurrences_count_as_planned(self, tmp_path: Path) -> None:
        store = _store(tmp_path)
        store.add_task(task(ago(20), done=False, title="Stand-up", recurrence="FREQ=DAILY"))
        result = load_insights(store, Period.WEEK, TODAY)
        assert result.planned == 7 and result.done == 0
        store.set_done(f"{store.series()[0].template.id}~{TODAY:%Y%m%d}", True)
        result = load_insights(store, Period.WEEK, TODAY)
        assert (result.planned, result.done) == (7, 1)

    def test_totals_and_streak_reach_beyond_the_period(self, tmp_path: Path) -> None:
        store = _store(tmp_path)
        store.add_task(task(ago(900), skills=("excel",)))
        store.add_task(task(ago(1), skills=("excel",)))
        for n in range(1, 41):
            store.save_reflection(ago(n), Reflection(learned="something"))
        result = load_insights(store, Period.WEEK, TODAY)
        assert [(s.slug, s.done, s.total) for s in result.skills] == [("excel", 1, 2)]
        assert result.reflections.streak == 40

    def test_changes_are_seen_and_only_changed_months_are_read(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(insights_load, "SETTLED_NS", -1)  # trust files written just now
        store = _store(tmp_path)
        for n in (1, 40, 80, 200):
            store.add_task(task(ago(n), skills=("excel",)))
        assert load_insights(store, Period.WEEK, TODAY).skills[0].total == 4
        reads = _count_reads(monkeypatch)
        assert load_insights(store, Period.WEEK, TODAY).skills[0].total == 4
        assert reads == []
        store.add_task(task(ago(200), skills=("excel",)))
        assert load_insights(store, Period.WEEK, TODAY).skills[0].total == 5
        assert reads == [f"{ago(200):%Y-%m}.json"]

    def test_summaries_are_saved_for_the_next_session(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(insights_load, "SETTLED_NS", -1)
        store = _store(tmp_path)
        store.add_task(task(ago(300), skills=("excel",)))
        store.add_task(task(ago(1), skills=("sql",)))
        first = load_insights(store, Period.WEEK, TODAY)
        saved = store.folder / SAVED_NAME
        assert saved.exists() and (saved.stat().st_mode & 0o077) == 0
        reads = _count_reads(monkeypatch)
        again = load_insights(Store.open(store.folder), Period.WEEK, TODAY)
        assert again == first and reads == [f"{ago(1):%Y-%m}.json"]  # only the period's month

    def test_a_broken_saved_file_is_rebuilt(self, tmp_path: Path) -> None:
        store = _store(tmp_path)
        store.add_task(task(ago(300), skills=("excel",)))
        (store.folder / SAVED_NAME).write_text("{not json")
        assert load_insights(store, Period.WEEK, TODAY).skills[0].total == 1
        (store.folder / SAVED_NAME).write_text(json.dumps({"version": 1, "months": {"x": 1}}))
        assert load_insights(Store.open(store.folder), Period.WEEK, TODAY).skills[0].total == 1

    def test_a_stale_saved_summary_is_not_trusted(self, tmp_path: Path) -> None:
        store = _store(tmp_path)
        store.add_task(task(ago(300), skills=("excel",)))
        name = f"{ago(300):%Y-%m}.json"
        fake = {
            "version": 1,
            "months": {name: {"key": [0, 0, 0, 0], "skills": {"excel": 99}, "reflected": 0}},
        }
        (store.folder / SAVED_NAME).write_text(json.dumps(fake))
        assert load_insights(store, Period.WEEK, TODAY).skills[0].total == 1

    def test_a_month_file_of_the_wrong_shape_names_the_file(self, tmp_path: Path) -> None:
        store = _store(tmp_path)
        store.add_task(task(ago(300), skills=("excel",)))
        path = store.folder / f"{ago(300):%Y-%m}.json"
        data = json.loads(path.read_text())
        next(iter(data["tasks"].values()))["skills"] = "excel"
        path.write_text(json.dumps(data))
        with pytest.raises(RecordError, match=path.name):
            load_insights(Store.open(store.folder), Period.WEEK, TODAY)
        with pytest.raises(RecordError, match=path.name):
            load_insights(Store.open(store.folder), Period.YEAR, TODAY)

    def test_one_cache_per_store(self, tmp_path: Path) -> None:
        store = _store(tmp_path)
        assert history_cache(store) is history_cache(store)
        assert history_cache(store) is not history_cache(_store(tmp_path))

    def test_an_explicit_cache_and_an_empty_record(self, tmp_path: Path) -> None:
        cache = HistoryCache()
        result = load_insights(_store(tmp_path), Period.YEAR, TODAY, cache=cache)
        assert result.is_empty and len(cache) == 0
