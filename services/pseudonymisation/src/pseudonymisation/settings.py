from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from civicpulse.runtime.settings import ServiceSettings


class PseudonymisationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CIVICPULSE_PSEUDONYMISATION_", extra="forbid")

    partners_file: Path = Path("config/partners.yaml")
    # Secret key of the keyed hash that turns (partner, partner event id) into an event key.
    pseudonymisation_key: SecretStr = Field(min_length=16)
    # Written on every event so a reader knows which policy produced it.
    policy_version: str = "1"
    # Messages per fetch; each carries up to one call's events of one kind (RAW) or category (EVENTS).
    batch_size: int = Field(20, ge=1, le=5000)
