"""Shared fixtures and the hypothesis profiles.

HYPOTHESIS_PROFILE=deep runs many more examples for local runs; CI uses the
fast default.
"""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "fast", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "deep", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))

REPOSITORY = Path(__file__).resolve().parent.parent
EXAMPLES = REPOSITORY / "examples"


@pytest.fixture(scope="session")
def system():
    from openfisca_assistance.engine import baseline_system

    return baseline_system()


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES
