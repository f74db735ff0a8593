from pydantic import Field
from pydantic_settings import SettingsConfigDict

from civicpulse.runtime.settings import DatabaseSettings


class NotificationSettings(DatabaseSettings):
    model_config = SettingsConfigDict(env_prefix="CIVICPULSE_NOTIFICATION_", extra="forbid")

    batch_size: int = Field(100, ge=1, le=5000)
