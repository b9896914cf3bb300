"""The built wheel holds the package and the styles, and works when installed elsewhere."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("setuptools") is None or importlib.util.find_spec("wheel") is None,
    reason="wheel building needs setuptools and wheel in this environment",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel from a copy of the project (building in place would litter the tree)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    source.mkdir()
    shutil.copy2(ROOT / "pyproject.toml", source)
    readme = ROOT / "README.md"
    if readme.exists():
        shutil.copy2(readme, source)
    else:
        (source / "README.md").write_text("planner\n")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "planner", source / "planner", ignore=ignore)
    shutil.copytree(ROOT / "styles", source / "styles", ignore=ignore)
    out = work / "dist"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "-q",
            "-w",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("planner-*.whl")
    return built


def test_wheel_holds_the_package_and_every_style(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for module in ("__init__", "__main__", "cli", "store", "model", "transfer"):
        assert f"planner/{module}.py" in names
    assert "planner/styles/__init__.py" in names
    for style in sorted((ROOT / "styles").glob("*.tcss")):
        assert f"planner/styles/{style.name}" in names, f"{style.name} is not in the wheel"
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "planner = planner.__main__:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_wheel_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--disable-pip-version-check",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(target)  # only the installed copy, never the source tree
    check = (
        "import planner, planner.styles, importlib.resources as r, pathlib, sys; "
        f"assert pathlib.Path(planner.__file__).is_relative_to({str(target)!r}), planner.__file__; "
        "print(sorted(p.name for p in r.files('planner.styles').iterdir() "
        "if p.name.endswith('.tcss')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", check],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    expected = sorted(p.name for p in (ROOT / "styles").glob("*.tcss"))
    assert result.stdout.strip() == repr(expected)
    version = subprocess.run(
        [sys.executable, "-m", "planner", "--version"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=60,
        check=False,
    )
    assert version.returncode == 0 and version.stdout.startswith("planner "), version.stderr
