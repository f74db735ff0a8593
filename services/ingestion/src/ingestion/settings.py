from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from civicpulse.runtime.settings import ServiceSettings


class IngestionSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CIVICPULSE_INGESTION_", extra="forbid")

    partners_file: Path = Path("config/partners.yaml")
    # Largest batch one call may carry.
    max_batch_size: int = Field(1000, ge=1, le=10_000)
    # How far in the future an occurred_at may lie (partner clocks drift).
    max_clock_skew_seconds: int = Field(600, ge=0)
    # An occurred_at further back than this is refused as a mistake (history is well inside).
    max_event_age_days: int = Field(50 * 365, ge=1)
    # Crowd counts are accepted only as aggregates of at least this many people.
    min_crowd_count: int = Field(20, ge=1)
