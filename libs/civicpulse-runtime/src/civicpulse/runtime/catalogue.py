"""The platform's services, each declared once.

The local harness starts these, the bus permissions give each its NATS user, the chart's values
hold one block per entry (a test checks them against this list) and the tests read it instead
of keeping lists of their own. Adding a service is one entry here (and its package).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import Enum


class MountedFile(Enum):
    """A file a service reads at start, and the setting that names it (`<PREFIX><setting>`)."""

    CITY_PROFILE = "CITY_PROFILE"  # public: the city's geography, calendar and vocabulary
    CALLERS = "CALLERS_FILE"  # secret: who may call which method
    PARTNERS = "PARTNERS_FILE"  # public: partners and their agreements
    KEYS = "KEYS_FILE"  # secret: pseudonymisation's keys per key domain


# In a deployment every service listens on these (the chart's Services); the local harness
# picks free ports, or base_port + port_offset with `make up`.
GRPC_PORT = 50051
MTLS_PORT = 50052
# A web service listens on this instead (HTTPS), and is probed with GET /healthz.
HTTPS_PORT = 8443
# Every service process serves Prometheus metrics (GET /metrics, TLS unless plaintext) on this one.
METRICS_PORT = 9464


@dataclass(frozen=True)
class Service:
    name: str  # kebab-case: the chart's component, the image, the NATS user, the dead-letter stage
    package: str  # the Python package: `python -m <package>` runs it
    summary: str  # what it owns, in a line
    values_key: str  # its block in the chart's values
    port_offset: int  # its fixed local port, from `make up`'s base port
    database: bool = False  # logs in to the database as its own runtime role
    files: tuple[MountedFile, ...] = (MountedFile.CITY_PROFILE, MountedFile.CALLERS)
    calls: tuple[str, ...] = ()  # the platform services it calls over gRPC
    callers: str = "no one"  # who calls it, in words
    apis: tuple[str, ...] = ()  # the full names of the gRPC services it serves (besides health)
    web: bool = False  # serves browsers over HTTPS (probed at GET /healthz) instead of gRPC; not on the bus

    @property
    def env_prefix(self) -> str:
        return f"CIVICPULSE_{self.name.upper().replace('-', '_')}_"

    @property
    def database_role(self) -> str:
        """Its login role, a member of the runtime role its migrations grant (civicpulse_<package>)."""
        if not self.database:
            raise ValueError(f"{self.name} has no database role")
        return self.package

    @property
    def bus_user(self) -> str:
        return self.name

    @property
    def image(self) -> str:
        return f"civicpulse-{self.name}"

    @property
    def settings_path(self) -> str:
        """Where its settings class is: <package>.settings, named <Package>Settings."""
        return f"{self.package}.settings:{self.package.title().replace('_', '')}Settings"

    def settings_class(self) -> type:
        module, name = self.settings_path.split(":")
        return getattr(importlib.import_module(module), name)

    def reads(self, file: MountedFile) -> bool:
        return file in self.files


# Start order: what others call first (feature-store before scoring), the doors last.
SERVICES: tuple[Service, ...] = (
    Service(
        "feature-store",
        "feature_store",
        "stores pseudonymised events and scrubbed texts, builds feature matrices, enforces retention",
        "featureStore",
        port_offset=3,
        database=True,
        files=(MountedFile.CITY_PROFILE, MountedFile.CALLERS, MountedFile.PARTNERS),
        callers="scoring",
        apis=("civicpulse.featurestore.v1.FeatureStoreService",),
    ),
    Service(
        "scoring",
        "scoring",
        "trains, judges and promotes models; scores cells and zones; publishes risk updates",
        "scoring",
        port_offset=2,
        database=True,
        calls=("feature-store",),
        callers="operators and schedulers",
        apis=("civicpulse.scoring.v1.ScoringService", "civicpulse.scoring.v1.ForecastService"),
    ),
    Service(
        "notification",
        "notification",
        "subscriptions, deliveries of risk updates, and the acknowledgement audit log",
        "notification",
        port_offset=1,
        database=True,
        callers="police and mediation applications",
        apis=("civicpulse.notification.v1.NotificationService",),
    ),
    Service(
        "pseudonymisation",
        "pseudonymisation",
        "the only reader of raw partner data: applies each agreement, keys identifiers, scrubs text",
        "pseudonymisation",
        port_offset=4,
        # No method but health: no callers file.
        files=(MountedFile.CITY_PROFILE, MountedFile.PARTNERS, MountedFile.KEYS),
    ),
    Service(
        "ingestion",
        "ingestion",
        "partners' entry point: validates each event against its agreement and publishes it raw",
        "ingestion",
        port_offset=0,
        files=(MountedFile.CITY_PROFILE, MountedFile.CALLERS, MountedFile.PARTNERS),
        callers="partner systems",
        apis=("civicpulse.ingestion.v1.IngestionService",),
    ),
    Service(
        "console",
        "console",
        "the browser's console: sign-in sessions, the forecasts, agenda and history, the model card, the register",
        "console",
        port_offset=5,
        files=(MountedFile.CITY_PROFILE, MountedFile.CALLERS, MountedFile.PARTNERS),
        calls=("scoring",),
        callers="operators, elected officials and applications, in a browser",
        web=True,
    ),
)

BY_NAME: dict[str, Service] = {service.name: service for service in SERVICES}


def service(name: str) -> Service:
    try:
        return BY_NAME[name]
    except KeyError:
        raise ValueError(f"no service named {name!r}: the services are {', '.join(BY_NAME)}") from None
