"""``python -m certmock demo``: a narrated walk through a private CA's life on the clock."""

from __future__ import annotations

import argparse
import sys

from certmock.demo import run_demo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m certmock", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("demo", help="walk a certificate authority through its life")
    parser.parse_args(argv)
    run_demo(sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
