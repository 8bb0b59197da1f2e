"""Complete inputs that a situation gives for some people only.

When a situation gives a computed variable (age, able_to_work,
current_locality, ...) for some people of an entity and not for others,
OpenFisca fills the others with the variable's default instead of running
its formula. This module computes those values first and writes them in,
so every person gets either the stated value or the formula's result.
"""

from __future__ import annotations

import copy
from typing import Any

from openfisca_core.simulations import SimulationBuilder

GROUPS = {"persons": "person", "households": "household"}


def _partial_variables(system, native: dict[str, Any], month: str) -> dict[str, set[str]]:
    """Return, per group, the formula variables given for the month by some entities only."""
    partial: dict[str, set[str]] = {}
    for group in GROUPS:
        entities = native.get(group) or {}
        given: dict[str, set[str]] = {}
        for entity_id, values in entities.items():
            for name, value in (values or {}).items():
                variable = system.variables.get(name)
                if variable is None or not variable.formulas:
                    continue
                if isinstance(value, dict) and month not in map(str, value):
                    continue
                given.setdefault(name, set()).add(entity_id)
        partial[group] = {name for name, ids in given.items() if len(ids) < len(entities)}
    return partial


MAX_PASSES = 4  # Enough for chains such as birth_date -> age -> able_to_work.


def _computed(system, situation, group: str, name: str, month: str) -> list[Any]:
    probe_situation = copy.deepcopy(situation)
    for values in (probe_situation.get(group) or {}).values():
        (values or {}).pop(name, None)
    builder = SimulationBuilder()
    builder.set_default_period(month)
    probe = builder.build_from_entities(system, probe_situation)
    computed = probe.calculate(name, month)
    if hasattr(computed, "decode_to_str"):
        computed = computed.decode_to_str()
    ids = probe.populations[GROUPS[group]].ids
    return {entity_id: (item.item() if hasattr(item, "item") else item) for entity_id, item in zip(ids, computed)}


def complete(system, native: dict[str, Any], month: str) -> dict[str, Any]:
    """Return the situation with partially given formula variables filled in for the month.

    Each pass computes one variable at a time from the others' current
    values, and fills it in for the entities that did not state it. Passes
    repeat until nothing changes, so a variable that depends on another
    partial one gets the completed value.
    """
    partial = _partial_variables(system, native, month)
    if not any(partial.values()):
        return native
    unstated = {
        (group, name): [
            entity_id for entity_id, values in (native.get(group) or {}).items()
            if not _states(values, name, month)
        ]
        for group, names in partial.items()
        for name in names
    }
    current = copy.deepcopy(native)
    for _ in range(MAX_PASSES):
        changed = False
        for (group, name), entity_ids in sorted(unstated.items()):
            computed = _computed(system, current, group, name, month)
            for entity_id in entity_ids:
                values = current[group][entity_id]
                previous = values.get(name)
                new = {**previous, month: computed[entity_id]} if isinstance(previous, dict) else {month: computed[entity_id]}
                if new != previous:
                    values[name] = new
                    changed = True
        if not changed:
            break
    return current


def _states(values, name: str, month: str) -> bool:
    stated = (values or {}).get(name)
    if stated is None:
        return False
    return not isinstance(stated, dict) or month in map(str, stated)
