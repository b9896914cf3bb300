"""The command lines read without argparse (``cli._plain``) mean what argparse makes of them.

Every command line of up to three words after ``add``, ``show`` or a near miss (``sho``), the
words drawn from options, abbreviations, ``--``, dashes, empty and unicode words: either the
fast reading gives exactly the parser's arguments, or it leaves the line to the parser. A line
the parser refuses (or answers with help) is never read by the fast path.
"""

from __future__ import annotations

import contextlib
import io
import itertools
from typing import Any

import pytest

from planner import cli

WORDS = (
    "",
    " ",
    "today",
    "tomorrow",
    "dec",
    "3",
    "--json",
    "--js",
    "--data",
    "-5",
    "--",
    "-",
    "-h",
    "-x y",
    "🎉 party",
    "show",
    "add",
)
COMMANDS = ("add", "show", "sho")


def _argument_lines() -> list[list[str]]:
    lines: list[list[str]] = [[]]
    for command in COMMANDS:
        for count in range(4):
            for words in itertools.product(WORDS, repeat=count):
                lines.append([command, *words])
    return lines


def _parsed(parser: Any, argv: list[str]) -> dict[str, Any] | None:
    """What argparse gives for ``argv``; None when it refuses it or prints help and exits."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            return dict(vars(parser.parse_args(argv)))
        except (cli.UsageError, SystemExit):
            return None


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_line_the_fast_path_reads_is_read_as_argparse_reads_it(
    command: str | None,
) -> None:
    parser = cli.build_parser()
    lines = [line for line in _argument_lines() if (line[0] if line else None) == command]
    read = 0
    for argv in lines:
        plain = cli._plain(argv)
        if plain is None:
            continue
        read += 1
        assert vars(plain) == _parsed(parser, argv), argv
    # The fast path is taken for the common lines (not everything left to the parser).
    if command in ("add", "show"):
        assert read > 100
    elif command is None:
        assert read == 1
    else:
        assert read == 0
