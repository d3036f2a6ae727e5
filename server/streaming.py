"""A StreamingResponse that always closes its body's generator.

Starlette stops iterating the body when the client goes away, but leaves the generator where it
stopped (at a `yield`): its `finally` would run only when the garbage collector gets to it,
holding the snapshot's transaction and connection, or a stream's place in the change hub, until
then. Closing it at the end of the response runs that cleanup at once.
"""

from __future__ import annotations

import anyio
from fastapi.responses import StreamingResponse
from starlette.types import Receive, Scope, Send


class ClosingStreamingResponse(StreamingResponse):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            close = getattr(self.body_iterator, "aclose", None)
            if close is not None:
                with anyio.CancelScope(shield=True):
                    await close()
