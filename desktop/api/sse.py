"""Server-Sent Events, read incrementally: bytes in as they arrive, whole events out.

The parsing rules of the HTML standard's "event stream interpretation": lines end in CRLF, LF
or CR (a CR at the end of one chunk and the LF starting the next are one line end); a line
starting with ":" is a comment; `data` lines join with "\\n"; `id` (without a NUL) becomes the
last event id, kept across events; `retry` takes digits only; an empty line dispatches the
event, and one with no data is dropped. A leading byte-order mark is skipped. Bytes after the
last empty line are an event still on its way: a connection that ends there loses it, as the
standard says, so a stream cut mid-event never delivers half an event.

No Qt, no I/O: the change feed (desktop/api/live.py) feeds it what the socket gives.
"""

from __future__ import annotations

from dataclasses import dataclass

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class SseEvent:
    # The last event id when this one was dispatched ("" if none was ever given): its cursor.
    id: str
    event: str  # "message" when the event named none
    data: str


class SseParser:
    def __init__(self) -> None:
        self.last_event_id = ""
        self.retry_ms: int | None = None  # the server's reconnection time, once it said one
        self._pending = b""  # an unfinished line
        self._started = False  # the byte-order mark is only looked for at the very start
        self._after_cr = False  # the last chunk ended in CR: a LF first in the next is its pair
        self._event = ""
        self._data: list[str] = []

    @property
    def mid_event(self) -> bool:
        """Part of an event has been read but not its end (what a cut connection loses)."""
        return bool(self._pending or self._data or self._event)

    @property
    def pending_bytes(self) -> int:
        """The length of the line still unfinished (a hostile server may never end one)."""
        return len(self._pending)

    def feed(self, chunk: bytes) -> list[SseEvent]:
        """The events `chunk` completes, in order."""
        if not chunk:
            return []
        if self._after_cr and chunk.startswith(b"\n"):
            chunk = chunk[1:]
        self._after_cr = chunk.endswith(b"\r")
        buffer = self._pending + chunk
        if not self._started:
            if len(buffer) < len(_BOM) and _BOM.startswith(buffer):
                self._pending = buffer
                return []
            self._started = True
            buffer = buffer.removeprefix(_BOM)
        events: list[SseEvent] = []
        # Most servers end lines with LF alone: then one split does it.
        if b"\r" in buffer:
            buffer = buffer.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        lines = buffer.split(b"\n")
        self._pending = lines.pop()  # after the last line end: not a line yet
        for line in lines:
            event = self._line(line)
            if event is not None:
                events.append(event)
        return events

    def _line(self, raw: bytes) -> SseEvent | None:
        if not raw:
            return self._dispatch()
        if raw.startswith(b":"):
            return None  # a comment: the keep-alive
        line = raw.decode("utf-8", errors="replace")
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id":
            if "\0" not in value:
                self.last_event_id = value
        elif name == "retry" and value.isascii() and value.isdigit():
            self.retry_ms = int(value)
        # Any other field name is ignored, as the standard says.
        return None

    def _dispatch(self) -> SseEvent | None:
        event, data = self._event, self._data
        self._event, self._data = "", []
        if not data:
            return None
        return SseEvent(self.last_event_id, event or "message", "\n".join(data))
