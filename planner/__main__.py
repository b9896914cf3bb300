"""``python -m planner`` and the ``planner`` console script."""

from __future__ import annotations

import gc

# Starting a command allocates a few hundred thousand objects (Textual and Rich for the app) that
# live as long as the process, and the cyclic collector would walk them again and again while
# they are made: about a tenth of the app's time to its first paint. It stays off until the
# command runs: ``cli`` turns it back on for the shell commands (but add and show, which read
# one month and end), the app after its first paint.
gc.disable()

from planner import cli  # noqa: E402


def main() -> None:
    """Run the command line and exit with its code."""
    code = cli.main()
    if not gc.isenabled():
        # A command that left the collector off (add, show: see cli) made nothing to collect,
        # and its files are written and closed; the collection Python still makes while
        # shutting down would walk every object of the process once more (~3 ms of an add).
        # Frozen objects are left out of it, and freed as usual.
        gc.freeze()
    raise SystemExit(code)


if __name__ == "__main__":
    main()
