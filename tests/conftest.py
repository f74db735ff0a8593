"""Shared test fixtures: the repository's config, and real servers for integration tests."""

from __future__ import annotations

import uuid

import pytest

from civicpulse.runtime.agreements import PartnerRegistry
from civicpulse.runtime.city import CityProfile
from support import CONFIG, REPO_ROOT  # noqa: F401


@pytest.fixture(scope="session")
def city() -> CityProfile:
    return CityProfile.load(CONFIG / "cities" / "houston.yaml")


@pytest.fixture(scope="session")
def partners() -> PartnerRegistry:
    return PartnerRegistry.load(CONFIG / "partners.yaml")


@pytest.fixture
def unique() -> str:
    return uuid.uuid4().hex[:10]
