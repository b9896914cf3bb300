"""Repeat rules read without dateutil's rrule give the answers dateutil's reading gave: a rule
it refuses is still refused with the same one-line message, and never crashes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from planner import cli, dates

TODAY = "2026-11-25"
#: An INTERVAL longer than Python turns into a number (4,300 digits): dateutil refuses it.
HUGE_INTERVAL = "FREQ=DAILY;INTERVAL=" + "1" * 4400


@pytest.mark.parametrize(
    "rule", [HUGE_INTERVAL, "FREQ=WEEKLY;INTERVAL=" + "7" * 5000], ids=["daily", "weekly"]
)
def test_a_rule_with_an_interval_too_long_to_read_is_refused_as_a_rule(rule: str) -> None:
    day = date(2026, 11, 25)
    with pytest.raises(dates.DateError, match="not a repeat rule"):
        dates.occurs_on(rule, day, day)
    with pytest.raises(dates.DateError, match="not a repeat rule"):
        dates.first_occurrence(rule, day)


def import_series_with_rule(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    rule: str,
) -> tuple[int, str, str, Path]:
    """Export a record with one series, give the series ``rule``, import it into a new folder:
    the exit code, what was printed and the folder imported into."""
    monkeypatch.setenv("PLANNER_TODAY", TODAY)
    source = tmp_path / "source"
    assert cli.main(["--data", str(source), "add", "Stand-up", "every", "day", "9am"]) == 0
    exported = tmp_path / "export.json"
    assert cli.main(["--data", str(source), "export", "-o", str(exported)]) == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert len(data["series"]) == 1
    data["series"][0]["recurrence"] = rule
    exported.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    target = tmp_path / "target"
    code = cli.main(["--data", str(target), "import", str(exported)])
    out, err = capsys.readouterr()
    return code, out, err, target


def test_importing_a_series_with_such_a_rule_is_bad_input_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err, target = import_series_with_rule(tmp_path, monkeypatch, capsys, HUGE_INTERVAL)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "has no valid repeat rule" in err
    assert not target.exists()


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=WEEKLY;INTERVAL=-2;BYDAY=MO",
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=31;INTERVAL=0",
        "FREQ=YEARLY;INTERVAL=+0;BYMONTH=2;BYMONTHDAY=29",
    ],
)
def test_an_interval_below_one_is_refused_rather_than_looped_on(rule: str) -> None:
    day = date(2026, 11, 25)
    # Checked first on its own: were the rule let through, the calls below would never return.
    with pytest.raises(dates.DateError, match="INTERVAL must be 1 or more"):
        dates._checked_rule(rule)
    with pytest.raises(dates.DateError, match="INTERVAL must be 1 or more"):
        dates.occurs_on(rule, day, day)
    with pytest.raises(dates.DateError, match="not a repeat rule"):
        dates.first_occurrence(rule, day)


def test_importing_a_series_repeating_every_zero_days_is_bad_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rule = "FREQ=MONTHLY;INTERVAL=0;BYMONTHDAY=1"
    code, out, err, target = import_series_with_rule(tmp_path, monkeypatch, capsys, rule)
    assert (code, out, err.count("\n")) == (2, "", 1)
    assert "has no valid repeat rule" in err
    assert not target.exists()
