"""`partner-api`: serve, seed, add-user."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import socket
import sys
import time
from typing import Any

from sqlalchemy.exc import IntegrityError

from server import __version__
from server.clock import TEST_CLOCK_ENV
from server.config import Settings, default_database_url, parse_faults


def _database(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        default=None,
        help="database URL: sqlite:///path.sqlite3 (default: in the user data folder) "
        "or postgresql://user@host/db",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="partner-api", description="The reference Partner API server."
    )
    parser.add_argument("--version", action="version", version=f"partner-api {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the API over HTTP")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    _database(serve)
    serve.add_argument(
        "--suspend-seconds",
        type=float,
        default=2.0,
        help="how long an operation takes (default 2.0)",
    )
    serve.add_argument(
        "--fault",
        default=None,
        help="inject faults for testing: fail, stall, fail:ACCOUNT, stall:ACCOUNT (comma separated;"
        " also the PARTNER_API_FAULT environment variable)",
    )
    serve.add_argument(
        "--lease-seconds",
        type=float,
        default=Settings.lease_seconds,
        help="how long a claimed operation stays this server's without renewal; when a server "
        "dies, another sharing its database finishes its operations after this "
        "(default %(default)s)",
    )
    serve.add_argument(
        "--token-ttl-seconds",
        type=int,
        default=Settings.token_ttl_seconds,
        help="how long a sign-in lasts (default %(default)s)",
    )
    serve.add_argument(
        "--secret-key-file",
        default="",
        help="the server key's file, made on the first start (mode 0600) when missing; unused "
        "when PARTNER_API_SECRET_KEY is set (default: beside a SQLite database, else in the "
        "user data folder)",
    )
    serve.add_argument(
        "--changes-retention-seconds",
        type=float,
        default=Settings.changes_retention_seconds,
        help="how long the change log keeps a change; an older cursor is 410 (default: a day)",
    )
    serve.add_argument(
        "--changes-prune-seconds",
        type=float,
        default=Settings.changes_prune_seconds,
        help="how often changes past the retained window are deleted (default %(default)s)",
    )
    serve.add_argument(
        "--keepalive-seconds",
        type=float,
        default=Settings.changes_keepalive_seconds,
        help="an idle change stream gets a comment this often (default %(default)s)",
    )
    serve.add_argument(
        "--test-clock",
        action="store_true",
        help="FOR TESTS ONLY: serve POST /test/clock, which moves the clock of scheduled "
        f"operations; refused unless {TEST_CLOCK_ENV}=1 is set too",
    )
    serve.add_argument("--log-level", default="warning")

    seed = sub.add_parser("seed", help="fill an empty database with demo data")
    _database(seed)
    seed.add_argument("--customers", type=int, default=300, help="customers of the first partner")
    seed.add_argument("--partners", type=int, default=2)
    seed.add_argument("--seed", type=int, default=1)

    add_user = sub.add_parser("add-user", help="add a user (password read from stdin)")
    _database(add_user)
    add_user.add_argument("--partner", required=True, help="partner name (made if missing)")
    add_user.add_argument("--username", required=True)
    return parser


def _settings(args: argparse.Namespace, **extra: object) -> Settings:
    url = args.database or default_database_url()
    return Settings(database_url=url, **extra)  # type: ignore[arg-type]


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from server.app import create_app

    if args.lease_seconds <= 0:
        raise ValueError("--lease-seconds must be more than 0")
    if args.token_ttl_seconds <= 0:
        raise ValueError("--token-ttl-seconds must be more than 0")
    if args.test_clock and os.environ.get(TEST_CLOCK_ENV) != "1":
        # Two keys, so neither a stray flag nor a stray variable opens it on a real server.
        raise ValueError(f"--test-clock is for tests only: it needs {TEST_CLOCK_ENV}=1 as well")
    extra: dict[str, object] = {
        "suspend_seconds": args.suspend_seconds,
        "lease_seconds": args.lease_seconds,
        "token_ttl_seconds": args.token_ttl_seconds,
        "secret_key_file": args.secret_key_file,
        "changes_retention_seconds": args.changes_retention_seconds,
        "changes_prune_seconds": args.changes_prune_seconds,
        "changes_keepalive_seconds": args.keepalive_seconds,
        "test_clock": args.test_clock,
    }
    if args.fault is not None:
        extra["faults"] = parse_faults(args.fault)
    app = create_app(_settings(args, **extra))
    # Bind first, so --port 0 can announce the real port before serving.
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    # IPPROTO_TCP, not the default 0: asyncio sets TCP_NODELAY only on sockets that say TCP, and
    # without it every small answer on a kept-alive connection waits ~40 ms (Nagle + delayed ACK).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    port = sock.getsockname()[1]
    host = f"[{args.host}]" if family == socket.AF_INET6 else args.host
    print(f"http://{host}:{port}", flush=True)
    # Open streams (GET /changes) never end by themselves: they are told to at the signal,
    # and whatever is still open after a few seconds is cut, so a stop never hangs.
    config = uvicorn.Config(
        app,
        log_level=args.log_level,
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=5,
    )
    _server(config, app.state.changes).run(sockets=[sock])
    return 0


def _server(config: Any, hub: Any) -> Any:
    """uvicorn's Server, which first tells the change streams to end when asked to stop."""
    import uvicorn

    class StreamsEndingServer(uvicorn.Server):
        def handle_exit(self, sig: int, frame: Any) -> None:
            hub.end_streams()
            super().handle_exit(sig, frame)

    return StreamsEndingServer(config)


def seed(args: argparse.Namespace) -> int:
    from server.db import Database
    from server.migrate import upgrade
    from server.seed import AlreadySeeded
    from server.seed import seed as run_seed

    db = Database(_settings(args).database_url)
    upgrade(db.engine)
    started = time.perf_counter()
    try:
        totals = run_seed(db, args.customers, args.partners, args.seed)
    except AlreadySeeded as exc:
        print(f"partner-api seed: {exc}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    took = time.perf_counter() - started
    print(
        f"seeded {totals['partners']} partners, {totals['customers']} customers, "
        f"{totals['services']} services in {took:.1f} s"
    )
    return 0


def add_user(args: argparse.Namespace) -> int:
    from server.db import Database
    from server.migrate import upgrade
    from server.seed import add_user as run_add_user

    password = getpass.getpass("Password: ") if sys.stdin.isatty() else sys.stdin.readline()
    password = password.rstrip("\r\n")
    if not password:
        print("partner-api add-user: the password is empty", file=sys.stderr)
        return 1
    db = Database(_settings(args).database_url)
    upgrade(db.engine)
    try:
        run_add_user(db, args.partner, args.username, password)
    except IntegrityError:
        print(f"partner-api add-user: user {args.username!r} already exists", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    print(f"added {args.username} to {args.partner}")
    return 0


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    try:
        return {"serve": serve, "seed": seed, "add-user": add_user}[args.command](args)
    except ValueError as exc:
        print(f"partner-api: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
