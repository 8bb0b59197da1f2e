"""Strict validation of OpenFisca YAML test files, before `openfisca test` runs them.

`openfisca test` accepts mistakes that make a test pass for the wrong reason
or fail with an unreadable error. A misspelt test key stops collection with
a Python TypeError, and the text "maybe" is read as true. Expected amounts
are compared in float32, so from 131,072 yuan up some amounts one fen apart
compare equal. `assistance check-tests` runs these checks on every file and
lists every error, each with the file, the case, the key and a fix. Input values are checked by the same
rules as native situations (`strict_inputs`).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy
import yaml
from openfisca_core.tools.test_runner import TEST_KEYWORDS

from openfisca_assistance import localities, strict_inputs
from openfisca_assistance.errors import InputError

LOCALITY_VARIABLES = ("hukou_locality", "current_locality", "work_locality")
FEN = 0.01
REQUIRED_KEYS = ("name", "output")


def yaml_files(paths: Iterable[Path]) -> list[Path]:
    """Return the YAML files under `paths`, sorted."""
    found = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml")))
        elif path.is_file():
            found.append(path)
        else:
            raise InputError("file not found", file=str(path), fix="give a YAML test file or a folder of them")
    return found


def validate_paths(system, paths: Iterable[Path]) -> tuple[int, list[InputError]]:
    """Validate every YAML test file under `paths`; return (files checked, errors)."""
    files = yaml_files(paths)
    errors: list[InputError] = []
    for path in files:
        errors.extend(validate_file(system, path))
    return len(files), errors


def validate_file(system, path: Path) -> list[InputError]:
    """Return every error of one YAML test file."""
    file = str(path)
    try:
        cases = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        return [InputError(f"invalid YAML: {getattr(error, 'problem', None) or error}", file=file, location=where,
                           fix="correct the YAML syntax at that position")]
    if cases is None:
        return [InputError("the file has no test cases", file=file, fix="add a list of test cases")]
    if not isinstance(cases, list):
        cases = [cases]
    errors: list[InputError] = []
    names: dict[str, int] = {}
    for index, case in enumerate(cases):
        errors.extend(_validate_case(system, case, index, file, names))
    return errors


def _validate_case(system, case: Any, index: int, file: str, names: dict[str, int]) -> list[InputError]:
    where = f"[{index}]"
    if not isinstance(case, dict):
        return [InputError("a test case must be a mapping", file=file, location=where, value=case,
                           fix="write each case as name:, period:, input:, output:")]
    errors: list[InputError] = []
    for key in case:
        if key not in TEST_KEYWORDS:
            errors.append(InputError(
                f"unknown key {key!r}", file=file, location=f"{where}.{key}",
                fix=strict_inputs.did_you_mean(str(key), TEST_KEYWORDS, what="test keys"),
            ))
    for key in REQUIRED_KEYS:
        if key not in case:
            errors.append(InputError(f"the case has no {key}", file=file, location=where, fix=f"add {key}:"))
    name = case.get("name")
    if "name" in case:
        if not isinstance(name, str) or not name.strip():
            errors.append(InputError("name must be a sentence", file=file, location=f"{where}.name", value=name,
                                     fix="name the case with a sentence saying what it checks"))
        elif name in names:
            errors.append(InputError(f"two cases are named {name!r}", file=file, location=f"{where}.name",
                                     fix=f"rename this case or case [{names[name]}]"))
        else:
            names[name] = index
    if isinstance(name, str) and name.strip():
        where = f"[{index}] {name!r}"
    checks = (
        _check_period, _check_margins, _check_reforms, _check_lists, _check_parameters, _check_spiral,
    )
    for check in checks:
        errors.extend(_collect(check, system, case, where, file))
    ids: dict[str, set[str]] = {}
    input_errors = _collect(_check_input, system, case, where, file, ids)
    errors.extend(input_errors)
    if not input_errors:
        errors.extend(_collect(_check_output, system, case, where, file, ids))
    return errors


def _collect(check, *args) -> list[InputError]:
    """Run a check; return the errors it returned, or the one it raised."""
    try:
        result = check(*args)
    except InputError as error:
        return [error]
    return list(result or [])


def _attempt(check, *args) -> list[InputError]:
    """Run a check that raises on the first error and returns something else."""
    try:
        check(*args)
    except InputError as error:
        return [error]
    return []


def _check_period(system, case, where, file):
    if "period" in case:
        strict_inputs.parse_period(case["period"], f"{where}.period", file)


def _margin_values(case, key):
    margin = case.get(key)
    if margin is None:
        return {}
    if isinstance(margin, dict):
        return margin
    return {"default": margin}


def _check_margins(system, case, where, file):
    errors = []
    for key in ("absolute_error_margin", "relative_error_margin"):
        for name, value in _margin_values(case, key).items():
            location = f"{where}.{key}" + (f".{name}" if isinstance(case.get(key), dict) else "")
            if name != "default" and name not in system.variables:
                errors.append(strict_inputs.unknown_variable(system, name, None, location, file))
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not numpy.isfinite(value) or value < 0:
                errors.append(InputError(f"{key} must be a number of 0 or more", file=file, location=location,
                                         value=value, fix="use 0 for booleans and exact amounts"))
    return errors


def _check_reforms(system, case, where, file):
    errors = []
    for key in ("reforms", "extensions"):
        values = case.get(key)
        if values is None:
            continue
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list):
            errors.append(InputError(f"{key} must be a list", file=file, location=f"{where}.{key}", value=values))
            continue
        if key == "extensions":
            continue
        for position, dotted in enumerate(values):
            location = f"{where}.reforms[{position}]"
            module_name, _, class_name = str(dotted).rpartition(".")
            try:
                module = importlib.import_module(module_name)
            except (ImportError, ValueError):
                errors.append(InputError(f"cannot import the reform module {module_name!r}", file=file,
                                         location=location, value=dotted,
                                         fix="write the reform as openfisca_assistance.reforms.<module>.<class>"))
                continue
            if not hasattr(module, class_name):
                candidates = [name for name in vars(module) if not name.startswith("_")]
                errors.append(InputError(f"the module {module_name!r} has no reform {class_name!r}", file=file,
                                         location=location, value=dotted,
                                         fix=strict_inputs.did_you_mean(class_name, candidates, what="names")))
    return errors


def _check_lists(system, case, where, file):
    errors = []
    for key in ("keywords", "only_variables", "ignore_variables"):
        values = case.get(key)
        if values is None:
            continue
        if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
            errors.append(InputError(f"{key} must be a list of names", file=file, location=f"{where}.{key}",
                                     value=values))
            continue
        if key != "keywords":
            for value in values:
                if value not in system.variables:
                    errors.append(InputError(f"unknown variable {value!r}", file=file, location=f"{where}.{key}",
                                             fix=strict_inputs.did_you_mean(value, system.variables,
                                                                            what="variables")))
    return errors


def _check_spiral(system, case, where, file):
    value = case.get("max_spiral_loops")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise InputError("max_spiral_loops must be a whole number of 0 or more", file=file,
                         location=f"{where}.max_spiral_loops", value=value)


def _check_parameters(system, case, where, file):
    parameters = case.get("parameters")
    if parameters is None:
        return []
    if not isinstance(parameters, dict):
        raise InputError("parameters must be a mapping of parameter paths", file=file,
                         location=f"{where}.parameters", value=parameters)
    errors = []
    for path in _parameter_paths(parameters):
        node = system.parameters
        for part in path.split("."):
            children = getattr(node, "children", None)
            if children is None or part not in children:
                errors.append(InputError(
                    f"unknown parameter {path!r}", file=file, location=f"{where}.parameters.{path}",
                    fix=strict_inputs.did_you_mean(part, list(children or []), what="parameter names"),
                ))
                break
            node = children[part]
    return errors


def _parameter_paths(tree: dict, prefix: str = "") -> list[str]:
    """Return the dotted parameter paths of a nested `parameters:` mapping."""
    paths = []
    for key, value in tree.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict) and not _is_dated(value):
            paths.extend(_parameter_paths(value, path))
        else:
            paths.append(path)
    return paths


def _is_dated(mapping: dict) -> bool:
    return all(isinstance(key, str) and key[:4].isdigit() for key in mapping) or "values" in mapping


def _entity_plurals(system) -> dict[str, str]:
    return {entity.plural: entity.key for entity in system.entities}


def _entity_keys(system) -> dict[str, str]:
    return {entity.key: entity.key for entity in system.entities}


def _check_localities(values: dict, location: str, file: str) -> None:
    for name in LOCALITY_VARIABLES:
        if name not in values:
            continue
        dated = values[name] if isinstance(values[name], dict) else {"": values[name]}
        for key, value in dated.items():
            if isinstance(value, str):
                try:
                    localities.get(value)
                except InputError as error:
                    error.file = file
                    error.location = f"{location}.{name}" + (f".{key}" if key else "")
                    raise


def _check_input(system, case, where, file, ids: dict[str, set[str]]):
    data = case.get("input")
    if data is None:
        return []
    location = f"{where}.input"
    if not isinstance(data, dict):
        raise InputError("input must be a mapping", file=file, location=location, value=data)
    plurals = _entity_plurals(system)
    if not any(key in plurals for key in data):
        # Flat form: variables of a single person and household.
        errors = []
        for name, values in data.items():
            variable = system.variables.get(name)
            if variable is None:
                errors.append(strict_inputs.unknown_variable(system, name, None, f"{location}.{name}", file))
                continue
            errors.extend(_attempt(strict_inputs.check_values, variable, values, f"{location}.{name}", file))
        errors.extend(_attempt(_check_localities, data, location, file))
        return errors
    errors = []
    for key in data:
        if key not in plurals:
            errors.append(InputError(
                f"{key!r} is not an entity of this input", file=file, location=f"{location}.{key}",
                fix=strict_inputs.did_you_mean(str(key), plurals, what="entities")
                + "; an input with persons or households gives every variable under an entity",
            ))
    persons = data.get("persons")
    if persons is not None and not isinstance(persons, dict):
        errors.append(InputError("persons must be a mapping of person ids", file=file,
                                 location=f"{location}.persons", value=persons))
        return errors
    for plural, entity_key in plurals.items():
        entities = data.get(plural)
        if entities is None:
            continue
        if not isinstance(entities, dict):
            errors.append(InputError(f"{plural} must be a mapping of ids", file=file,
                                     location=f"{location}.{plural}", value=entities))
            continue
        ids[plural] = {str(entity_id) for entity_id in entities}
        for entity_id, values in entities.items():
            where_entity = f"{location}.{plural}.{entity_id}"
            if values is None:
                values = {}
            if not isinstance(values, dict):
                errors.append(InputError(f"each of {plural} must be a mapping of variables", file=file,
                                         location=where_entity, value=values))
                continue
            errors.extend(_attempt(strict_inputs.check_entity, system, entity_key, entity_id, values,
                                   where_entity, file))
            errors.extend(_attempt(_check_localities, values, where_entity, file))
    errors.extend(_check_members(data, location, file))
    return errors


def _check_members(data: dict, location: str, file: str) -> list[InputError]:
    persons = data.get("persons") or {}
    seen: dict[str, str] = {}
    errors = []
    for household_id, household in (data.get("households") or {}).items():
        where = f"{location}.households.{household_id}.members"
        members = (household or {}).get("members") if isinstance(household, dict) else None
        if not isinstance(members, list) or not members:
            errors.append(InputError(f"household {household_id!r} has no members", file=file, location=where,
                                     value=members, fix="list the person ids of the household under members"))
            continue
        for person_id in members:
            if person_id not in persons:
                errors.append(InputError(
                    f"household {household_id!r} lists {person_id!r}, who is not among the persons",
                    file=file, location=where, value=person_id,
                    fix=strict_inputs.did_you_mean(str(person_id), persons, what="person ids"),
                ))
            elif person_id in seen and seen[person_id] != household_id:
                errors.append(InputError(
                    f"person {person_id!r} is in two households ({seen[person_id]!r} and {household_id!r})",
                    file=file, location=where, value=person_id, fix="list each person in exactly one household",
                ))
            seen[str(person_id)] = household_id
    return errors


def _margin_for(case, name: str) -> float:
    margins = _margin_values(case, "absolute_error_margin")
    value = margins.get(name, margins.get("default", 0))
    return float(value or 0)


def _check_output(system, case, where, file, ids: dict[str, set[str]]):
    output = case.get("output")
    if output is None:
        return []
    location = f"{where}.output"
    if not isinstance(output, dict):
        raise InputError("output must be a mapping", file=file, location=location, value=output)
    plurals = _entity_plurals(system)
    singulars = _entity_keys(system)
    errors = []
    for key, expected in output.items():
        where_key = f"{location}.{key}"
        if key in system.variables:
            errors.extend(_check_expected(system, case, key, expected, where_key, file))
        elif key in singulars:
            if not isinstance(expected, dict):
                errors.append(InputError(f"{key} must be a mapping of variables", file=file, location=where_key))
                continue
            for name, value in expected.items():
                errors.extend(_check_output_variable(system, case, singulars[key], name, value,
                                                     f"{where_key}.{name}", file))
        elif key in plurals:
            if not isinstance(expected, dict):
                errors.append(InputError(f"{key} must be a mapping of ids", file=file, location=where_key))
                continue
            for entity_id, values in expected.items():
                if key in ids and str(entity_id) not in ids[key]:
                    errors.append(InputError(
                        f"{entity_id!r} is not among the {key} of the input", file=file,
                        location=f"{where_key}.{entity_id}",
                        fix=strict_inputs.did_you_mean(str(entity_id), ids[key], what="ids"),
                    ))
                    continue
                if not isinstance(values, dict):
                    errors.append(InputError("expected values must be a mapping of variables", file=file,
                                             location=f"{where_key}.{entity_id}", value=values))
                    continue
                for name, value in values.items():
                    errors.extend(_check_output_variable(system, case, plurals[key], name, value,
                                                         f"{where_key}.{entity_id}.{name}", file))
        else:
            errors.append(InputError(
                f"unknown variable or entity {key!r}", file=file, location=where_key,
                fix=strict_inputs.did_you_mean(str(key), [*system.variables, *plurals, *singulars],
                                               what="variables"),
            ))
    return errors


def _check_output_variable(system, case, entity_key, name, value, location, file):
    variable = system.variables.get(name)
    if variable is None or variable.entity.key != entity_key:
        return [strict_inputs.unknown_variable(system, name, entity_key, location, file)]
    return _check_expected(system, case, name, value, location, file)


def _check_expected(system, case, name, expected, location, file) -> list[InputError]:
    variable = system.variables[name]
    dated = expected if isinstance(expected, dict) else {None: expected}
    errors = []
    for period, value in dated.items():
        where = location if period is None else f"{location}.{period}"
        try:
            if period is not None:
                strict_inputs.parse_period(period, where, file)
            values = value if isinstance(value, list) else [value]
            for item in values:
                _check_expected_value(variable, item, _margin_for(case, name), where, file)
        except InputError as error:
            errors.append(error)
    return errors


def _check_expected_value(variable, value, margin: float, location: str, file: str) -> None:
    if variable.value_type is bool:
        strict_inputs.check_scalar(variable, value, location, file)
        if margin >= 1:
            raise InputError(f"an absolute_error_margin of {margin:g} lets the boolean {variable.name} pass "
                             "whatever its value", file=file, location=location,
                             fix="use absolute_error_margin: 0 for booleans")
        return
    if variable.value_type in (int, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not numpy.isfinite(value):
            raise InputError(f"expected {variable.name} must be a finite number", file=file, location=location,
                             value=value, fix="give the expected number without quotes")
        if variable.unit == strict_inputs.MONEY_UNIT and margin < FEN:
            _check_float32_exact(variable.name, value, location, file)
        return
    strict_inputs.check_scalar(variable, value, location, file)


def _check_float32_exact(name: str, value: float, location: str, file: str) -> None:
    """Reject an expected amount that float32 cannot tell from the amount one fen away."""
    single = numpy.float32(value)
    if numpy.float32(value + FEN) == single or numpy.float32(value - FEN) == single:
        raise InputError(
            f"expected {name} of {value:,} yuan cannot be checked to the fen: openfisca test compares in "
            "float32, which cannot tell it from the amount one fen away",
            file=file, location=location, value=value,
            fix="check amounts this large in a pytest test that compares exactly (see tests/test_money.py)",
        )
