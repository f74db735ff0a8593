"""W3C trace context in NATS headers, so that one trace follows an event path across the bus.

A message carries the `traceparent` of the span that made it. A consumer's batch mixes messages
of many traces, so it processes them under one span per publishing span (`MessageSpans`): the
batch's own span is the child of its first message's publisher, and every other publisher in the
batch gets a child span of its own (linked to the batch span) around the same settlement. What a
handler publishes while the batch is current continues the batch span's trace; a handler that
knows which message an output comes from parents it with `span_of(message)`. The cost is one span
per distinct publisher in a batch (messages carry about a hundred events), not one per event.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass

from nats.aio.msg import Msg
from opentelemetry import context, trace
from opentelemetry.trace import INVALID_SPAN_CONTEXT, Link, Span, SpanContext, TraceFlags, Tracer

TRACEPARENT = "traceparent"


def traceparent(span_context: SpanContext) -> str | None:
    """The W3C `traceparent` of a span, or None for an invalid (absent) one."""
    if not span_context.is_valid:
        return None
    return f"00-{span_context.trace_id:032x}-{span_context.span_id:016x}-{span_context.trace_flags:02x}"


def current_traceparent() -> str | None:
    """The `traceparent` of the current span: what a message made now continues."""
    return traceparent(trace.get_current_span().get_span_context())


def publisher_of(headers: dict[str, str] | None) -> SpanContext:
    """The span that published a message (invalid when the message carries no valid `traceparent`).

    Read directly rather than through the propagator (about 20 us a message): every message of a
    batch is read, and the messages of one call share the same header."""
    value = headers.get(TRACEPARENT) if headers else None
    return _parse_traceparent(value) if value else INVALID_SPAN_CONTEXT


@functools.lru_cache(maxsize=1024)
def _parse_traceparent(value: str) -> SpanContext:
    version, trace_id, span_id, flags = (value.split("-") + ["", "", "", ""])[:4]
    try:
        if version != "00" or len(trace_id) != 32 or len(span_id) != 16 or len(flags) != 2:
            return INVALID_SPAN_CONTEXT
        return SpanContext(int(trace_id, 16), int(span_id, 16), is_remote=True, trace_flags=TraceFlags(int(flags, 16)))
    except ValueError:  # not hexadecimal
        return INVALID_SPAN_CONTEXT


# The span that processes each message of the batch in hand, by id(message); set by `MessageSpans`.
_processing: ContextVar[dict[int, Span] | None] = ContextVar("civicpulse_message_spans", default=None)


def span_of(message: Msg) -> Span:
    """The span processing `message` in the batch in hand (the current span outside a batch)."""
    spans = _processing.get()
    return spans.get(id(message), trace.get_current_span()) if spans else trace.get_current_span()


@dataclass
class MessageSpans:
    """The spans of one batch: `with MessageSpans.open(tracer, name, batch) as spans:` makes the batch
    span current (a child of the first traced message's publisher, linked to every publisher of the
    batch) and opens one child span per other publisher, all ended on exit.

    At most `limit` publishers a batch: past them (a batch of hundreds of messages from as many
    calls), messages are processed under the batch span only, unlinked, which bounds a batch's cost
    at `limit` spans (about 40-70 us each on these machines).
    """

    batch: Span
    others: list[Span]
    by_message: dict[int, Span]
    _token: object = None
    _current: object = None

    @classmethod
    def open(cls, tracer: Tracer, name: str, messages: Sequence[Msg], limit: int = 32) -> MessageSpans:
        publisher_by_message: dict[int, tuple[int, int]] = {}
        publishers: dict[tuple[int, int], SpanContext] = {}
        for message in messages:
            publisher = publisher_of(message.headers)
            key = (publisher.trace_id, publisher.span_id)
            if publisher.is_valid and (key in publishers or len(publishers) < limit):
                publishers.setdefault(key, publisher)
                publisher_by_message[id(message)] = key
        first = next(iter(publishers.values()), None)
        parent = trace.set_span_in_context(trace.NonRecordingSpan(first)) if first else context.Context()
        links = [Link(p) for p in publishers.values()]
        batch = tracer.start_span(name, context=parent, links=links, kind=trace.SpanKind.CONSUMER)
        batch_link = [Link(batch.get_span_context())]
        spans = {key: batch for key in list(publishers)[:1]}
        for key, publisher in list(publishers.items())[1:]:
            parent_of = trace.set_span_in_context(trace.NonRecordingSpan(publisher))
            spans[key] = tracer.start_span(name, context=parent_of, links=batch_link, kind=trace.SpanKind.CONSUMER)
        by_message = {id(m): spans[publisher_by_message[id(m)]] if id(m) in publisher_by_message else batch for m in messages}
        return cls(batch, [span for span in spans.values() if span is not batch], by_message)

    def __enter__(self) -> MessageSpans:
        self._current = context.attach(trace.set_span_in_context(self.batch))
        self._token = _processing.set(self.by_message)
        return self

    def __exit__(self, *exc_info) -> None:
        _processing.reset(self._token)
        context.detach(self._current)
        error = exc_info[1]
        for span in (*self.others, self.batch):
            if error is not None:  # its class only: an error's text may quote a payload
                span.set_status(trace.Status(trace.StatusCode.ERROR, type(error).__name__))
            span.end()

    def set_attribute(self, key: str, value: int | str) -> None:
        """On the batch span and every other processing span, which share the batch's work."""
        for span in (self.batch, *self.others):
            span.set_attribute(key, value)
