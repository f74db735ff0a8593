from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from civicpulse.runtime.settings import ServiceSettings


class PseudonymisationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CIVICPULSE_PSEUDONYMISATION_", extra="forbid")

    partners_file: Path = Path("config/partners.yaml")
    # The HMAC keys per key domain (pseudonymisation/keys.py), a file mounted from a secret.
    keys_file: Path
    # The spaCy pipeline that finds person names in texts kept scrubbed; loaded only when an
    # agreement keeps a text scrubbed.
    names_model: str = "fr_core_news_md"
    # Messages per fetch; each carries up to one call's events of one kind (RAW) or category (EVENTS).
    batch_size: int = Field(20, ge=1, le=5000)
