"""Strict checks of OpenFisca-native input values, before OpenFisca reads them.

OpenFisca accepts much that a careful caseworker tool must reject. It turns
the text "maybe" into true, takes negative ages and disability grade 9, and
reads True as the integer 1. A value keyed by the wrong kind of period fails
with an unreadable error. Native situations (`engine.build_simulation`) and
the YAML test files (`assistance check-tests`) are checked here the same way,
so both reject the same inputs with the same messages.

Ranges come from the friendly situation models in `situation.py`, so one
bound applies to both formats.
"""

from __future__ import annotations

import datetime
import difflib
import math
from typing import Any

import numpy
from openfisca_core import periods
from openfisca_core.indexed_enums import Enum

from openfisca_assistance import localities
from openfisca_assistance import situation as situations
from openfisca_assistance.errors import InputError

MONEY_UNIT = "currency-CNY"
LOCALITY_SUFFIX = "_locality"  # Text variables named *_locality hold locality keys.

# Native variable -> (friendly model, field) whose ge/le bounds apply to it.
RANGE_FIELDS = {
    "age": (situations.Member, "age"),
    "disability_grade": (situations.Disability, "grade"),
    "self_care_activities_unable": (situations.Member, "self_care_activities_unable"),
    "clergy_years_apart": (situations.Member, "clergy_years_apart"),
}

# Money inputs that may be negative. Other income includes business and
# farming results, so a loss is negative. The dibao household income is
# floored at 0 (variables/dibao/income.py).
MAY_BE_NEGATIVE = {"other_income"}


def did_you_mean(key: str, candidates, *, what: str = "names") -> str:
    """Return a fix naming the closest candidate, or the candidates themselves."""
    candidates = sorted(str(candidate) for candidate in candidates)
    close = difflib.get_close_matches(str(key), candidates, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    if len(candidates) <= 12:
        return f"use one of the {what}: {', '.join(candidates)}"
    return f"run `assistance variables` to list the {what}" if what == "variables" else f"check the {what}"


def _bounds_of(model, field: str) -> tuple[float | None, float | None]:
    low = high = None
    for constraint in model.model_fields[field].metadata:
        low = getattr(constraint, "ge", low)
        high = getattr(constraint, "le", high)
    return low, high


def _money_bounds() -> tuple[float | None, float | None]:
    return _bounds_of(situations.Income, "wage_income")


def bounds_of(variable) -> tuple[float | None, float | None]:
    """Return the (minimum, maximum) an input value of `variable` may take."""
    if variable.name in RANGE_FIELDS:
        return _bounds_of(*RANGE_FIELDS[variable.name])
    if variable.formulas:
        # A computed variable given as an input overrides its formula; its
        # values (a gap, a difference) may be negative.
        return None, None
    if variable.unit == MONEY_UNIT:
        low, high = _money_bounds()
        return (-high if variable.name in MAY_BE_NEGATIVE else low), high
    if variable.value_type is int:
        return 0, None  # Counts and grades are never negative.
    return None, None


def unknown_variable(system, name: str, entity_key: str | None, location: str, file: str | None) -> InputError:
    """Build the error for a variable the entity (or, with no entity, the system) does not define."""
    variable = system.variables.get(name)
    if variable is not None and entity_key is not None:
        plural = variable.entity.plural
        return InputError(
            f"{name!r} is a variable of {plural}, not of {_plural(system, entity_key)}",
            file=file, location=location,
            fix=f"move {name} under the {plural} entry",
        )
    names = [key for key, item in system.variables.items() if entity_key is None or item.entity.key == entity_key]
    return InputError(
        f"unknown variable {name!r}", file=file, location=location,
        fix=did_you_mean(name, names, what="variables"),
    )


def _plural(system, entity_key: str) -> str:
    for entity in system.entities:
        if entity.key == entity_key:
            return entity.plural
    return entity_key


def check_scalar(variable, value: Any, location: str, file: str | None) -> None:
    """Raise InputError unless `value` is a valid value of `variable`."""
    value_type = variable.value_type
    name = variable.name
    if isinstance(value, (list, tuple, dict)):
        raise InputError(
            f"{name} must be a single value", file=file, location=location, value=value,
            fix="give one value per period, for example {\"2023-07\": 1100}",
        )
    if value_type is bool:
        if not isinstance(value, (bool, numpy.bool_)):
            raise InputError(f"{name} must be true or false", file=file, location=location, value=value,
                             fix="write true or false without quotes")
        return
    if value_type in (int, float):
        _check_number(variable, value, location, file)
        return
    if value_type is str:
        if not isinstance(value, str):
            raise InputError(f"{name} must be text", file=file, location=location, value=value,
                             fix="quote the value")
        if name.endswith(LOCALITY_SUFFIX) and value:
            _check_locality(value, location, file)
        return
    if value_type is Enum:
        names = list(variable.possible_values.__members__)
        if not isinstance(value, str) or value not in names:
            raise InputError(
                f"{value!r} is not a valid value of {name}", file=file, location=location, value=value,
                fix=did_you_mean(str(value), names, what="values"),
            )
        return
    if value_type is datetime.date:
        _check_date(name, value, location, file)


def _check_locality(key: str, location: str, file: str | None) -> None:
    try:
        localities.get(key)
    except InputError as error:
        error.file = file
        error.location = location
        raise


def _check_number(variable, value: Any, location: str, file: str | None) -> None:
    name = variable.name
    whole = variable.value_type is int
    kind = "a whole number" if whole else "a number"
    if isinstance(value, (bool, numpy.bool_)) or not isinstance(value, (int, float, numpy.integer, numpy.floating)):
        raise InputError(f"{name} must be {kind}", file=file, location=location, value=value,
                         fix=f"give {kind} without quotes")
    if not math.isfinite(float(value)):
        raise InputError("numbers must be finite", file=file, location=location, value=value,
                         fix="give a finite number")
    if whole and float(value) != int(value):
        raise InputError(f"{name} must be a whole number", file=file, location=location, value=value,
                         fix="give a whole number such as 3")
    low, high = bounds_of(variable)
    unit = " yuan" if variable.unit == MONEY_UNIT else ""
    if low is not None and value < low:
        raise InputError(f"{name} must be at least {low:g}{unit}", file=file, location=location, value=value,
                         fix=f"give a value from {low:g}" + (f" to {high:g}" if high is not None else ""))
    if high is not None and value > high:
        raise InputError(f"{name} must be at most {high:g}{unit}", file=file, location=location, value=value,
                         fix=f"give a value from {low:g} to {high:g}" if low is not None else f"give at most {high:g}")


def _check_date(name: str, value: Any, location: str, file: str | None) -> None:
    if isinstance(value, datetime.date):
        return
    try:
        datetime.date.fromisoformat(str(value))
    except ValueError as error:
        raise InputError(f"{name} must be a date", file=file, location=location, value=value,
                         fix="write the date as YYYY-MM-DD, for example 1982-03-01") from error


def parse_period(key: Any, location: str, file: str | None):
    """Parse a period key of an input value, or raise InputError."""
    try:
        return periods.period(str(key))
    except (ValueError, TypeError, AttributeError) as error:
        raise InputError(
            f"invalid period {key!r}", file=file, location=location, value=key,
            fix="key values by month as YYYY-MM, for example 2023-07",
        ) from error


def check_values(variable, values: Any, location: str, file: str | None) -> list:
    """Check the values of one variable of one entity; return the periods given.

    `values` is a bare value or a mapping of period keys to values.
    """
    if not isinstance(values, dict):
        check_scalar(variable, values, location, file)
        return []
    given = []
    for key, value in values.items():
        where = f"{location}.{key}"
        period = parse_period(key, where, file)
        unit = variable.definition_period
        if unit != periods.ETERNITY and period.unit != unit:
            raise InputError(
                f"{variable.name} is defined by {unit}, but a value is keyed by the {period.unit} {key}",
                file=file, location=where, value=key,
                fix="key its values by month as YYYY-MM" if unit == periods.MONTH else f"key its values by {unit}",
            )
        check_scalar(variable, value, where, file)
        given.append(period)
    return given


def check_entity(system, entity_key: str, entity_id: str, values: dict, location: str,
                 file: str | None, *, skip=("members",)) -> dict[str, list]:
    """Check every variable of one person or household; return {variable: periods given}."""
    given: dict[str, list] = {}
    for name, value in values.items():
        if name in skip:
            continue
        where = f"{location}.{name}"
        variable = system.variables.get(name)
        if variable is None or variable.entity.key != entity_key:
            raise unknown_variable(system, name, entity_key, where, file)
        given[name] = check_values(variable, value, where, file)
    return given


def check_native(system, native: dict[str, Any], month: str | None, file: str | None) -> None:
    """Check every value of a native situation for the month checked.

    A month-defined value given only for other months would be silently
    replaced by its default, so it is an error when `month` is given.
    """
    for plural, entity_key in (("persons", "person"), ("households", "household")):
        for entity_id, values in (native.get(plural) or {}).items():
            location = f"{plural}.{entity_id}"
            if not isinstance(values, dict):
                raise InputError(f"{plural} entries must be mappings of variables", file=file,
                                 location=location, value=values)
            given = check_entity(system, entity_key, entity_id, values, location, file)
            if month is None:
                continue
            checked = periods.period(month)
            for name, dated in given.items():
                variable = system.variables[name]
                if not dated or variable.definition_period == periods.ETERNITY:
                    continue
                if not any(period.contains(checked) for period in dated):
                    keys = ", ".join(sorted(str(period) for period in dated))
                    raise InputError(
                        f"{name} is given for {keys} but not for the month checked, {month}",
                        file=file, location=f"{location}.{name}", value=keys,
                        fix=f"give a value for {month}, or check the month the values are for with --month",
                    )
