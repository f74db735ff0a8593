"""A refusal as the page receives it: JSON words, the API's reason code and the field violations,
with the HTTP status of its gRPC code (the same mapping for the console's own refusals and the
scoring service's)."""

from __future__ import annotations

from dataclasses import dataclass

from civicpulse.runtime.errors import CivicpulseError

# gRPC status code name -> HTTP status; any other code is the upstream's failure: 502.
HTTP_STATUS = {
    "INVALID_ARGUMENT": 400,
    "UNAUTHENTICATED": 401,
    "PERMISSION_DENIED": 403,
    "NOT_FOUND": 404,
    "FAILED_PRECONDITION": 409,
    "UNAVAILABLE": 503,
}


@dataclass(frozen=True)
class FieldViolation:
    field: str
    description: str


@dataclass(eq=False)
class Refusal(Exception):
    status: int
    error: str
    reason: str = ""
    field_violations: tuple[FieldViolation, ...] = ()

    @classmethod
    def of_code(cls, code: str, error: str, reason: str = "", violations: tuple[FieldViolation, ...] = ()) -> Refusal:
        return cls(HTTP_STATUS.get(code, 502), error, reason, violations)

    @classmethod
    def of_error(cls, error: CivicpulseError) -> Refusal:
        """The console's own refusal (a bad query, a sign-in refused), said as the API says its own."""
        violations = tuple(FieldViolation(p.field, f"{p.reason}: {p.description}") for p in error.problems)
        return cls.of_code(error.code.name, error.message, error.reason, violations)

    def body(self) -> dict:
        return {
            "error": self.error,
            "reason": self.reason,
            "field_violations": [{"field": v.field, "description": v.description} for v in self.field_violations],
        }
