"""Shared helpers of the fault suite: child processes, byte snapshots, and the counts it reports.

The counts in :data:`STATS` are printed at the end of the run by ``conftest.py`` (one summary
line the README's "Reliability" section quotes).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from planner.storage import TEMP_SUFFIX, read_json

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("child_writer.py")

#: Counts reported in the summary line (see conftest.py).
STATS: Counter[str] = Counter()


def child_env() -> dict[str, str]:
    """The environment of a child: this checkout first on the import path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def start_child(*args: str, user: int | None = None) -> subprocess.Popen[str]:
    """Start ``child_writer.py`` with ``args``; its stdout is a pipe of text lines."""
    return subprocess.Popen(
        [sys.executable, str(CHILD), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
        cwd=str(ROOT),
        user=user,
    )


def wait_for(child: subprocess.Popen[str], word: str) -> list[str]:
    """Read the child's lines until one equals ``word``; fails with its stderr if it exits."""
    assert child.stdout is not None
    lines = []
    while True:
        line = child.stdout.readline()
        if not line:
            _, err = finish(child)
            raise AssertionError(f"child ended before {word!r}: {lines[-5:]} {err[-2000:]}")
        line = line.rstrip("\n")
        if line == word:
            return lines
        lines.append(line)


def finish(child: subprocess.Popen[str]) -> tuple[str, str]:
    """The rest of a child's output once it has ended (or been killed).

    Read through the same file objects as :func:`wait_for`: ``communicate()`` reads the raw
    pipe and would miss what ``readline`` already buffered.
    """
    assert child.stdout is not None and child.stderr is not None
    out, err = child.stdout.read(), child.stderr.read()
    child.wait(timeout=30)
    for stream in (child.stdin, child.stdout, child.stderr):
        if stream is not None:
            stream.close()
    return out, err


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` except the lock, by relative path, with its bytes."""
    found = {}
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            if name != ".lock":
                found[str(path.relative_to(folder))] = path.read_bytes()
    return found


def stray_temps(folder: Path) -> list[str]:
    """Temporary files of atomic writes left in the record folder."""
    return [n for n in os.listdir(folder) if n.startswith(".") and n.endswith(TEMP_SUFFIX)]


def hidden_backups(folder: Path) -> list[str]:
    """Unfinished snapshot or prune folders left in ``backups/``."""
    root = folder / "backups"
    return [n for n in os.listdir(root) if n.startswith(".")] if root.is_dir() else []


#: Backup folders already parsed, by path: a backup is never changed once in place.
_PARSED_BACKUPS: set[str] = set()


def parse_everything(folder: Path) -> int:
    """Parse every record file and every backup not parsed before (temporaries and hidden,
    unfinished backups excepted); returns how many files were parsed."""
    count = 0
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        if Path(root).parent.name == "backups":
            if root in _PARSED_BACKUPS:
                continue
            _PARSED_BACKUPS.add(root)
        for name in names:
            if name.endswith(".json") and not name.startswith("."):
                read_json(Path(root) / name)
                count += 1
    return count
