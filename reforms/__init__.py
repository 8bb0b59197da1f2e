"""Reforms over the baseline, one module per reform.

Each module defines one `openfisca_core.reforms.Reform` subclass whose class
name is the reform's name, so `openfisca test` can apply it with
`reforms: [openfisca_assistance.reforms.<module>.<name>]`. `available()`
lists them and `load(name)` returns the class.
"""

from __future__ import annotations

import importlib
import pkgutil

from openfisca_core.reforms import Reform


def available() -> dict[str, type[Reform]]:
    """Return every reform class in this folder, by name."""
    reforms: dict[str, type[Reform]] = {}
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Reform) and value is not Reform and value.__module__ == module.__name__:
                reforms[value.__name__] = value
    return reforms


def load(name: str) -> type[Reform]:
    """Return the reform class called `name`, or raise KeyError with the known names."""
    reforms = available()
    if name not in reforms:
        known = ", ".join(sorted(reforms)) or "none"
        raise KeyError(f"unknown reform {name!r}; known reforms: {known}")
    return reforms[name]
