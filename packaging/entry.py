"""The bundle's one executable: Partner Desk, or with --run-partner-api the demo's server.

A frozen app has no python to run `-m server.cli`, so desktop/demo.py starts this executable
again with the flag below; the server is in the bundle only for the demo.
"""

from __future__ import annotations

import multiprocessing
import sys


def main() -> int:
    # The seed's helper process is started by "spawn" on Windows and macOS: in a bundle that is
    # this executable again, which must turn into the helper here and nowhere else.
    multiprocessing.freeze_support()
    from desktop.demo import FROZEN_SERVER_FLAG

    if sys.argv[1:2] == [FROZEN_SERVER_FLAG]:
        from server.cli import main as server_main

        return server_main(sys.argv[2:])
    from desktop.__main__ import main as desk_main

    return desk_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
