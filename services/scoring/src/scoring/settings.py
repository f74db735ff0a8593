from pydantic import Field
from pydantic_settings import SettingsConfigDict

from civicpulse.runtime.settings import DatabaseSettings


class ScoringSettings(DatabaseSettings):
    model_config = SettingsConfigDict(env_prefix="CIVICPULSE_SCORING_", extra="forbid")

    feature_store_address: str = "127.0.0.1:50053"
    # Deadline of a feature-matrix call; training sets are large.
    feature_store_timeout_seconds: float = Field(600.0, gt=0)
    horizon_hours: int = Field(72, ge=1, le=720)
    # Training rows: one issue time every `training_step_hours` over the last `training_days`.
    training_days: int = Field(28, ge=2)
    training_step_hours: int = Field(24, ge=1)
    boost_rounds: int = Field(150, ge=1)
    max_depth: int = Field(5, ge=1, le=12)
    learning_rate: float = Field(0.1, gt=0, le=1)
    # At most this many cells (level 2 or more) are listed in one zone's risk update.
    zone_update_max_cells: int = Field(50, ge=1)
    # Score every N minutes on the clock (0: only when asked through the API).
    schedule_minutes: int = Field(0, ge=0)
    # On the clock, train a new model once the newest is this many hours old (0: never again).
    retrain_hours: int = Field(168, ge=0)
