"""The fault suite's summary: what was tried, printed as one block at the end of the run."""

from __future__ import annotations

from typing import Any

from faultkit import STATS


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the counts the README's "Reliability" section quotes (only if faults ran)."""
    if not STATS:
        return
    s = STATS
    lines = []
    if s["kills"]:
        lines.append(
            f"crashes: {s['kills']} SIGKILLs at random moments "
            f"({s['kills_mid_write']} caught a write half-done: {s['temps_cleaned']} temporary "
            f"files and {s['partials_cleaned']} unfinished backups, all cleaned on the next "
            f"start); {s['acked']} acknowledged writes, {s['checks']} record checks after the "
            f"kills, {s['files_parsed']} file parses, 0 lost, 0 unreadable"
            + (
                f"; {s['duplicates']} kills between the two files of a move across months "
                "left the task on both days (never on neither)"
                if s["duplicates"]
                else ""
            )
        )
    if s["concurrent_adds"] or s["busy_checks"] or s["killed_holders"]:
        lines.append(
            f"concurrency: {s['concurrent_adds']} adds from 2 to 4 processes at once, all present "
            f"once; {s['busy_checks']} busy-lock checks (clear error, files byte-identical); "
            f"{s['killed_holders']} lock holders killed, no stale lock"
        )
    if s["bad_files"]:
        lines.append(
            f"bad files: {s['bad_files']} damaged files ({s['bad_file_ops']} operations on "
            f"them): clear one-line errors naming the file, every file byte-identical; "
            f"{s['restores']} restores of the newest good backup"
        )
    if s["injected"]:
        lines.append(
            f"write failures: {s['injected']} injected failures (fsync, rename, temp file, "
            f"write, full disk, read-only): old or new file, never a mix, no temp file left"
        )
    terminalreporter.write_sep("-", "fault suite summary")
    for line in lines:
        terminalreporter.write_line(line)
