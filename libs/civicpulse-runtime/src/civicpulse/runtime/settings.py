"""Typed settings read once at start from CIVICPULSE_<SERVICE>_* environment variables."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["ServiceSettings", "DatabaseSettings", "load_settings", "SettingsError", "SecretStr"]


class ServiceSettings(BaseSettings):
    """Settings every service has. Subclasses set `model_config` with their env prefix."""

    model_config = SettingsConfigDict(extra="forbid")

    grpc_host: str = "[::]"
    grpc_port: int = Field(50051, ge=0, le=65535)
    nats_url: str = "nats://127.0.0.1:4222"
    city_profile: Path  # required: the deployment says which city it serves
    log_level: str = Field("INFO", pattern="^(DEBUG|INFO|WARNING|ERROR)$")
    otlp_endpoint: str | None = None
    shutdown_grace_seconds: float = Field(10.0, ge=0)


class DatabaseSettings(ServiceSettings):
    database_url: SecretStr
    database_pool_max: int = Field(10, ge=1)


class SettingsError(SystemExit):
    """Raised at start when a setting is missing or wrong; exits with a readable message."""


S = TypeVar("S", bound=BaseSettings)


def load_settings(cls: type[S], **overrides: object) -> S:
    prefix = cls.model_config.get("env_prefix", "")
    lines = [f"invalid settings for {cls.__name__}:"]
    if cls.model_config.get("extra") == "forbid" and prefix:
        # A variable of this service's prefix that no setting reads is a misspelling, not a default.
        for name in sorted(k for k in os.environ if k.startswith(prefix) and k[len(prefix) :].lower() not in cls.model_fields):
            lines.append(f"  {name}: no such setting (misspelt? the settings are listed in README)")
    try:
        settings = cls(**overrides)
    except ValidationError as exc:
        for err in exc.errors():
            name = ".".join(str(p) for p in err["loc"])
            lines.append(f"  {prefix}{name.upper()}: {err['msg']}")
        raise SettingsError("\n".join(lines)) from None
    if len(lines) > 1:
        raise SettingsError("\n".join(lines))
    return settings
