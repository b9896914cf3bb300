"""Run planner (or, with ``floor``, ``screenful`` or ``reference`` as its argument, one of the bare
Textual apps) until it writes its first frame, then leave at once: what :mod:`instructions`
counts.

A frame is the first write to the terminal longer than a few hundred bytes; before it, the driver
only writes the short sequences that set the terminal's modes. The process exits without
cleaning up (``os._exit``): the terminal is a throw-away tmux pane, and an orderly shutdown
would be counted too.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from textual.drivers.linux_driver import LinuxDriver

#: Longer than any of the mode-setting writes, shorter than any frame of a 120×40 screen.
FRAME_BYTES = 400

_write = LinuxDriver.write


def _write_then_leave(self: LinuxDriver, data: str) -> None:
    _write(self, data)  # handed to the driver's writer thread: the frame is made by now
    if len(data) > FRAME_BYTES:
        os._exit(0)


def main() -> None:
    """Start the program named by ``sys.argv[1]`` (a bare app's name, or ``planner``)."""
    LinuxDriver.write = _write_then_leave  # type: ignore[method-assign]
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    if sys.argv[1:] == ["floor"]:
        from floor_app import FloorApp

        FloorApp().run()
    elif sys.argv[1:] == ["screenful"]:
        from screenful_app import ScreenfulApp

        ScreenfulApp().run()
    elif sys.argv[1:] == ["reference"]:
        from reference_app import ReferenceApp

        ReferenceApp().run()
    else:
        sys.argv = ["planner"]
        from planner.__main__ import main as planner_main

        planner_main()


if __name__ == "__main__":
    main()
