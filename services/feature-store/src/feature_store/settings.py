from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from civicpulse.runtime.settings import DatabaseSettings


class FeatureStoreSettings(DatabaseSettings):
    model_config = SettingsConfigDict(env_prefix="CIVICPULSE_FEATURE_STORE_", extra="forbid")

    # Messages per fetch; each carries up to one call's events of one kind (RAW) or category (EVENTS).
    batch_size: int = Field(20, ge=1, le=5000)
    # Rows per streamed chunk of a feature matrix.
    chunk_rows: int = Field(20_000, ge=100)
    # What one feature-matrix call may ask for: rows (cells x issue times x lead days, counting the
    # whole grid when no cells are named) and days between its first and last issue time.
    matrix_max_rows: int = Field(20_000_000, ge=1000)
    matrix_max_span_days: int = Field(800, ge=1)
    # What one call may read of the agenda: scheduled events (more are cut, and the answer says so)
    # and days from its start to its end.
    scheduled_max_events: int = Field(5000, ge=1)
    scheduled_max_span_days: int = Field(62, ge=1)
    # What one observed-counts call may ask for: days from its start to its end, and counts (cells
    # and zones times periods) in its answer.
    counts_max_span_days: int = Field(366, ge=1)
    counts_max_rows: int = Field(200_000, ge=1)
    # How far back before an issue time features read ("all history" means this far).
    history_days: int = Field(3650, ge=28)
    # Partner agreements: each kind's retention is enforced here.
    partners_file: Path = Path("config/partners.yaml")
    # How often expired events are deleted, in minutes; 0: never (retention not enforced).
    retention_check_minutes: int = Field(60, ge=0)
