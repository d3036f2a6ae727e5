"""`partner-desk`: the desktop app's command line."""

from __future__ import annotations

import argparse
import sys

from desktop import __version__


class _Parser(argparse.ArgumentParser):
    """Says where the log is at the end of --help, looked up only when help is shown: finding
    the folder (platformdirs) would cost every start ~13 ms before the window is painted."""

    def format_help(self) -> str:
        from desktop.log_file import LOG_NAME, log_dir

        self.epilog = (
            f"The log is written to {log_dir() / LOG_NAME} (passwords and tokens left out). "
            "Server, CA bundle, language and theme are also in Edit > Settings."
        )
        return super().format_help()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="partner-desk",
        description="Partner Desk: manage your customers' accounts.",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="show this help and exit")
    parser.add_argument(
        "--version",
        action="version",
        version=f"Partner Desk {__version__}",
        help="show the version and exit",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start the reference server on 127.0.0.1 with demo data and sign in as 'demo'",
    )
    parser.add_argument(
        "--demo-reset", action="store_true", help="like --demo, but start over from fresh demo data"
    )
    parser.add_argument(
        "--server",
        metavar="URL",
        help="the Partner API server to sign in to, like https://partner.example.com "
        "(remembered for next time)",
    )
    parser.add_argument(
        "--ca-bundle",
        metavar="PATH",
        help="a PEM file of extra CA certificates to trust besides the system's "
        "(instead of the one chosen in Settings)",
    )
    parser.add_argument(
        "--allow-insecure-http",
        action="store_true",
        help="allow plain http:// to a server that is not on this machine (not recommended)",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="write debugging detail to the log (still without passwords or tokens)",
    )
    parser.add_argument(
        "--self-test",
        nargs="?",
        type=float,
        const=120.0,
        metavar="SECONDS",
        help="start a demo server from fresh data, sign in and wait until customers are listed; "
        "exit 0 if they are, 1 with the step that failed if not or after SECONDS (default 120)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from desktop.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
