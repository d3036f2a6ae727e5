"""`partner-desk`: the desktop app's command line."""

from __future__ import annotations

import argparse
import sys

from desktop import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="partner-desk", description="Partner Desk: manage your customers' accounts."
    )
    parser.add_argument("--version", action="version", version=f"Partner Desk {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start the reference server on 127.0.0.1 with demo data and sign in as 'demo'",
    )
    parser.add_argument(
        "--demo-reset", action="store_true", help="with --demo: start over from fresh demo data"
    )
    parser.add_argument("--server", metavar="URL", help="the Partner API server to sign in to")
    parser.add_argument("--ca-bundle", metavar="PATH", help="extra CA certificates (PEM) to trust")
    parser.add_argument(
        "--allow-insecure-http",
        action="store_true",
        help="allow plain http:// to a server that is not on this machine (not recommended)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from desktop.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
