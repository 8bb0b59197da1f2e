"""Situation examples shipped with the package, and the OpenAPI configuration that uses them.

OpenFisca's Web API reads `CountryTaxBenefitSystem.open_api_config` to fill
the examples of its /spec: `simulation_example` must be a native situation it
can compute, and `variable_example` and `parameter_example` must exist in the
system. `beijing_single_adult.json` gives every input by period, as
`openfisca serve` requires, and asks for the dibao outputs with null values.
`beijing_family.json` is the same kind of household in the friendly format
of `assistance check` and `assistance serve`.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

EXAMPLES_DIR = Path(__file__).resolve().parent
EXAMPLE_MONTH = "2023-07"


@lru_cache(maxsize=None)
def _load(name: str) -> dict[str, Any]:
    with open(EXAMPLES_DIR / name, encoding="utf-8") as file:
        return json.load(file)


def native_example() -> dict[str, Any]:
    """Return a single adult in Beijing, July 2023, in OpenFisca's native format (a fresh copy)."""
    return copy.deepcopy(_load("beijing_single_adult.json"))


def friendly_example() -> dict[str, Any]:
    """Return a Beijing family of three in the friendly format, without a month (a fresh copy)."""
    return copy.deepcopy(_load("beijing_family.json"))


def open_api_config() -> dict[str, Any]:
    """Return the `open_api_config` OpenFisca's Web API reads for the examples of its /spec."""
    return {
        "variable_example": "dibao_amount",
        "parameter_example": "dibao.standard.beijing",
        "simulation_example": native_example(),
    }
