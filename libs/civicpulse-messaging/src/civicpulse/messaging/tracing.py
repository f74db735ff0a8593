"""W3C trace context in NATS headers, so one trace follows an event across the bus."""

from __future__ import annotations

from opentelemetry import context, propagate, trace
from opentelemetry.trace import Link


def inject_headers(headers: dict[str, str] | None = None) -> dict[str, str]:
    headers = dict(headers or {})
    propagate.inject(headers)
    return headers


def extract_context(headers: dict[str, str] | None) -> context.Context:
    return propagate.extract(headers or {})


def links_from(headers_list: list[dict[str, str] | None], limit: int = 32) -> list[Link]:
    """Links from a batch span to the spans that published each message."""
    links = []
    for headers in headers_list[:limit]:
        span_context = trace.get_current_span(extract_context(headers)).get_span_context()
        if span_context.is_valid:
            links.append(Link(span_context))
    return links
