from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from civicpulse.runtime.settings import CommonSettings

# The page and the front end's built assets, beside this module.
STATIC_DIR = Path(__file__).resolve().parent / "static"


class ConsoleSettings(CommonSettings):
    model_config = SettingsConfigDict(env_prefix="CIVICPULSE_CONSOLE_", extra="forbid")

    # Where the HTTPS server listens (plain HTTP with PLAINTEXT, for local debugging only).
    http_host: str = "0.0.0.0"
    http_port: int = Field(8443, ge=0, le=65535)
    partners_file: Path = Path("config/partners.yaml")
    # The scoring service's TLS port: the console calls it with the signed-in person's own token.
    scoring_address: str = "127.0.0.1:50053"
    # Deadline of each call to the scoring service.
    scoring_timeout_seconds: float = Field(15.0, gt=0)
    # A session ends this long after sign-in; sessions live in the process's memory.
    session_minutes: int = Field(480, ge=1, le=7 * 24 * 60)
    # At most this many sessions at once; past it, the oldest is dropped.
    max_sessions: int = Field(10_000, ge=1)
    # The page (index.html) and its assets (dist/); absent files are answered 404.
    static_dir: Path = STATIC_DIR
