"""The locality registry: keys, names, provinces and shared standards.

The registry is data (`data/localities.yaml`). A district or tier that uses
another locality's standards names it in `standards_from`; a city names its
province, so emergency status can be inherited from the province.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from openfisca_assistance.errors import InputError, UnknownLocalityError
from openfisca_assistance.paths import DATA_DIR

LOCALITIES_FILE = DATA_DIR / "localities.yaml"
ALLOWED_LEVELS = {"province", "city", "district", "tier"}
ALLOWED_KEYS = {"name_zh", "name_en", "level", "province", "city", "standards_from"}


@dataclass(frozen=True)
class Locality:
    key: str
    name_zh: str
    name_en: str
    level: str
    province: str
    city: str | None = None
    standards_from: str | None = None

    def label(self, lang: str = "en") -> str:
        return self.name_zh if lang == "zh" else self.name_en


@lru_cache(maxsize=1)
def registry() -> dict[str, Locality]:
    """Load and validate the locality registry."""
    with open(LOCALITIES_FILE, encoding="utf-8") as file:
        raw = yaml.safe_load(file) or {}
    if not isinstance(raw, dict):
        raise InputError(
            "the locality registry must be a mapping of locality keys",
            file=str(LOCALITIES_FILE),
        )
    localities: dict[str, Locality] = {}
    for key, entry in raw.items():
        location = str(key)
        if not isinstance(entry, dict):
            raise InputError(
                "each locality must be a mapping",
                file=str(LOCALITIES_FILE),
                location=location,
                value=entry,
            )
        unknown = set(entry) - ALLOWED_KEYS
        if unknown:
            raise InputError(
                f"unknown keys {sorted(unknown)}",
                file=str(LOCALITIES_FILE),
                location=location,
                fix=f"use only {sorted(ALLOWED_KEYS)}",
            )
        level = entry.get("level")
        if level not in ALLOWED_LEVELS:
            raise InputError(
                "invalid locality level",
                file=str(LOCALITIES_FILE),
                location=f"{location}.level",
                value=level,
                fix=f"use one of {sorted(ALLOWED_LEVELS)}",
            )
        localities[key] = Locality(
            key=key,
            name_zh=entry.get("name_zh", key),
            name_en=entry.get("name_en", key),
            level=level,
            province=entry.get("province", key),
            city=entry.get("city"),
            standards_from=entry.get("standards_from"),
        )
    for locality in localities.values():
        for reference in (locality.province, locality.city, locality.standards_from):
            if reference is not None and reference not in localities:
                raise InputError(
                    f"locality {locality.key!r} refers to unknown locality "
                    f"{reference!r}",
                    file=str(LOCALITIES_FILE),
                    location=locality.key,
                    fix="add the referenced locality or correct the key",
                )
    return localities


def get(key: str) -> Locality:
    """Return the locality for a key, or raise `UnknownLocalityError`."""
    localities = registry()
    if key in localities:
        return localities[key]
    close = close_matches(key)
    hint = f"did you mean {', '.join(close)}?" if close else (
        "run `assistance localities` to list the known keys"
    )
    raise UnknownLocalityError(
        f"unknown locality {key!r}",
        value=key,
        fix=hint,
    )


def close_matches(key: str) -> list[str]:
    import difflib

    return difflib.get_close_matches(str(key), list(registry()), n=3, cutoff=0.6)


def standards_chain(key: str) -> list[str]:
    """Return the keys whose local values apply to `key`, nearest first."""
    chain = [key]
    locality = get(key)
    while locality.standards_from and locality.standards_from not in chain:
        chain.append(locality.standards_from)
        locality = get(locality.standards_from)
    return chain


def emergency_chain(key: str) -> list[str]:
    """Return the locality, its city and its province, nearest first."""
    locality = get(key)
    chain = [key]
    for parent in (locality.standards_from, locality.city, locality.province):
        if parent and parent not in chain:
            chain.append(parent)
    return chain
