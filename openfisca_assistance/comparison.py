"""Compare a household's results under the baseline and under reforms, side by side.

Each column is one rule set: the baseline (the Interim Measures), then each
reform specification (`NAME`, `NAME@START`, or several joined by `+` to stack
them, reform files included), then each reform file on its own. For every
programme, and every person of a person programme, a comparison gives each
column's status, amount, locality, authority and tier, the difference from
the baseline, and the provisions behind it. It also lists the variables the
reforms' provisions change (target groups, statuses) with their values in
each column.

A provision is named as a cause of a programme's change when it lists the
programme and one of its variables has a different value than in the
baseline. A change of tier, services or where to apply is attributed to the
provisions that list the programme and name that field (the ones behind the
reform's programme notes). A variable can also differ because another
provision changed what it is computed from, so the causes are the
provisions whose own variables changed, not a full trace.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openfisca_assistance import engine, reforming, rules
from openfisca_assistance.errors import InputError, NotDetermined
from openfisca_assistance.money import to_decimal
from openfisca_assistance.programs import registry

BASELINE = "baseline"
FIELDS = ("status", "eligible", "amount", "responsible_locality", "responsible_authority", "tier", "provides")
OUTCOME_FIELDS = ("status", "amount", "responsible_locality")
NOT_DEFINED = "not in these rules"
NOT_DETERMINED = "not determined"


def columns_of(specs: list[str], reform_file_paths: list[Path]) -> list[dict[str, Any]]:
    """Return the comparison columns after the baseline: one per specification, then one per reform file."""
    columns = []
    for spec in specs:
        names, paths = reforming.parse_spec(spec)
        columns.append({"id": spec, "reforms": names, "reform_files": paths})
    for path in reform_file_paths:
        columns.append({"id": f"file:{Path(path).name}", "reforms": [], "reform_files": [Path(path)]})
    seen = set()
    for column in columns:
        if column["id"] in seen:
            raise InputError("the same reform is compared twice", location="--reform", value=column["id"],
                             fix="give each reform or reform file once")
        seen.add(column["id"])
    return columns


def column_label(column: dict[str, Any]) -> str:
    """Return a short label of a column: its reform names and reform file names joined by +."""
    return " + ".join([*column["reforms"], *(f"file:{Path(path).name}" for path in column["reform_files"])])


def _summary(entry: dict[str, Any]) -> dict[str, Any]:
    return {field: entry.get(field) for field in FIELDS}


def _person_summaries(entry: dict[str, Any]) -> dict[str, dict[str, Any]]:
    persons = {}
    for person_id, person in (entry.get("persons") or {}).items():
        if isinstance(person, dict) and "status" in person:
            persons[person_id] = {"status": person.get("status"), "eligible": person.get("eligible"),
                                  "amount": person.get("amount")}
    return persons


def _difference(baseline: Any, other: Any) -> float | None:
    if baseline is None or other is None:
        return None
    return float(to_decimal(other) - to_decimal(baseline))


def _value(simulation, variable: str, month: str) -> list[Any] | str:
    try:
        values = engine._calculate(simulation, variable, month)
    except NotDetermined:
        return NOT_DETERMINED
    return [engine._format_value(value) for value in values]


def _declared_variables(systems: dict[str, Any]) -> dict[str, list]:
    """Return {variable: [provision, ...]} for every variable a provision of a compared reform changes."""
    declared: dict[str, list] = {}
    for system in systems.values():
        for reform in reforming.applied(system):
            for provision in reform.provisions:
                for variable in provision.variables:
                    entries = declared.setdefault(variable, [])
                    if provision not in entries:
                        entries.append(provision)
    return declared


def _variable_values(system, native, month: str, file: str | None, variables: list[str]) -> dict[str, Any]:
    simulation = engine.build_simulation(system, native, month, file)
    ids = {
        "person": [str(item) for item in simulation.persons.ids],
        "household": [str(item) for item in simulation.populations["household"].ids],
    }
    values: dict[str, Any] = {}
    for variable in variables:
        definition = system.get_variable(variable)
        if definition is None:
            values[variable] = NOT_DEFINED
            continue
        computed = _value(simulation, variable, month)
        if isinstance(computed, str):
            values[variable] = computed
        else:
            values[variable] = dict(zip(ids[definition.entity.key], computed))
    return values


def _differs(baseline: Any, other: Any) -> bool:
    """Return whether a variable's values differ; a variable only a reform defines differs where it is set."""
    if baseline == NOT_DEFINED and isinstance(other, dict):
        return any(bool(value) for value in other.values())
    return baseline != other


def _provision_dict(reform, provision) -> dict[str, Any]:
    return {"reform": type(reform).__name__, **provision.to_dict()}


def _causes(system, program_id: str, changed_fields: set[str], differing: set[str]) -> list[dict[str, Any]]:
    causes = []
    for reform in reforming.applied(system):
        for provision in reform.provisions:
            if program_id not in provision.programmes:
                continue
            by_variables = bool(set(provision.variables) & differing)
            by_description = bool(set(provision.fields) & changed_fields)
            if by_variables or by_description:
                causes.append(_provision_dict(reform, provision))
    return causes


def compare(
    data: dict[str, Any],
    month: str | None = None,
    *,
    specs: list[str] = (),
    reform_files: list[Path] = (),
    lang: str = "en",
    file: str | None = None,
) -> dict[str, Any]:
    """Compare one household under the baseline and each reform column; see the module docstring."""
    columns = columns_of(list(specs), list(reform_files))
    if not columns:
        raise InputError("nothing to compare", location="--reform",
                         fix="give at least one --reform NAME or --reform-file FILE; run `assistance reforms`")
    systems = {BASELINE: engine.baseline_system()}
    for column in columns:
        systems[column["id"]] = reforming.build_system(column["reforms"], column["reform_files"])
    month = engine.check_month(month or data.get("month") or engine.native_month(data) or rules.today_month())
    results = {BASELINE: engine.check(data, month, lang=lang, file=file, system=systems[BASELINE], reforms=[])}
    for column in columns:
        results[column["id"]] = engine.check(
            data, month, lang=lang, file=file, system=systems[column["id"]],
            reforms=reforming.names(column["reforms"], column["reform_files"]),
        )

    native = engine._native_from(data, month, file)
    declared = _declared_variables(systems)
    variable_values = {
        column_id: _variable_values(system, native, month, file, list(declared))
        for column_id, system in systems.items()
    }
    differing = {
        column_id: {
            variable for variable in declared
            if _differs(variable_values[BASELINE][variable], variable_values[column_id][variable])
        }
        for column_id in systems if column_id != BASELINE
    }

    programs: dict[str, Any] = {}
    for program_id, program in registry().items():
        entries = {column_id: result["programs"][program_id] for column_id, result in results.items()}
        summaries = {column_id: _summary(entry) for column_id, entry in entries.items()}
        base = summaries[BASELINE]
        changes = {}
        for column_id in systems:
            if column_id == BASELINE:
                continue
            other = summaries[column_id]
            changed_fields = {field for field in FIELDS if field != "eligible" and other[field] != base[field]}
            changes[column_id] = {
                "changed": bool(changed_fields),
                "fields": sorted(changed_fields),
                "amount_difference": _difference(base["amount"], other["amount"]),
                "provisions": _causes(systems[column_id], program_id, changed_fields, differing[column_id])
                if changed_fields else [],
            }
        persons: dict[str, Any] = {}
        person_summaries = {column_id: _person_summaries(entry) for column_id, entry in entries.items()}
        for person_id in person_summaries[BASELINE]:
            person_results = {column_id: summary.get(person_id) for column_id, summary in person_summaries.items()}
            person_changes = {}
            for column_id in systems:
                if column_id == BASELINE:
                    continue
                base_person = person_results[BASELINE] or {}
                other_person = person_results[column_id] or {}
                fields = {field for field in ("status", "amount") if base_person.get(field) != other_person.get(field)}
                person_changes[column_id] = {
                    "changed": bool(fields),
                    "amount_difference": _difference(base_person.get("amount"), other_person.get("amount")),
                    "provisions": _causes(systems[column_id], program_id, fields, differing[column_id])
                    if fields else [],
                }
            persons[person_id] = {"results": person_results, "changes": person_changes}
        programs[program_id] = {
            "label": program.label.get(lang),
            "unit": program.unit,
            "period": program.period,
            "results": summaries,
            "changes": changes,
            "persons": persons,
        }

    variables = {}
    for variable, provisions in declared.items():
        definitions = [system.get_variable(variable) for system in systems.values()]
        definition = next(item for item in definitions if item is not None)
        variables[variable] = {
            "entity": definition.entity.key,
            "label": definition.label,
            "values": {column_id: variable_values[column_id][variable] for column_id in systems},
            "changes": {
                column_id: {
                    "changed": variable in differing[column_id],
                    "provisions": [
                        _provision_dict(reform, provision)
                        for reform in reforming.applied(systems[column_id])
                        for provision in reform.provisions if variable in provision.variables
                    ] if variable in differing[column_id] else [],
                }
                for column_id in systems if column_id != BASELINE
            },
        }

    return {
        "engine": results[BASELINE]["engine"],
        "month": month,
        "file": file,
        "columns": [
            {"id": BASELINE, "label": "Interim Measures (baseline)", "reforms": [], "reform_files": []},
            *(
                {
                    "id": column["id"],
                    "label": column_label(column),
                    "reforms": column["reforms"],
                    "reform_files": [str(path) for path in column["reform_files"]],
                }
                for column in columns
            ),
        ],
        "programs": programs,
        "variables": variables,
        "totals": {column_id: total_amount(result) for column_id, result in results.items()},
        "notices": {column_id: result["notices"] for column_id, result in results.items()},
    }


def cash_total(amounts: dict[str, float | None]) -> tuple[float, list[str]]:
    """Return the sum of the determined cash amounts and the cash programmes whose amount is not determined.

    Programmes without amount variables give services or goods and are left out.
    """
    programs = registry()
    cash = {program_id: amount for program_id, amount in amounts.items() if programs[program_id].amount}
    undetermined = [program_id for program_id, amount in cash.items() if amount is None]
    total = sum((to_decimal(amount) for amount in cash.values() if amount is not None), start=to_decimal(0))
    return float(total), undetermined


def total_amount(result: dict[str, Any]) -> dict[str, Any]:
    """Return the total cash amount of a check result and the programmes it leaves out as not determined."""
    total, undetermined = cash_total({program_id: entry.get("amount") for program_id, entry in result["programs"].items()})
    return {"amount": total, "not_determined": undetermined}
