from pydantic import Field
from pydantic_settings import SettingsConfigDict

from civicpulse.runtime.settings import DatabaseSettings, SecretStr


class ScoringSettings(DatabaseSettings):
    model_config = SettingsConfigDict(env_prefix="CIVICPULSE_SCORING_", extra="forbid")

    feature_store_address: str = "127.0.0.1:50053"
    # The scoring service's token towards the feature store. Unset: its certificate says who it is
    # (FEATURE_STORE_ADDRESS then names the feature store's mutual-TLS port).
    feature_store_token: SecretStr | None = None
    # Deadline of a feature-matrix call; training sets are large.
    feature_store_timeout_seconds: float = Field(600.0, gt=0)
    # Training rows: issue times every `training_step_hours` over at most `training_days` before validation.
    training_days: int = Field(365, ge=14)
    training_step_hours: int = Field(48, ge=1)
    # Most boosting rounds; early stopping on the validation days usually ends sooner.
    boost_rounds: int = Field(1500, ge=1)
    max_depth: int = Field(4, ge=1, le=12)
    learning_rate: float = Field(0.05, gt=0, le=1)
    # The gate: besides the next 24 hours shown better than the best baseline (its PAI@5 % ratio's
    # 95 % interval above 1), days 2-7 and 8-30, when judged, need their interval's lower end at
    # 1 - tolerance or above.
    gate_tolerance: float = Field(0.01, ge=0, le=0.2)
    # At most this many cells (level 2 or more) are listed in one zone's risk update.
    zone_update_max_cells: int = Field(50, ge=1)
    # Score every N minutes on the clock (0: only when asked through the API).
    schedule_minutes: int = Field(0, ge=0)
    # On the clock, train a new model once the newest is this many hours old (0: never again).
    retrain_hours: int = Field(168, ge=0)
    # The read API (ForecastService): the longest past period GetHistory counts over, and the most
    # zone ids one request may name.
    history_max_days: int = Field(366, ge=1, le=3660)
    max_zone_ids: int = Field(100, ge=1)
