"""Fixtures shared by the unit tests: the chart rendered once per module."""

import pytest
from chart_support import helm_runner, render


@pytest.fixture(scope="module")
def helm(tmp_path_factory):
    """Runs helm on the chart, with its own home (no state leaks between modules)."""
    return helm_runner(tmp_path_factory.mktemp("helm"))


@pytest.fixture(scope="module")
def manifests(helm) -> list[dict]:
    """The chart rendered with its test values."""
    return render(helm)
