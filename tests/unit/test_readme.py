"""README.md stays true: its settings table lists exactly the settings each service reads."""

import re

import pytest

from feature_store.settings import FeatureStoreSettings
from ingestion.settings import IngestionSettings
from notification.settings import NotificationSettings
from pseudonymisation.settings import PseudonymisationSettings
from scoring.settings import ScoringSettings
from support import REPO_ROOT

SETTINGS = {
    "ingestion": IngestionSettings,
    "pseudonymisation": PseudonymisationSettings,
    "feature-store": FeatureStoreSettings,
    "scoring": ScoringSettings,
    "notification": NotificationSettings,
}


def documented_settings() -> dict[str, set[str]]:
    """Setting name -> the services the README says read it."""
    section = (REPO_ROOT / "README.md").read_text().split("## Settings", 1)[1].split("\n## ", 1)[0]
    documented: dict[str, set[str]] = {}
    services: set[str] = set()
    for row in re.findall(r"^\|(.+)\|$", section, flags=re.MULTILINE):
        names, who = (cell.strip() for cell in row.split("|")[:2])
        if names in ("setting", "---"):
            continue
        if who != "same":  # "same": the services of the row above
            services = set(SETTINGS) if who == "all" else {s.strip() for s in who.split(",")}
        for name in re.findall(r"`([A-Z_]+)`", names):
            documented.setdefault(name, set()).update(services)
    return documented


@pytest.mark.parametrize("service", sorted(SETTINGS))
def test_every_setting_of_a_service_is_documented_for_it(service):
    documented = documented_settings()
    prefix = SETTINGS[service].model_config["env_prefix"]
    assert prefix == f"CIVICPULSE_{service.replace('-', '_').upper()}_"
    missing = [name.upper() for name in SETTINGS[service].model_fields if service not in documented.get(name.upper(), set())]
    assert missing == [], f"README's settings table does not list these for {service}"


def test_the_readme_documents_no_setting_that_does_not_exist():
    read = {(name.upper(), service) for service, cls in SETTINGS.items() for name in cls.model_fields}
    claimed = {(name, service) for name, services in documented_settings().items() for service in services}
    assert claimed - read == set()
