"""python -m certmock demo: a narrated walk through a private CA's life on the clock.
python -m certmock drift: what the installed botocore has that certmock does not serve yet.
python -m certmock serve: the emulator over HTTP, for clients in other processes and languages.

(Plain text: argparse prints this docstring as the --help description.)"""

from __future__ import annotations

import argparse
import sys

from certmock.demo import run_demo
from certmock.inventory import drift_report
from certmock.server import cli as server_cli
from certmock.services.registry import inventories


def main(argv: list[str] | None = None) -> int:
    description = (__doc__ or "").split("\n\n", 1)[0]
    parser = argparse.ArgumentParser(
        prog="python -m certmock",
        description=description,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("demo", help="walk a certificate authority through its life")
    commands.add_parser(
        "drift",
        help="list the operations and members of the installed botocore that are newer than "
        "the release certmock was reviewed against",
    )
    server_cli.add_parser(commands)
    arguments = parser.parse_args(argv)
    if arguments.command == "serve":
        return server_cli.run(arguments)
    if arguments.command == "drift":
        sys.stdout.write(drift_report(inventories().values()))
        return 0
    run_demo(sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
