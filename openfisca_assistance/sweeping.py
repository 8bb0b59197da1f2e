"""Sweep one input of a situation over a range and compute every entitlement at each point.

For each rule set (the baseline, then each reform column as in
`openfisca_assistance.comparison`), every programme is computed for all
points at once. The points become the households of one simulation, so a
sweep costs about as much as a handful of checks. A programme that a missing
value stops for the whole simulation is computed again point by point with
`engine.run_program`, so each point gets the status a check would give it.

The varied input is a path into the situation file:

- friendly format: `members.<id or index>.<field>` (`members.applicant.income.wage_income`),
  `household.<field>` (`household.hardship.expenditure`), or a bare field
  name looked up on the applicant, then on the household (`wage_income`);
- OpenFisca format: `persons.<id>.<variable>`, `households.<id>.<variable>`,
  or a bare variable name, set on the applicant or the household.
"""

from __future__ import annotations

import copy
import difflib
from decimal import Decimal, InvalidOperation
from typing import Any

from openfisca_assistance import engine, reforming, rules
from openfisca_assistance import situation as situations
from openfisca_assistance.comparison import BASELINE, cash_total, column_label, columns_of
from openfisca_assistance.errors import InputError, NotDetermined
from openfisca_assistance.money import to_decimal
from openfisca_assistance.programs import registry

MAX_POINTS = 1000


def points(start: float, stop: float, step: float) -> list[Decimal]:
    """Return the values from `start` to `stop` inclusive in steps of `step`, exactly in decimal."""
    try:
        low, high, increment = (Decimal(str(value)) for value in (start, stop, step))
    except InvalidOperation as error:
        raise InputError("invalid range", location="--from/--to/--step", value=[start, stop, step],
                         fix="give finite numbers") from error
    if not all(value.is_finite() for value in (low, high, increment)):
        raise InputError("invalid range", location="--from/--to/--step", value=[start, stop, step],
                         fix="give finite numbers")
    if increment <= 0:
        raise InputError("the step must be positive", location="--step", value=step, fix="give a step above 0")
    if high < low:
        raise InputError("--to is below --from", location="--to", value=stop, fix="give --to at or above --from")
    count = int((high - low) / increment) + 1
    if count > MAX_POINTS:
        raise InputError(
            f"the range has {count} points, more than {MAX_POINTS}", location="--step", value=step,
            fix="use a larger step or a smaller range",
        )
    return [low + increment * index for index in range(count)]


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


# --- Setting the varied input ------------------------------------------------


def _model_fields(model) -> list[str]:
    return list(model.model_fields)


def _friendly_target(data: dict[str, Any], path: str) -> tuple[list[Any], str]:
    """Return the key path (list of keys and indices) of the input `path` in a friendly situation."""
    parts = path.split(".")
    members = data.get("members") or []
    if parts[0] == "members":
        if len(parts) < 3:
            raise InputError("give members.<id>.<field>", location="--vary", value=path,
                             fix="for example members.applicant.income.wage_income")
        ids = [str(member.get("id")) for member in members]
        if parts[1] in ids:
            index = ids.index(parts[1])
        elif parts[1].isdigit():
            index = int(parts[1])
        else:
            index = None
        if index is None or index >= len(members):
            raise InputError(f"no member {parts[1]!r}", location="--vary", value=path,
                             fix=f"use a member id: {', '.join(ids)}")
        keys = ["members", index, *parts[2:]]
        _check_friendly_fields(parts[2:], situations.Member, path)
        return keys, path
    if parts[0] == "household":
        _check_friendly_fields(parts[1:], situations.HouseholdFacts, path)
        return ["household", *parts[1:]], path
    if len(parts) == 1:
        name = parts[0]
        applicant = next((i for i, member in enumerate(members) if member.get("relationship") == "self"), 0)
        label = str(members[applicant].get("id", applicant)) if members else str(applicant)
        member_fields = _model_fields(situations.Member)
        if name in member_fields:
            return ["members", applicant, name], f"members.{label}.{name}"
        for nested, model in (("income", situations.Income), ("disability", situations.Disability),
                              ("supporter", situations.Supporter)):
            if name in _model_fields(model):
                return ["members", applicant, nested, name], f"members.{label}.{nested}.{name}"
        if name in _model_fields(situations.HouseholdFacts):
            return ["household", name], f"household.{name}"
        if name in _model_fields(situations.Hardship):
            return ["household", "hardship", name], f"household.hardship.{name}"
        known = [*member_fields, *_model_fields(situations.Income), *_model_fields(situations.HouseholdFacts),
                 *_model_fields(situations.Hardship)]
        raise InputError(f"unknown input {name!r}", location="--vary", value=path, fix=_suggestion(name, known))
    raise InputError(f"unknown input {path!r}", location="--vary", value=path,
                     fix="start the path with members.<id>. or household., or give a field name such as wage_income")


def _check_friendly_fields(parts: list[str], model, path: str) -> None:
    for index, part in enumerate(parts):
        fields = model.model_fields
        if part not in fields:
            raise InputError(f"unknown input {path!r}", location="--vary", value=path,
                             fix=_suggestion(part, list(fields)))
        annotation = fields[part].annotation
        nested = [arg for arg in (getattr(annotation, "__args__", None) or (annotation,))
                  if isinstance(arg, type) and hasattr(arg, "model_fields")]
        if index < len(parts) - 1:
            if not nested:
                raise InputError(f"{part!r} has no fields", location="--vary", value=path,
                                 fix=f"end the path at {part}")
            model = nested[0]


def _suggestion(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    if close:
        return "did you mean " + ", ".join(repr(item) for item in close) + "?"
    return "run `assistance schema` to see the situation fields"


def _native_target(data: dict[str, Any], path: str) -> tuple[list[Any], str]:
    parts = path.split(".")
    persons = data.get("persons") or {}
    households = data.get("households") or {}
    if parts[0] in ("persons", "households") and len(parts) == 3:
        group = persons if parts[0] == "persons" else households
        if parts[1] not in group:
            raise InputError(f"no {parts[0][:-1]} {parts[1]!r}", location="--vary", value=path,
                             fix=f"use one of {', '.join(group)}")
        return [parts[0], parts[1], parts[2]], path
    if len(parts) == 1:
        from openfisca_assistance.engine import baseline_system

        variable = baseline_system().get_variable(parts[0])
        if variable is None:
            raise InputError(f"unknown variable {parts[0]!r}", location="--vary", value=path,
                             fix=_suggestion(parts[0], list(baseline_system().variables)))
        if variable.entity.key == "household":
            household = next(iter(households))
            return ["households", household, parts[0]], f"households.{household}.{parts[0]}"
        applicant = next(
            (pid for pid, person in persons.items()
             if isinstance(person, dict) and person.get("relationship_to_applicant") == "self"),
            next(iter(persons)),
        )
        return ["persons", applicant, parts[0]], f"persons.{applicant}.{parts[0]}"
    raise InputError(f"unknown input {path!r}", location="--vary", value=path,
                     fix="give persons.<id>.<variable>, households.<id>.<variable> or a variable name")


def resolve_input(data: dict[str, Any], path: str) -> tuple[list[Any], str]:
    """Return the key path of the varied input in the situation and its full dotted name."""
    if not path:
        raise InputError("give the input to vary", location="--vary", fix="for example --vary wage_income")
    if situations.is_native(data):
        return _native_target(data, path)
    return _friendly_target(data, path)


def with_value(data: dict[str, Any], keys: list[Any], value, month: str, native: bool) -> dict[str, Any]:
    """Return a copy of the situation with the input at `keys` set to `value`."""
    result = copy.deepcopy(data)
    node = result
    for key in keys[:-1]:
        if isinstance(node, list):
            node = node[key]
            continue
        node = node.setdefault(key, {})
        if node is None:
            raise InputError("cannot set the input inside an empty value", location=".".join(map(str, keys)))
    node[keys[-1]] = {month: value} if native else value
    return result


# --- Computing ---------------------------------------------------------------


def _merge(natives: list[dict[str, Any]]) -> tuple[dict[str, Any], list[str]]:
    """Merge one-household native situations into one, renaming ids; return it and the household ids."""
    persons: dict[str, Any] = {}
    households: dict[str, Any] = {}
    household_ids = []
    for index, native in enumerate(natives):
        rename = {person_id: f"{person_id}__{index}" for person_id in native["persons"]}
        for person_id, person in native["persons"].items():
            persons[rename[person_id]] = person
        for household_id, household in native["households"].items():
            new_id = f"{household_id}__{index}"
            households[new_id] = {**household, "members": [rename[m] for m in household["members"]]}
            household_ids.append(new_id)
    return {"persons": persons, "households": households}, household_ids


def _vector_results(system, merged, month: str, program, count: int) -> list[dict[str, Any]]:
    """Return each point's status and amount of one programme, computed in one simulation.

    A programme without amount variables gives services or goods, not cash:
    its amount is None, as in a check. NOTE: this mirrors how
    `engine._household_entry` and `engine._person_entry` turn values into a
    status and an amount; tests/test_reforms.py checks the two agree.
    """
    simulation = engine.build_simulation(system, merged, month)
    if not program.amount and program.entity == "person":
        any_eligible = [False] * count
        owner = simulation.populations["household"].members_entity_id
        for person, flag in enumerate(simulation.calculate(program.eligible, month)):
            any_eligible[owner[person]] = any_eligible[owner[person]] or bool(flag)
        return [{"status": "eligible" if flag else "not_eligible", "amount": None} for flag in any_eligible]
    if not program.amount:
        flags = simulation.calculate(program.eligible, month)
        return [{"status": "eligible" if flag else "not_eligible", "amount": None} for flag in flags]
    household = simulation.populations["household"]
    owner = household.members_entity_id
    if program.entity == "household":
        eligible = [bool(value) for value in simulation.calculate(program.eligible, month)]
        amounts = [0.0] * count
        for variable in program.amount:
            for index, value in enumerate(simulation.calculate(variable, month)):
                amounts[index] += float(value)
        alone = [0.0] * count
        alone_found = [False] * count
        if program.person_eligible:
            person_eligible = simulation.calculate(program.person_eligible, month)
            person_amounts = (
                simulation.calculate(program.person_amount, month) if program.person_amount else [0] * len(owner)
            )
            for person, flag in enumerate(person_eligible):
                if flag:
                    alone_found[owner[person]] = True
                    alone[owner[person]] += float(person_amounts[person])
        results = []
        for index in range(count):
            if eligible[index]:
                results.append({"status": "eligible", "amount": float(to_decimal(amounts[index]))})
            elif alone_found[index]:
                results.append({"status": "eligible", "amount": float(to_decimal(alone[index]))})
            else:
                results.append({"status": "not_eligible", "amount": 0.0})
        return results
    eligible = simulation.calculate(program.eligible, month)
    totals = [0.0] * count
    any_eligible = [False] * count
    amounts = [0.0] * len(owner)
    for variable in program.amount:
        for person, value in enumerate(simulation.calculate(variable, month)):
            amounts[person] += float(value)
    for person, flag in enumerate(eligible):
        totals[owner[person]] += amounts[person]
        any_eligible[owner[person]] = any_eligible[owner[person]] or bool(flag)
    return [
        {"status": "eligible" if any_eligible[index] else "not_eligible", "amount": float(to_decimal(totals[index]))}
        for index in range(count)
    ]


def _column_results(system, natives: list[dict[str, Any]], month: str, lang: str) -> list[dict[str, Any]]:
    merged, _ = _merge(natives)
    per_point: list[dict[str, Any]] = [{} for _ in natives]
    for program_id, program in registry().items():
        try:
            results = _vector_results(system, merged, month, program, len(natives))
        except NotDetermined:
            results = []
            for native in natives:
                entry = engine.run_program(system, native, month, program, lang)
                results.append({"status": entry["status"], "amount": entry.get("amount")})
        for index, result in enumerate(results):
            per_point[index][program_id] = result
    return per_point


def sweep(
    data: dict[str, Any],
    vary: str,
    start: float,
    stop: float,
    step: float,
    *,
    month: str | None = None,
    specs: list[str] = (),
    reform_files=(),
    lang: str = "en",
    file: str | None = None,
) -> dict[str, Any]:
    """Compute every programme at each value of the varied input, for the baseline and each reform column."""
    values = points(start, stop, step)
    columns = columns_of(list(specs), list(reform_files))
    systems = {BASELINE: engine.baseline_system()}
    for column in columns:
        systems[column["id"]] = reforming.build_system(column["reforms"], column["reform_files"])
    month = engine.check_month(month or data.get("month") or engine.native_month(data) or rules.today_month())
    keys, name = resolve_input(data, vary)
    native_format = situations.is_native(data)
    natives = []
    for value in values:
        point = with_value(data, keys, _number(value), month, native_format)
        try:
            natives.append(engine._native_from(point, month, file))
        except InputError as error:
            error.message = f"at {name} = {_number(value)}: {error.message}"
            raise
    # Stop on input errors (missing ages, applicants) before computing anything.
    for system in systems.values():
        probe = engine.build_simulation(system, natives[0], month, file)
        engine._check_inputs(probe, month, file)
    results = {column_id: _column_results(system, natives, month, lang) for column_id, system in systems.items()}
    programs = {program_id: program.label.get(lang) for program_id, program in registry().items()}
    rows = []
    for index, value in enumerate(values):
        row = {"value": _number(value), "columns": {}}
        for column_id in systems:
            entries = results[column_id][index]
            total, undetermined = cash_total({program_id: entry["amount"] for program_id, entry in entries.items()})
            row["columns"][column_id] = {"programs": entries, "total": total, "not_determined": undetermined}
        rows.append(row)
    return {
        "engine": {"name": "openfisca-assistance", "version": engine.engine_version()},
        "month": month,
        "file": file,
        "input": name,
        "columns": [BASELINE, *(column["id"] for column in columns)],
        "labels": {BASELINE: BASELINE, **{column["id"]: column_label(column) for column in columns}},
        "programs": programs,
        "points": rows,
    }
