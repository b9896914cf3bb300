"""The purpose reminder's evidence (planner.reminder) on fixed records.

The reference day is Wednesday 25 November 2026; the last 30 days are 27 Oct … 25 Nov and the
30 before are 27 Sep … 26 Oct.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from planner.model import DayRecord, Profile, Purpose, Reflection, Skill, Task
from planner.reminder import (
    ReminderEvidence,
    SkillGrowth,
    build_reminder,
    calm_line,
    compute_reminder,
    first_line,
    should_auto_remind,
)
from planner.store import Store

TODAY = date(2026, 11, 25)
HELP = Purpose("help-others", "To help others")
LEAD = Purpose("team-lead", "To become a team lead")
EXCEL = Skill("excel", "Excel")
MENTORING = Skill("mentoring", "Mentoring")


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


_counter = iter(range(1_000_000))


def task(day: date, title: str = "", *, done: bool = True, **fields: object) -> Task:
    n = next(_counter)
    return Task(id=f"t{n}", title=title or f"Task {n}", day=day, done=done, **fields)  # type: ignore[arg-type]


def compute(
    tasks: Iterable[Task] = (),
    days: Iterable[DayRecord] = (),
    purposes: Iterable[Purpose] = (HELP, LEAD),
    skills: Iterable[Skill] = (EXCEL, MENTORING),
    profile: Profile | None = None,
) -> ReminderEvidence:
    return compute_reminder(
        list(tasks),
        {record.day: record for record in days},
        list(purposes),
        list(skills),
        profile or Profile(),
        TODAY,
    )


def reflected(day: date, stress: int | None, **answers: str) -> DayRecord:
    return DayRecord(day, stress, Reflection(**answers))


class TestEmpty:
    def test_an_empty_record_is_empty(self) -> None:
        evidence = compute(purposes=(), skills=())
        assert evidence.is_empty
        assert evidence.purposes == () and evidence.skills == () and evidence.stretch == ()
        assert evidence.people == () and evidence.calm_line is None and evidence.next_step == ""

    def test_a_purpose_alone_is_not_empty(self) -> None:
        evidence = compute(purposes=(HELP,))
        assert not evidence.is_empty
        assert evidence.purposes[0].done_30 == 0 and evidence.purposes[0].recent_titles == ()

    def test_done_tasks_without_purposes_are_not_empty(self) -> None:
        assert not compute([task(ago(1))], purposes=()).is_empty

    def test_undone_tasks_alone_are_empty(self) -> None:
        assert compute([task(ago(1), done=False)], purposes=()).is_empty


class TestPurposes:
    def test_counts_done_tasks_of_the_last_30_days_only(self) -> None:
        tasks = [
            task(ago(0), purposes=("help-others",)),
            task(ago(29), purposes=("help-others",)),  # first day of the window
            task(ago(30), purposes=("help-others",)),  # just outside
            task(ago(3), purposes=("help-others",), done=False),
            task(ago(2), purposes=("team-lead", "help-others")),
            task(TODAY + timedelta(days=1), purposes=("help-others",)),  # the future does not count
        ]
        evidence = compute(tasks)
        counts = {item.purpose.slug: item.done_30 for item in evidence.purposes}
        assert counts == {"help-others": 3, "team-lead": 1}

    def test_recent_titles_newest_first_at_most_three_each_once(self) -> None:
        tasks = [
            task(ago(10), "Oldest", purposes=("help-others",)),
            task(ago(1), "Stand-up", purposes=("help-others",)),
            task(ago(2), "Stand-up", purposes=("help-others",)),
            task(ago(3), "Mentor Sam", purposes=("help-others",)),
            task(ago(4), "Review Dev's query", purposes=("help-others",)),
        ]
        item = compute(tasks).purposes[0]
        assert item.done_30 == 5
        assert item.recent_titles == ("Stand-up", "Mentor Sam", "Review Dev's query")

    def test_same_day_titles_follow_the_day_order(self) -> None:
        tasks = [
            task(ago(1), "First", purposes=("help-others",), order=0),
            task(ago(1), "Second", purposes=("help-others",), order=1),
        ]
        assert compute(tasks).purposes[0].recent_titles == ("Second", "First")

    def test_archived_purposes_are_left_out_and_order_is_kept(self) -> None:
        archived = Purpose("old", "An old why", archived=True)
        evidence = compute([task(ago(1), purposes=("old",))], purposes=(LEAD, archived, HELP))
        assert [item.purpose.slug for item in evidence.purposes] == ["team-lead", "help-others"]

    def test_titles_are_one_line(self) -> None:
        tasks = [task(ago(1), "Line\x1b[2Jone", purposes=("help-others",))]
        assert compute(tasks).purposes[0].recent_titles == ("Lineone",)


class TestSkills:
    def test_up_from(self) -> None:
        tasks = [task(ago(i), skills=("excel",)) for i in range(9)]
        tasks += [task(ago(30 + i), skills=("excel",)) for i in range(4)]
        tasks += [task(ago(60), skills=("excel",))]  # older than 60 days: not counted
        (growth,) = compute(tasks).skills
        assert growth == SkillGrowth("excel", "Excel", 9, 4)
        assert growth.phrase() == "Excel: 9 tasks, up from 4"

    def test_phrases(self) -> None:
        assert SkillGrowth("sql", "SQL", 1, 0).phrase() == "SQL: 1 task, new in the last 30 days"
        assert (
            SkillGrowth("sql", "SQL", 3, 3).phrase()
            == "SQL: 3 tasks, as many as the 30 days before"
        )
        assert SkillGrowth("sql", "SQL", 2, 5).phrase() == "SQL: 2 tasks (5 in the 30 days before)"

    def test_only_skills_practised_in_the_last_30_days_most_first(self) -> None:
        tasks = [task(ago(1), skills=("excel",)), task(ago(2), skills=("mentoring", "excel"))]
        tasks += [task(ago(40), skills=("sql",))]
        evidence = compute(tasks)
        assert [(g.slug, g.last_30) for g in evidence.skills] == [("excel", 2), ("mentoring", 1)]

    def test_a_renamed_skill_shows_its_current_name(self) -> None:
        tasks = [task(ago(1), skills=("excel",))]
        evidence = compute(tasks, skills=(Skill("excel", "Spreadsheets"),))
        assert evidence.skills[0].phrase().startswith("Spreadsheets: 1 task")

    def test_archived_skills_are_left_out_unknown_ones_are_named_from_the_slug(self) -> None:
        tasks = [task(ago(1), skills=("excel", "public-speaking"))]
        evidence = compute(tasks, skills=(Skill("excel", "Excel", archived=True),))
        assert [(g.slug, g.name) for g in evidence.skills] == [
            ("public-speaking", "Public speaking")
        ]

    def test_a_skill_twice_on_a_task_counts_once(self) -> None:
        assert compute([task(ago(1), skills=("excel", "excel"))]).skills[0].last_30 == 1


class TestStretchAndPeople:
    def test_stretch_tasks_done_in_the_last_30_days_newest_first(self) -> None:
        tasks = [
            task(ago(5), "Trained the new hire", stretch=True),
            task(ago(1), "Covered for Dev", stretch=True),
            task(ago(2), "Planned but not done", stretch=True, done=False),
            task(ago(31), "Long ago", stretch=True),
            task(ago(1), "Ordinary"),
        ]
        titles = [t.title for t in compute(tasks).stretch]
        assert titles == ["Covered for Dev", "Trained the new hire"]

    def test_people_most_first_then_by_name(self) -> None:
        tasks = [
            task(ago(1), people=("sam", "marilyn")),
            task(ago(2), people=("marilyn",)),
            task(ago(3), people=("dev",)),
            task(ago(4), people=("zoe",), done=False),
            task(ago(45), people=("zoe",)),
        ]
        assert compute(tasks).people == (("marilyn", 2), ("dev", 1), ("sam", 1))


class TestCalmLine:
    def test_served_why_preferred_over_a_more_recent_learned(self) -> None:
        days = [
            reflected(ago(2), 2, learned="Pivot tables"),
            reflected(ago(9), 1, served_why="Helping Ana is why I do this"),
        ]
        assert compute(days=days).calm_line == (ago(9), "Helping Ana is why I do this")

    def test_most_recent_served_why_wins(self) -> None:
        days = [
            reflected(ago(20), 1, served_why="Older"),
            reflected(ago(3), 2, served_why="Newer"),
            reflected(ago(10), 1, served_why="Middle"),
        ]
        assert compute(days=days).calm_line == (ago(3), "Newer")

    def test_then_learned_then_helped(self) -> None:
        days = [reflected(ago(2), 2, helped="Sam helped me"), reflected(ago(5), 2, learned="SQL")]
        assert compute(days=days).calm_line == (ago(5), "SQL")
        assert compute(days=days[:1]).calm_line == (ago(2), "Sam helped me")

    def test_never_from_a_stressful_or_unrated_day(self) -> None:
        days = [
            reflected(ago(1), 4, served_why="At the threshold: stressful"),
            reflected(ago(2), 5, served_why="Very stressful"),
            reflected(ago(3), None, served_why="Not rated"),
            reflected(ago(4), 3, served_why="Calm enough"),
        ]
        assert compute(days=days).calm_line == (ago(4), "Calm enough")
        assert compute(days=days[:3]).calm_line is None

    def test_follows_a_changed_threshold(self) -> None:
        days = [reflected(ago(1), 4, served_why="A four"), reflected(ago(5), 2, served_why="A two")]
        assert compute(days=days).calm_line == (ago(5), "A two")
        assert compute(days=days, profile=Profile(stress_threshold=5)).calm_line == (
            ago(1),
            "A four",
        )
        assert compute(days=days, profile=Profile(stress_threshold=2)).calm_line is None

    def test_trimmed_to_its_first_non_empty_line(self) -> None:
        days = [reflected(ago(1), 1, served_why="\n  \n  I  helped\tMarilyn \x1b[31m  \nand more")]
        assert compute(days=days).calm_line == (ago(1), "I helped Marilyn")

    def test_blank_answers_fall_through(self) -> None:
        days = [reflected(ago(1), 1, served_why="   \n ", learned="Window functions")]
        assert compute(days=days).calm_line == (ago(1), "Window functions")

    def test_days_after_today_are_ignored(self) -> None:
        days = [reflected(TODAY + timedelta(days=1), 1, served_why="Tomorrow")]
        assert calm_line(days, 4, TODAY) is None

    def test_very_long_lines_are_shortened(self) -> None:
        line = first_line("word " * 200)
        assert len(line) == 240 and line.endswith("…")


class TestNextStep:
    def test_next_step_is_one_clean_line(self) -> None:
        evidence = compute(profile=Profile(next_step="  Team lead\x07 of analytics \n"))
        assert evidence.next_step == "Team lead of analytics"

    def test_no_next_step(self) -> None:
        assert compute().next_step == ""


class TestAutoRemind:
    @pytest.mark.parametrize(
        ("stress", "threshold", "expected"),
        [(4, 4, True), (3, 4, False), (5, 4, True), (None, 4, False), (4, 5, False), (2, 2, True)],
    )
    def test_yesterday_stressful(self, stress: int | None, threshold: int, expected: bool) -> None:
        days = {ago(1): DayRecord(ago(1), stress)}
        assert should_auto_remind(days, TODAY, threshold) is expected

    def test_only_yesterday_counts(self) -> None:
        days = {TODAY: DayRecord(TODAY, 5), ago(2): DayRecord(ago(2), 5)}
        assert not should_auto_remind(days, TODAY, 4)
        assert not should_auto_remind({}, TODAY, 4)


def _store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "record", now=lambda: datetime(2026, 11, 25, 21, 0))


class TestBuildReminder:
    def test_reads_the_store(self, tmp_path: Path) -> None:
        store = _store(tmp_path)
        store.save_purpose(HELP)
        store.save_skill(Skill("excel", "Excel"))
        store.save_profile(Profile(next_step="Team lead"))
        store.add_task(task(ago(1), "Mentor Sam", purposes=("help-others",), skills=("excel",)))
        store.add_task(task(ago(40), "Earlier work", skills=("excel",)))
        store.add_task(task(ago(70), "Too old to count", purposes=("help-others",)))
        store.save_reflection(ago(200), Reflection(served_why="Months ago, calm"), stress=1)
        store.save_reflection(ago(3), Reflection(learned="Recent but only learned"), stress=2)
        store.save_reflection(ago(1), Reflection(served_why="Stressful"), stress=5)
        evidence = build_reminder(store, TODAY)
        assert [(p.purpose.slug, p.done_30, p.recent_titles) for p in evidence.purposes] == [
            ("help-others", 1, ("Mentor Sam",))
        ]
        assert evidence.skills == (SkillGrowth("excel", "Excel", 1, 1),)
        assert evidence.calm_line == (ago(200), "Months ago, calm")
        assert evidence.next_step == "Team lead"

    def test_looks_back_at_most_a_year(self, tmp_path: Path) -> None:
        store = _store(tmp_path)
        store.save_reflection(ago(400), Reflection(served_why="Too long ago"), stress=1)
        assert build_reminder(store, TODAY).calm_line is None

    def test_stops_at_the_newest_served_why(self, tmp_path: Path) -> None:
        store = _store(tmp_path)
        store.save_reflection(ago(2), Reflection(served_why="Newest"), stress=1)
        store.save_reflection(ago(100), Reflection(served_why="Older"), stress=1)
        assert build_reminder(store, TODAY).calm_line == (ago(2), "Newest")

    def test_an_empty_store(self, tmp_path: Path) -> None:
        assert build_reminder(_store(tmp_path), TODAY).is_empty
