"""The client as the fault suites build it: the app's own PartnerApi, with short timeouts and
retry pauses so that a fault costs a second, not half a minute."""

from __future__ import annotations

from desktop.api.client import PartnerApi

# Longer than the reference server takes to answer on a busy box; shorter than a person waits.
CONNECT_TIMEOUT = 1.0
READ_TIMEOUT = 1.5
# A delayed answer arrives this long after the client stopped waiting for it.
PAST_READ_TIMEOUT = READ_TIMEOUT + 0.4


def quick_api(url: str) -> PartnerApi:
    api = PartnerApi(url, timeout=(CONNECT_TIMEOUT, READ_TIMEOUT))
    api.operation_retry_delays = (0.05, 0.1, 0.2)
    return api
