"""Parameter access for formulas: national rules and locality-keyed values.

Formulas read parameters through these helpers instead of indexing the tree
directly, for three reasons:

- a value missing for a locality and month raises `LocalValueMissing`, and a
  national rule asked for before its first value raises `RuleNotInForce`,
  instead of OpenFisca's silent default or bare `KeyError`;
- amounts stated per year are turned into monthly amounts in one place;
- every value read is recorded on the simulation, with its effective date,
  source and confidence, so results can name the standard they applied and
  `explain` can show it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import numpy

from openfisca_assistance import localities
from openfisca_assistance.errors import (
    InputError,
    LocalValueMissing,
    MissingValue,
    RuleNotInForce,
)

MONTHS_PER_YEAR = 12  # An annual amount becomes monthly as annual / 12, unrounded.


@dataclass
class ParameterRead:
    """One parameter value a formula used."""

    path: str
    value: Any
    effective_from: str | None
    instant: str
    locality: str | None = None
    requested_locality: str | None = None
    confidence: str | None = None
    reference: list[dict[str, str]] = field(default_factory=list)
    note: str | None = None
    known_until: str | None = None
    period_unit: str = "month"
    changes_on: str | None = None
    next_value: Any = None

    @property
    def stale(self) -> bool:
        return bool(self.known_until) and self.instant > str(self.known_until)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "value": self.value,
            "effective_from": self.effective_from,
            "locality": self.locality,
            "requested_locality": self.requested_locality,
            "confidence": self.confidence,
            "reference": self.reference,
            "note": self.note,
            "known_until": self.known_until,
            "stale": self.stale,
            "stated_per": self.period_unit,
            "changes_on": self.changes_on,
        }


def reads_of(simulation) -> list[ParameterRead]:
    """Return the list of parameter reads recorded on a simulation."""
    return simulation.__dict__.setdefault("assistance_parameter_reads", [])


def _tree(population):
    return population.simulation.tax_benefit_system.parameters


def _node(population, path: str):
    node = _tree(population)
    for part in path.split("."):
        children = getattr(node, "children", None)
        if children is None or part not in children:
            raise RuleNotInForce(
                MissingValue(
                    parameter=path,
                    locality=None,
                    month="",
                    reason=f"parameter {path!r} does not exist in this rule set",
                ),
            )
        node = children[part]
    return node


def _value_at(parameter, instant: str):
    """Return (value, ParameterAtInstant) in force at `instant`, or (None, None)."""
    for at_instant in parameter.values_list:  # sorted newest first
        if at_instant.instant_str <= instant:
            return at_instant.value, at_instant
    return None, None


def _change_within_month(parameter, instant: str):
    """Return the (date, value) of a change after `instant` in the same month, if any."""
    month = instant[:7]
    for at_instant in reversed(parameter.values_list):  # oldest first
        if at_instant.instant_str > instant and at_instant.instant_str[:7] == month:
            return at_instant.instant_str, at_instant.value
    return None, None


def _record(population, parameter, at_instant, instant, value, **extra) -> None:
    metadata = getattr(parameter, "metadata", {}) or {}
    changes_on, next_value = _change_within_month(parameter, instant)
    value_metadata = (getattr(at_instant, "metadata", None) or {}) if at_instant else {}
    # A value can carry its own known_until: reform-file values set it to None,
    # because a drafter's value is not a published one that can go stale.
    known_until = value_metadata["known_until"] if "known_until" in value_metadata else metadata.get("known_until")
    reads_of(population.simulation).append(
        ParameterRead(
            path=parameter.name,
            value=value,
            effective_from=at_instant.instant_str if at_instant else None,
            instant=instant,
            confidence=value_metadata.get("confidence"),
            reference=value_metadata.get("reference") or metadata.get("reference") or [],
            note=value_metadata.get("note"),
            known_until=str(known_until) if known_until else None,
            period_unit=metadata.get("period", "month"),
            changes_on=changes_on,
            next_value=next_value,
            **extra,
        ),
    )


def _month(period) -> str:
    return str(period.start)[:7]


def national(population, period, path: str):
    """Return the national parameter `path` in force in `period`.

    Raises `RuleNotInForce` when the rule has no value at that date.
    """
    parameter = _node(population, path)
    instant = str(period.start)
    value, at_instant = _value_at(parameter, instant)
    if value is None:
        raise rule_not_in_force(parameter, path, _month(period))
    _record(population, parameter, at_instant, instant, value)
    return _monthly(parameter, value)


def rule_not_in_force(parameter, path: str, month: str, error_class=RuleNotInForce) -> RuleNotInForce:
    """Build the error for a rule asked for at a date it has no value.

    `national` and the parameter tree formulas read directly
    (`system.StrictParameterNode`) raise the same message.
    """
    return error_class(
        MissingValue(
            parameter=path,
            locality=None,
            month=month,
            reason=f"the rule {path!r} is not modelled for {month}: {_first_date_text(parameter)}",
        ),
    )


def national_or_none(population, period, path: str):
    """Return the national parameter in force, or None before its first value."""
    parameter = _node(population, path)
    instant = str(period.start)
    value, at_instant = _value_at(parameter, instant)
    if value is None:
        return None
    _record(population, parameter, at_instant, instant, value)
    return _monthly(parameter, value)


def _first_date_text(parameter) -> str:
    dated = [p.instant_str for p in parameter.values_list if p.value is not None]
    if not dated:
        return "it has no value"
    return f"its first value takes effect on {min(dated)}"


def _monthly(parameter, value):
    metadata = getattr(parameter, "metadata", {}) or {}
    if metadata.get("period") == "year" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return value / MONTHS_PER_YEAR
    return value


def check_locality(key: str, variable: str) -> None:
    if not key:
        raise InputError(
            f"{variable} is missing",
            location=variable,
            fix=f"give {variable} as a locality key such as 'beijing'",
        )
    localities.get(key)


def _lookup(population, period, family: str, key: str):
    """Find the value of `family` for `key` (or the locality it takes standards from)."""
    try:
        node = _node(population, family)
    except RuleNotInForce:
        return None  # No locality has a value of this family.
    instant = str(period.start)
    for candidate in localities.standards_chain(key):
        parameter = node.children.get(candidate)
        if parameter is None or not hasattr(parameter, "values_list"):
            continue
        value, at_instant = _value_at(parameter, instant)
        if value is None:
            continue
        _record(
            population,
            parameter,
            at_instant,
            instant,
            value,
            locality=candidate,
            requested_locality=key,
        )
        return _monthly(parameter, value)
    return None


def local_values(
    population,
    period,
    family: str,
    keys,
    *,
    where=None,
    variable: str = "locality",
    default=None,
    dtype=numpy.float64,
    required: bool = True,
):
    """Return the value of a locality-keyed family for each entity.

    `keys` contains one locality key per entity. Only entities where `where` is
    true are looked up; the others get `default`. When a looked-up locality
    has no value for the month, the call raises `LocalValueMissing` if
    `required`, and otherwise gives that entity `default`.
    """
    keys = numpy.asarray(keys).astype(str)
    mask = numpy.ones(len(keys), dtype=bool) if where is None else numpy.asarray(where, dtype=bool)
    if default is None and numpy.dtype(dtype) == numpy.float64:
        fill = numpy.nan
    else:
        fill = default
    result = numpy.full(len(keys), fill, dtype=dtype)
    for key in numpy.unique(keys[mask]):
        key = str(key)
        check_locality(key, variable)
        value = _lookup(population, period, family, key)
        if value is None:
            if required:
                raise LocalValueMissing(
                    MissingValue(
                        parameter=f"{family}.{key}",
                        locality=key,
                        month=_month(period),
                        reason=f"no {family} value for {key} in {_month(period)}",
                    ),
                )
            continue
        result[mask & (keys == key)] = value
    return result


def local_found(population, period, family: str, keys, *, variable: str = "locality"):
    """Return a boolean array: does the family have a value for each locality?"""
    keys = numpy.asarray(keys).astype(str)
    found = numpy.zeros(len(keys), dtype=bool)
    try:
        node = _node(population, family)
    except RuleNotInForce:
        return found
    instant = str(period.start)
    for key in numpy.unique(keys):
        key = str(key)
        check_locality(key, variable)
        for candidate in localities.standards_chain(key):
            parameter = node.children.get(candidate)
            if parameter is not None and _value_at(parameter, instant)[0] is not None:
                found[keys == key] = True
                break
    return found


def today_month() -> str:
    return datetime.date.today().strftime("%Y-%m")


NATIONAL_SERIES_KEY = "quanguo"


def economic_values(population, period, family: str, keys, *, where=None, variable: str = "locality"):
    """Return an economic series value for each entity, with its source key.

    A locality without a series of its own uses its city's, then its
    province's, then the national series (key `quanguo`). The second array
    names the key whose value was used, so results can report which applied.
    """
    keys = numpy.asarray(keys).astype(str)
    mask = numpy.ones(len(keys), dtype=bool) if where is None else numpy.asarray(where, dtype=bool)
    values = numpy.full(len(keys), numpy.nan)
    used = numpy.full(len(keys), "", dtype=object)
    try:
        node = _node(population, family)
    except RuleNotInForce:
        node = None
    instant = str(period.start)
    for key in numpy.unique(keys[mask]):
        key = str(key)
        check_locality(key, variable)
        candidates = localities.emergency_chain(key) + [NATIONAL_SERIES_KEY]
        for candidate in candidates:
            parameter = node.children.get(candidate) if node is not None else None
            if parameter is None:
                continue
            value, at_instant = _value_at(parameter, instant)
            if value is None:
                continue
            _record(population, parameter, at_instant, instant, value, locality=candidate, requested_locality=key)
            selected = mask & (keys == key)
            values[selected] = _monthly(parameter, value)
            used[selected] = candidate
            break
        else:
            raise LocalValueMissing(
                MissingValue(
                    parameter=f"{family}.{key}",
                    locality=key,
                    month=_month(period),
                    reason=f"no {family} series for {key}, its province or the country in {_month(period)}",
                ),
            )
    return values, used
