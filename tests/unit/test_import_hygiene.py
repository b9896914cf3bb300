"""The core and the shell commands never import Textual (checked in a fresh interpreter)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CORE = [
    "planner.model",
    "planner.quickadd",
    "planner.dates",
    "planner.store",
    "planner.cli",
    "planner.transfer",
    "planner.exports",
    "planner.paths",
    "planner.output",
    "planner.__main__",
]
OPTIONAL = ["planner.insights", "planner.demo"]


def _present(name: str) -> bool:
    return (ROOT / Path(*name.split("."))).with_suffix(".py").is_file()


MODULES = CORE + [name for name in OPTIONAL if _present(name)]


@pytest.mark.parametrize("module", MODULES)
def test_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')); "
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, f"{module} imported {result.stdout.strip()}{result.stderr}"


def test_all_core_modules_together() -> None:
    names = [name for name in MODULES if importlib.util.find_spec(name) is not None]
    code = (
        "import sys, importlib\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "sys.exit('textual' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
