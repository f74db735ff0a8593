"""Who gets which risk update. Pure."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from civicpulse.runtime.agreements import authenticate_bearer


class Subscriber(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    token_sha256: str = Field(pattern="^[0-9a-f]{64}$")


class SubscriberRegistry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    subscribers: dict[str, Subscriber]

    @classmethod
    def load(cls, path: Path) -> SubscriberRegistry:
        with open(path, encoding="utf-8") as handle:
            return cls.model_validate(yaml.safe_load(handle))

    def authenticate(self, metadata) -> str:
        return authenticate_bearer(metadata, {sid: s.token_sha256 for sid, s in self.subscribers.items()})


@dataclass(frozen=True)
class Subscription:
    subscriber: str
    zones: frozenset[str]  # empty: every zone
    min_risk_level: int

    def wants(self, zone: str, max_risk_level: int) -> bool:
        return (not self.zones or zone in self.zones) and max_risk_level >= self.min_risk_level


def notification_id(subscriber: str, update_id: str) -> str:
    return hashlib.sha256(f"{subscriber}|{update_id}".encode()).hexdigest()[:24]
