"""Shared test fixtures: the repository's config, and real servers for integration tests."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from civicpulse.runtime.agreements import PartnerRegistry
from civicpulse.runtime.city import CityProfile

REPO_ROOT = Path(__file__).resolve().parents[1]
CONFIG = REPO_ROOT / "config"


@pytest.fixture(scope="session")
def city() -> CityProfile:
    return CityProfile.load(CONFIG / "cities" / "houston.yaml")


@pytest.fixture(scope="session")
def partners() -> PartnerRegistry:
    return PartnerRegistry.load(CONFIG / "partners.yaml")


@pytest.fixture
def unique() -> str:
    return uuid.uuid4().hex[:10]
