"""The command line. Each command parses its options, calls one library function and prints.

Library errors (``factrack.errors``) become one-line messages on stderr and exit codes; nothing
below this module prints or exits.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer

from factrack.errors import FactrackError

app = typer.Typer(
    help="factrack: extract, attribute, index and compare quotes and claims in Arabic and English news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

T = TypeVar("T")


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"factrack: error: {message}", err=True)
    return typer.Exit(code)


def guarded(fn: Callable[[], T]) -> T:
    """Run a library call, turning factrack errors into a message and an exit code."""
    try:
        return fn()
    except FactrackError as e:
        raise fail(str(e), e.exit_code) from None
    except KeyboardInterrupt:
        raise fail("interrupted", 130) from None


def warn(message: str) -> None:
    typer.echo(f"factrack: {message}", err=True)


def print_jsonl(rows: Any) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def is_terminal() -> bool:
    return sys.stdout.isatty()


# ---------------------------------------------------------------------------- extract
# (commands are added below, one block per pipeline stage)
