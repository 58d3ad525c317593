"""Command-line entry point: `dipreader [CORPUS] [--db PATH]` opens the app; `dipreader COMMAND`
runs a headless command.

This module and the command modules it registers import nothing heavy at import time, so
`dipreader --help` and `--version` stay fast: each command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from dipreader import __version__
from dipreader.errors import DipreaderError
from dipreader.terminal import for_terminal

# Each module defines `register(subparsers)`, adding its commands with `set_defaults(run=...)`
# where `run(args) -> int`.
COMMAND_MODULES: tuple[str, ...] = (
    "dipreader.cli.corpus_cmds",
    "dipreader.cli.export_cmds",
    "dipreader.cli.suggest_cmds",
    "dipreader.cli.store_cmds",
    "dipreader.cli.fetch_cmds",
)

EXIT_USAGE = 2


class SafeParser(argparse.ArgumentParser):
    """argparse, but its errors, which quote the arguments given (`dipreader list corpus/*`
    names every file), are made safe to print."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {for_terminal(message)}\n")


def build_command_parser() -> argparse.ArgumentParser:
    # Subparsers are made of the same class.
    parser = SafeParser(prog="dipreader")
    parser.add_argument("--version", action="version", version=f"dipreader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def command_names(parser: argparse.ArgumentParser) -> dict[str, str]:
    """The registered commands and their one-line help."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return {choice.dest: choice.help or "" for choice in action._choices_actions}
    return {}


def build_app_parser(commands: dict[str, str]) -> argparse.ArgumentParser:
    width = max((len(n) for n in commands), default=0)
    listing = "\n".join(f"  {name.ljust(width)}  {text}" for name, text in commands.items())
    parser = SafeParser(
        prog="dipreader",
        usage="dipreader [CORPUS] [--db PATH] [--read-only]\n       dipreader COMMAND ...",
        description="Read and annotate a news corpus in the terminal.",
        epilog=f"commands (dipreader COMMAND --help for each):\n{listing}\n\n"
        "With no CORPUS the bundled sample articles are used; with no --db, "
        "./annotations.json.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"dipreader {__version__}")
    parser.add_argument("corpus", nargs="?", metavar="CORPUS", help="a folder or file of articles")
    parser.add_argument("--db", metavar="PATH", help="the annotation database file")
    parser.add_argument(
        "--read-only", action="store_true", help="open the database without changing it"
    )
    return parser


def _forgiving_output() -> None:
    """Text that cannot be encoded (a file name's stray byte) is escaped, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            # A stream that cannot change (already written to in another mode) stays as is.
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _forgiving_output()
    command_parser = build_command_parser()
    commands = command_names(command_parser)
    try:
        if argv and argv[0] in commands:
            args = command_parser.parse_args(argv)
            return int(args.run(args) or 0)
        args = build_app_parser(commands).parse_args(argv)
        from dipreader.cli.app_cmd import run_app

        return run_app(args)
    except DipreaderError as exc:
        print(f"dipreader: error: {for_terminal(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `dipreader list | head` closes the pipe early: not an error worth a traceback.
        sys.stderr.close()
        return 0
