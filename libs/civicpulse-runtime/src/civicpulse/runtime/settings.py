"""Typed settings read once at start from CIVICPULSE_<SERVICE>_* environment variables."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from civicpulse.runtime.catalogue import METRICS_PORT

__all__ = ["CommonSettings", "ServiceSettings", "DatabaseSettings", "load_settings", "SettingsError", "SecretStr"]


class CommonSettings(BaseSettings):
    """Settings every service has, whatever it serves. Subclasses set `model_config` with their env prefix."""

    model_config = SettingsConfigDict(extra="forbid")

    # Who may call this service's methods (access.py): a file mounted from a secret.
    callers_file: Path = Path("config/callers.yaml")
    # TLS, PEM files mounted from a secret: the service's certificate and key (it serves with them
    # and presents them to NATS and to the services it calls) and the CA that verifies the other
    # end (and client certificates on the mutual-TLS port).
    tls_cert_file: Path | None = None
    tls_key_file: Path | None = None
    tls_ca_file: Path | None = None
    # Local debugging only: without TLS.
    plaintext: bool = False
    city_profile: Path  # required: the deployment says which city it serves
    log_level: str = Field("INFO", pattern="^(DEBUG|INFO|WARNING|ERROR)$")
    otlp_endpoint: str | None = None
    # Where /metrics is served (Prometheus text; TLS with the service's certificate unless plaintext); 0: a free port.
    metrics_port: int = Field(METRICS_PORT, ge=0, le=65535)
    shutdown_grace_seconds: float = Field(10.0, ge=0)

    @model_validator(mode="after")
    def _tls(self):
        prefix = self.model_config.get("env_prefix", "")
        if not self.plaintext:
            missing = [
                f"{prefix}{n.upper()}" for n in ("tls_cert_file", "tls_key_file", "tls_ca_file") if getattr(self, n) is None
            ]
            if missing:
                raise ValueError(f"TLS needs {', '.join(missing)} (or {prefix}PLAINTEXT=true, for local debugging only)")
        return self


class ServiceSettings(CommonSettings):
    """Settings every gRPC service on the bus has."""

    grpc_host: str = "[::]"
    grpc_port: int = Field(50051, ge=0, le=65535)
    # A second port that requires a client certificate, whose names identify the caller (unset: none).
    grpc_mtls_port: int | None = Field(None, ge=0, le=65535)
    # Largest request accepted, in bytes; larger ones are refused before they are read whole.
    grpc_max_receive_bytes: int = Field(16 * 1024 * 1024, ge=1024)
    nats_url: str = "tls://127.0.0.1:4222"
    # This service's NATS user (bus permissions are per user; messaging/permissions.py).
    nats_user: str | None = None
    nats_password: SecretStr | None = None

    @model_validator(mode="after")
    def _mtls(self):
        prefix = self.model_config.get("env_prefix", "")
        if self.plaintext and self.grpc_mtls_port is not None:
            raise ValueError(f"{prefix}GRPC_MTLS_PORT needs TLS, not {prefix}PLAINTEXT")
        return self


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
            lines.append(f"  {name}: no such setting (misspelt? the settings are listed in docs/settings.md)")
    try:
        settings = cls(**overrides)
    except ValidationError as exc:
        for err in exc.errors():
            name = ".".join(str(p) for p in err["loc"])
            # A check across settings has no one location: its message names the variables.
            lines.append(f"  {prefix}{name.upper()}: {err['msg']}" if name else f"  {err['msg'].removeprefix('Value error, ')}")
        raise SettingsError("\n".join(lines)) from None
    if len(lines) > 1:
        raise SettingsError("\n".join(lines))
    return settings
