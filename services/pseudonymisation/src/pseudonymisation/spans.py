"""A stretch of text to replace, and its type: what every recogniser returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    type: str
