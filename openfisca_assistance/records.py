"""Determination records: what was checked, with which rules, and the result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openfisca_assistance.errors import InputError


def write(path: Path, *, data: dict[str, Any], result: dict[str, Any], reforms: list[str], reform_files: list[Path]) -> None:
    """Write a determination record."""
    raise InputError("determination records are not supported yet", location="--record", value=str(path))
