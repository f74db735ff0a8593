"""The civicpulse ingestion API for partners: a client with TLS, retries and the streaming backfill."""

from civicpulse.client.connection import SERVICE_CONFIG, IngestionClient
from civicpulse.client.mapping import Mapping

__all__ = ["SERVICE_CONFIG", "IngestionClient", "Mapping"]
