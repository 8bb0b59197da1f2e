"""Build the rule set for a check: the baseline, or the baseline with reforms applied.

Named reforms live in `reforms/` (`assistance reforms` lists them); reform
files are YAML files of dated parameter values (`openfisca_assistance.reform_files`).
A reform name may carry a start date, `NAME@YYYY-MM-DD` (or `@YYYY-MM`),
which applies the reform from that date instead of its own start date.
Everything is validated before anything is applied, and applying reforms
never changes the baseline system.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from openfisca_assistance import reform_files
from openfisca_assistance.errors import InputError, NotDetermined

START_PATTERN = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?$")
REFORM_FILE_SUFFIXES = (".yaml", ".yml")


def names(reforms: list[str], reform_files: list[Path]) -> list[str]:
    """Return the names a result lists for the reforms applied."""
    return [*reforms, *(f"file:{Path(path).name}" for path in reform_files)]


def split_name(spec: str) -> tuple[str, str | None]:
    """Split `NAME@START` into the reform name and its start date (YYYY-MM-DD), validating the date."""
    name, _, start = spec.partition("@")
    if not start:
        return name, None
    match = START_PATTERN.match(start)
    try:
        if match is None:
            raise ValueError(start)
        date = datetime.date(int(match["year"]), int(match["month"]), int(match["day"] or 1))
    except ValueError as error:
        raise InputError(
            "invalid start date", location="--reform", value=spec,
            fix="write NAME@YYYY-MM-DD or NAME@YYYY-MM, for example social_assistance_law_2026@2020-01",
        ) from error
    return name, date.isoformat()


def load_class(spec: str):
    """Return the reform class of `NAME` (or `NAME@START`), raising InputError for an unknown name."""
    from openfisca_assistance.reforms import load

    name, _ = split_name(spec)
    try:
        return load(name)
    except KeyError as error:
        raise InputError(str(error.args[0]), location="--reform", value=name,
                         fix="run `assistance reforms` to list the reforms") from error


def start_date_file(reform_class, start: str, parameters) -> reform_files.ReformFile:
    """Return a reform file that puts a reform in force from `start` and not before."""
    path = reform_class.in_effect
    if path is None:
        raise InputError(
            f"the reform {reform_class.__name__} has no start date", location="--reform", value=start,
            fix="apply it without @START",
        )
    first = _first_date(parameters, path)
    dated: dict[str, Any] = {start: True}
    if first is not None and first < start:
        before = (datetime.date.fromisoformat(start) - datetime.timedelta(days=1)).isoformat()
        dated = {f"{first}.{before}": False, start: True}
    return reform_files.parse(
        {"description": f"{reform_class.__name__} in force from {start}", "parameters": {path: dated}},
        file=f"{reform_class.__name__}@{start}", name=f"{reform_class.__name__}@{start}", parameters=parameters,
    )


def _first_date(parameters, path: str) -> str | None:
    node = parameters
    for part in path.split("."):
        node = node.children[part]
    dates = [item.instant_str for item in node.values_list]
    return min(dates) if dates else None


def build_system(reforms: list[str], reform_file_paths: list[Path]):
    """Return the tax-benefit system with the named reforms and reform files applied, in order.

    All names and files are validated first; nothing is applied if any is invalid.
    """
    from openfisca_assistance.engine import baseline_system

    baseline = baseline_system()
    steps = []
    for spec in reforms:
        reform_class = load_class(spec)
        _, start = split_name(spec)
        steps.append(reform_class)
        if start is not None:
            steps.append(start_date_file(reform_class, start, baseline.parameters).reform_class())
    problems = []
    parsed = []
    for path in reform_file_paths:
        try:
            parsed.append(reform_files.read(path, baseline.parameters))
        except InputError as error:
            problems.append(error)
    if problems:
        raise problems[0]
    steps.extend(item.reform_class() for item in parsed)
    system = baseline
    for step in steps:
        system = step(system)
    return system


def parse_spec(spec: str) -> tuple[list[str], list[Path]]:
    """Split a comparison column `A+B+file.yaml` into reform names and reform files."""
    reforms: list[str] = []
    paths: list[Path] = []
    for part in (item.strip() for item in spec.split("+")):
        if not part:
            raise InputError("empty reform name", location="--reform", value=spec,
                             fix="join reforms with +, for example social_assistance_law_2026+FILE.yaml")
        if part.lower().endswith(REFORM_FILE_SUFFIXES):
            paths.append(Path(part))
        else:
            reforms.append(part)
    return reforms, paths


def applied(system) -> list:
    """Return the reforms applied to a system, in the order they were applied."""
    from openfisca_assistance.reforms._base import applied_reforms

    return applied_reforms(system)


def describe(reform_class) -> dict[str, Any]:
    """Return a reform's description: name, one-line summary, start, provisions and what it leaves out."""
    from openfisca_assistance.engine import baseline_system

    parameters = baseline_system().parameters
    start = None
    if reform_class.in_effect is not None:
        node = parameters
        for part in reform_class.in_effect.split("."):
            node = node.children[part]
        starts = sorted(item.instant_str for item in node.values_list if item.value)
        start = starts[0] if starts else None
    return {
        "name": reform_class.__name__,
        "description": reform_class.name,
        "start_parameter": reform_class.in_effect,
        "start": start,
        "provisions": [provision.to_dict() for provision in reform_class.provisions],
        "left_out": [item.to_dict() for item in reform_class.left_out],
        "yaml_test_path": f"{reform_class.__module__}.{reform_class.__name__}",
    }


def amend_entry(system, program, simulation, month: str, entry: dict[str, Any], lang: str) -> None:
    """Add what the reforms in force change in a programme's description to its result entry.

    Each reform's programme notes give the programme's tier, what it provides
    beside cash, a note on where to apply, the legal basis (before the
    programme's own) and extra variables to show among the details.
    """
    from openfisca_assistance.engine import _calculate, _format_value

    for reform in applied(system):
        if not reform.in_force(month, system.parameters):
            continue
        for note in reform.programme_notes:
            if note.programme != program.id:
                continue
            if note.tier:
                entry["tier"] = note.tier.get(lang, note.tier["en"])
            if note.provides:
                extra = list(note.provides.get(lang, note.provides["en"]))
                entry["provides"] = [*entry.get("provides", []), *(item for item in extra if item not in entry.get("provides", []))]
            # Where to apply matters to a case to handle, not to a programme the household does not get.
            if note.authority_note and entry.get("responsible_authority") and entry.get("status") != "not_eligible":
                text = note.authority_note.get(lang, note.authority_note["en"])
                separator = "；" if lang == "zh" else "; "
                if text not in entry["responsible_authority"]:
                    entry["responsible_authority"] = f"{entry['responsible_authority']}{separator}{text}"
            if note.legal_basis:
                own = [item for item in entry.get("legal_basis", []) if item not in note.legal_basis]
                entry["legal_basis"] = [*note.legal_basis, *own]
            for variable in note.details:
                try:
                    values = _calculate(simulation, variable, month)
                except NotDetermined as error:
                    entry.setdefault("details", {})[variable] = None
                    entry.setdefault("details_missing", []).append(error.missing.to_dict())
                    continue
                entry.setdefault("details", {})[variable] = _format_value(values[0])
