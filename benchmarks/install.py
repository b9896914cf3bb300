"""planner installed as users get it, for timing whole processes.

The development environment installs planner in editable mode, and the finder that makes that
work is imported by ``site`` at every interpreter start, whatever the program (about 10 ms here:
it would inflate the floor and planner alike and hide the ratio). So the benchmark lays planner
out in a fresh virtual environment exactly as its wheel installs it (``planner/`` with the
``styles/`` folder as ``planner/styles``, byte-compiled like ``pip install`` does, and the
console script pip writes), and reaches the dependencies through a ``.pth`` line pointing at the
site-packages of the interpreter running the benchmark. A path listed in a ``.pth`` file is only
added to ``sys.path``; the ``.pth`` files inside it are not run, so no editable finder is loaded.

The floors run with the same interpreter and the same paths, so the comparison stays fair. No
network and no build step: it works offline and on a fresh clone.
"""

from __future__ import annotations

import compileall
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

#: What pip writes for ``[project.scripts] planner = "planner.__main__:main"``.
CONSOLE_SCRIPT = """\
#!{python}
# -*- coding: utf-8 -*-
import re
import sys
from planner.__main__ import main
if __name__ == '__main__':
    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])
    sys.exit(main())
"""


@dataclass(frozen=True)
class Installed:
    """A throw-away environment with planner installed in it."""

    python: Path
    """Its interpreter (the same executable as the one running the benchmark)."""
    planner: Path
    """The ``planner`` console script."""
    site: Path
    """Its site-packages folder."""


def _dependency_paths() -> list[str]:
    """The folders the running interpreter finds its third-party packages in."""
    found = []
    for path in sys.path:
        if path.endswith(("site-packages", "dist-packages")) and os.path.isdir(path):
            found.append(path)
    return list(dict.fromkeys(found))


def install(target: Path) -> Installed:
    """Create the environment in ``target`` (which must not exist) and install planner in it."""
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(target)],
        check=True,
        capture_output=True,
    )
    python = target / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    package = site / "planner"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "planner", package, ignore=ignore)
    shutil.copytree(REPO / "styles", package / "styles", ignore=ignore)
    (site / "planner-benchmark-deps.pth").write_text("\n".join(_dependency_paths()) + "\n")
    compileall.compile_dir(package, quiet=1, workers=1)
    script = target / "bin" / "planner"
    script.write_text(CONSOLE_SCRIPT.format(python=python))
    script.chmod(0o755)
    check = subprocess.run(
        [str(python), "-c", "import planner, tinydb, textual; print(planner.__file__)"],
        cwd=target,
        check=True,
        capture_output=True,
        text=True,
    )
    if not check.stdout.strip().startswith(str(package)):
        raise RuntimeError(f"the benchmark's planner is not the one imported: {check.stdout}")
    return Installed(python, script, site)
