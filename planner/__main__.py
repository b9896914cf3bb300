"""``python -m planner`` and the ``planner`` console script."""

from __future__ import annotations

from planner import cli


def main() -> None:
    """Run the command line and exit with its code."""
    raise SystemExit(cli.main())


if __name__ == "__main__":
    main()
