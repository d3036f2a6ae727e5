"""The change feed's Server-Sent Events parser on tricky input: events split anywhere across
chunks, multi-line data, comments, CRLF and lone CR, ids kept across events, retry, and a
stream cut in the middle of an event (which must deliver nothing of it)."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from desktop.api.sse import SseEvent, SseParser

STREAM = (
    b": hello\n"
    b"retry: 3000\n"
    b"id: 7\n"
    b"event: customer\n"
    b'data: {"a": 1}\n'
    b"\n"
    b": keep-alive\n"
    b"\n"
    b"id: 8\n"
    b"event: summary\n"
    b"data: line one\n"
    b"data:line two\n"
    b"data\n"
    b"\n"
    b"data: no id of its own\n"
    b"\n"
)
EXPECTED = [
    SseEvent("7", "customer", '{"a": 1}'),
    SseEvent("8", "summary", "line one\nline two\n"),
    SseEvent("8", "message", "no id of its own"),
]


def parse(*chunks: bytes) -> tuple[list[SseEvent], SseParser]:
    parser = SseParser()
    events: list[SseEvent] = []
    for chunk in chunks:
        events.extend(parser.feed(chunk))
    return events, parser


def test_a_whole_stream_in_one_chunk() -> None:
    events, parser = parse(STREAM)
    assert events == EXPECTED
    assert parser.retry_ms == 3000
    assert parser.last_event_id == "8"
    assert not parser.mid_event


def test_split_one_byte_at_a_time() -> None:
    events, _ = parse(*(STREAM[i : i + 1] for i in range(len(STREAM))))
    assert events == EXPECTED


@given(st.lists(st.integers(min_value=0, max_value=len(STREAM)), max_size=12))
def test_split_anywhere(cuts: list[int]) -> None:
    points = [0, *sorted(cuts), len(STREAM)]
    events, _ = parse(*(STREAM[a:b] for a, b in itertools.pairwise(points)))
    assert events == EXPECTED


@given(st.lists(st.integers(min_value=0, max_value=200), max_size=8))
def test_crlf_and_lone_cr_line_ends_split_anywhere(cuts: list[int]) -> None:
    crlf = STREAM.replace(b"\n", b"\r\n")
    cr = STREAM.replace(b"\n", b"\r")
    for stream in (crlf, cr):
        points = [0, *sorted(c for c in cuts if c <= len(stream)), len(stream)]
        events, _ = parse(*(stream[a:b] for a, b in itertools.pairwise(points)))
        assert events == EXPECTED


def test_a_cr_ending_one_chunk_and_a_lf_starting_the_next_are_one_line_end() -> None:
    events, _ = parse(b"id: 1\r", b"\ndata: x\r", b"\n\r", b"\n")
    assert events == [SseEvent("1", "message", "x")]


def test_a_stream_cut_mid_event_delivers_nothing_of_it() -> None:
    events, parser = parse(b'id: 1\ndata: first\n\nid: 2\nevent: customer\ndata: {"half')
    assert events == [SseEvent("1", "message", "first")]
    assert parser.mid_event
    # The half event never becomes an event: its id is not the last one received.
    assert parser.last_event_id == "2"  # the field was read; the event was not dispatched
    fresh = SseParser()  # a reconnect starts a new parser and asks after "1"
    assert fresh.feed(b"id: 2\ndata: whole\n\n") == [SseEvent("2", "message", "whole")]


def test_comments_only_and_empty_events_dispatch_nothing() -> None:
    events, parser = parse(b": one\n\n: two\n\nevent: customer\n\nid: 5\n\n")
    assert events == []
    assert parser.last_event_id == "5"  # an id alone still moves the last event id


def test_a_byte_order_mark_at_the_start_is_skipped_even_when_split() -> None:
    events, _ = parse(b"\xef", b"\xbb", b"\xbfdata: x\n\n")
    assert events == [SseEvent("", "message", "x")]


def test_fields_without_a_space_unknown_fields_and_bad_values() -> None:
    events, parser = parse(b"data:tight\nfoo: bar\nretry: soon\nid: a\x00b\ndata:  two spaces\n\n")
    assert events == [SseEvent("", "message", "tight\n two spaces")]
    assert parser.retry_ms is None  # not digits
    assert parser.last_event_id == ""  # an id holding NUL is ignored


def test_utf8_split_inside_a_character() -> None:
    data = "data: Šibenik d.o.o. čćž\n\n".encode()
    events, _ = parse(data[:9], data[9:10], data[10:])
    assert events == [SseEvent("", "message", "Šibenik d.o.o. čćž")]
