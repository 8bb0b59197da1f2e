"""Parametric reform files: dated parameter values that override the rules.

A reform file is YAML with a top-level `parameters:` mapping from dotted
parameter paths (those of `parameters/`) to dated values, and an optional
`description`:

```yaml
description: Beijing dibao standard at 1,500 yuan from July 2024
parameters:
  dibao.standard.beijing:
    2024-07-01: 1500
  dibao.marginal_family.income_multiple:
    2021-01-01.2021-12-31: 2
```

A value keyed by a date applies from that date until the next date the file
gives for the same path, and after the last one for good, so it also
overrides later baseline changes. A `START.END` key limits a value to that
period (both days included); outside every period the file gives, the
baseline value applies. `null` ends a value, as in the parameter files.

The whole file is validated before anything is applied: every problem is
reported at once (`ReformFileError`), naming the path and, for an unknown
path, the closest known ones.

Applying a file never changes the tree it is applied to. `overlay` copies
only the leaves the file changes and the nodes on the way to them, and shares
every other node with the original tree. Its cost therefore grows with the
number of changed paths and their depth, not with the size of the tree.
openfisca-core's `Reform.modify_parameters` deep-copies the whole tree
instead (see benchmarks/README.md).
"""

from __future__ import annotations

import copy
import datetime
import difflib
import fnmatch
import math
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from openfisca_core.parameters import Parameter, ParameterAtInstant, ParameterNode
from openfisca_core.reforms import Reform

from openfisca_assistance import localities, yaml_files
from openfisca_assistance.errors import InputError
from openfisca_assistance.paths import REFORMS_DIR

TOP_LEVEL_KEYS = ("description", "parameters")
VALUE_KEYS = ("value", "note")
REFORM_FILE_CONFIDENCE = "reform_file"
BUNDLED_DIR = REFORMS_DIR / "files"
SEARCH_PATH_VARIABLE = "ASSISTANCE_REFORM_FILE_PATH"
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_PROBLEMS_SHOWN = 20

# Allowed ranges of numeric parameters, by unit and path pattern. The first
# matching row wins:
# - rates and shares are in [0, 1], and year-on-year price changes may be negative;
# - multiples of the dibao standard set a line above it, so they are at least 1;
# - fraud fines are multiples of the value obtained, and multipliers scale an
#   amount (0 to 10 covers every rule);
# - disability grades run from 1 (most severe) to 4, and 0 switches a kind off;
# - self-care is assessed on six daily activities.
NUMERIC_RANGES: tuple[tuple[str, str, float, float, str], ...] = (
    ("/1", "economy.*_yoy.*", -1.0, 1.0, "a year-on-year change, as a fraction"),
    ("/1", "*fraud_fine*", 0.0, 10.0, "a multiple of the value obtained by fraud"),
    ("/1", "*multiple*", 1.0, math.inf, "a multiple of the dibao standard"),
    ("/1", "*multiplier*", 0.0, 10.0, "a factor an amount is multiplied by"),
    ("/1", "*", 0.0, 1.0, "a rate or share between 0 and 1"),
    ("count", "*max_grade*", 0.0, 4.0, "a disability grade from 0 to 4"),
    ("count", "*activities*", 0.0, 6.0, "a number of the six daily activities"),
    ("count", "*", 0.0, math.inf, "a whole number of 0 or more"),
    ("year", "*", 0.0, 150.0, "an age or a number of years"),
    ("month", "*", 0.0, 1200.0, "a number of months"),
    ("currency-CNY", "*", 0.0, 1e12, "an amount in yuan of 0 or more"),
)

# Text parameters whose formulas know a fixed set of values; other text
# parameters accept the values their family already holds.
TEXT_VALUES: dict[str, tuple[str, ...]] = {
    "temporary_assistance.place_rule": ("hukou", "2014", "2022"),
    "dibao.membership_definition": ("2012", "2021"),
    "dibao.single_person.rule": ("2012", "2020", "2021"),
    "dibao.category_supplement_stacking.*": ("highest", "sum"),
}


class ReformFileError(InputError):
    """A reform file with one or more invalid entries; `problems` lists them all."""

    code = "invalid_reform_file"

    def __init__(self, problems: list[InputError], *, file: str | None) -> None:
        first = problems[0]
        count = len(problems)
        message = first.message if count == 1 else f"{count} problems in the reform file"
        super().__init__(
            message,
            file=file,
            location=first.location if count == 1 else None,
            value=first.value if count == 1 else None,
            fix=first.fix if count == 1 else None,
        )
        self.problems = problems

    def to_dict(self) -> dict[str, Any]:
        result = super().to_dict()
        result["problems"] = [problem.to_dict() for problem in self.problems]
        return result

    def render(self) -> str:
        if len(self.problems) == 1:
            return super().render()
        lines = [f"error: {self.file or 'reform file'}: {self.message}"]
        for problem in self.problems[:MAX_PROBLEMS_SHOWN]:
            lines.append(f"  - {problem.location}: {problem.message}")
            if problem.value is not None:
                lines.append(f"    value: {problem.value!r}")
            if problem.fix:
                lines.append(f"    fix: {problem.fix}")
        hidden = len(self.problems) - MAX_PROBLEMS_SHOWN
        if hidden > 0:
            lines.append(f"  ... and {hidden} more")
        return "\n".join(lines)


@dataclass(frozen=True)
class Segment:
    """One dated value of a reform file: from `start`, until `end` (inclusive) when given."""

    start: str
    end: str | None
    value: Any
    note: str | None = None
    bounded: bool = False


@dataclass(frozen=True)
class Change:
    """The dated values a reform file gives for one parameter path."""

    path: str
    segments: tuple[Segment, ...]
    new_locality: bool = False


@dataclass(frozen=True)
class ReformFile:
    """A validated reform file, ready to apply."""

    name: str
    source: str
    description: str | None
    changes: tuple[Change, ...]
    label: str = field(default="")

    @property
    def paths(self) -> list[str]:
        return [change.path for change in self.changes]

    def reform_class(self) -> type[Reform]:
        """Return a Reform subclass that applies this file to the system it is given."""
        return _reform_class(self)


class _StrictLoader(yaml_files.UniqueKeyLoader):
    """A YAML loader that rejects duplicate keys and keeps dates as text."""


def _construct_timestamp(loader, node):
    return loader.construct_scalar(node)


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def read(path: str | Path, parameters: ParameterNode | None = None) -> ReformFile:
    """Read and validate a reform file."""
    path = Path(path)
    if not path.is_file():
        raise InputError(
            "reform file not found", file=str(path), location="--reform-file",
            fix="give the path of a YAML reform file; run `assistance reforms` to list the bundled ones",
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"the file is not UTF-8 text (invalid byte at position {error.start})", file=str(path),
            location="--reform-file", fix="save the reform file as UTF-8",
        ) from error
    data = yaml_files.load(text, file=str(path), loader=_StrictLoader)
    return parse(data, file=str(path), name=path.stem, parameters=parameters)


def parse(
    data: Any,
    *,
    file: str | None = None,
    name: str = "reform_file",
    parameters: ParameterNode | None = None,
) -> ReformFile:
    """Validate the content of a reform file against a parameter tree (the baseline's by default)."""
    if parameters is None:
        from openfisca_assistance.engine import baseline_system

        parameters = baseline_system().parameters
    problems: list[InputError] = []
    if not isinstance(data, dict):
        raise ReformFileError(
            [InputError("a reform file must be a mapping", location="(top level)", value=type(data).__name__,
                        fix="write `parameters:` with dotted parameter paths and dated values")],
            file=file,
        )
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            problems.append(InputError(
                f"unknown key {key!r}", location=str(key), fix=_did_you_mean(str(key), TOP_LEVEL_KEYS),
            ))
    description = data.get("description")
    if description is not None and not isinstance(description, str):
        problems.append(InputError("description must be text", location="description", value=description))
    entries = data.get("parameters")
    changes: list[Change] = []
    if entries is None:
        problems.append(InputError(
            "missing parameters", location="parameters",
            fix="add `parameters:` mapping dotted parameter paths to dated values",
        ))
    elif not isinstance(entries, dict) or not entries:
        problems.append(InputError(
            "parameters must be a non-empty mapping of dotted parameter paths", location="parameters",
            value=entries if not isinstance(entries, dict) else None,
            fix="write for example `dibao.standard.beijing: {2024-07-01: 1500}`",
        ))
    else:
        for path, dated in entries.items():
            change = _parse_entry(parameters, str(path), dated, problems)
            if change is not None:
                changes.append(change)
    if problems:
        raise ReformFileError(problems, file=file)
    return ReformFile(
        name=name,
        source=file or name,
        description=description,
        changes=tuple(changes),
        label=description or name,
    )


def _did_you_mean(key: str, allowed) -> str:
    close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else f"use only {', '.join(allowed)}"


# --- Paths -----------------------------------------------------------------


@lru_cache(maxsize=8)
def _leaf_paths(tree_id: int, tree: ParameterNode) -> tuple[str, ...]:
    return tuple(sorted(_iter_leaf_paths(tree, "")))


def _iter_leaf_paths(node, prefix: str):
    for key, child in node.children.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(child, ParameterNode):
            yield from _iter_leaf_paths(child, path)
        else:
            yield path


def _is_locality_family(node: ParameterNode) -> bool:
    """Return whether a node's children are locality keys (a local value family).

    A family no locality has values for yet is a node with a `metadata.unit`
    and no children.
    """
    if not node.children:
        return bool((node.metadata or {}).get("unit"))
    leaves = [child for child in node.children.values() if isinstance(child, Parameter)]
    return len(leaves) == len(node.children) and all(
        (child.metadata or {}).get("locality") for child in leaves
    )


def _family_metadata(family: ParameterNode) -> dict[str, Any]:
    """Return the unit and period a new locality of a family takes."""
    source = next(iter(family.children.values())).metadata if family.children else family.metadata
    return {name: value for name, value in (source or {}).items() if name in {"unit", "period"}}


def resolve(tree: ParameterNode, path: str) -> tuple[Parameter | None, ParameterNode | None]:
    """Return (leaf, None) for an existing leaf, (None, family) for a new locality in a family.

    Raises InputError for a path that names no parameter.
    """
    parts = path.split(".")
    node = tree
    for index, part in enumerate(parts):
        children = getattr(node, "children", None)
        if children is None:
            walked = ".".join(parts[:index])
            raise InputError(
                f"{walked!r} is one parameter, so {path!r} does not exist", location=path,
                fix=f"use the path {walked!r}",
            )
        if part not in children:
            last = index == len(parts) - 1
            if last and _is_locality_family(node) and part in localities.registry():
                return None, node
            raise InputError(
                f"unknown parameter path {path!r}", location=path, fix=_suggest(tree, path),
            )
        node = children[part]
    if isinstance(node, ParameterNode):
        children = sorted(node.children)
        shown = ", ".join(f"{path}.{child}" for child in children[:5])
        more = f" and {len(children) - 5} more" if len(children) > 5 else ""
        raise InputError(
            f"{path!r} is a group of parameters, not one value", location=path,
            fix=f"give the path of one of its parameters: {shown}{more}",
        )
    return node, None


def _suggest(tree: ParameterNode, path: str) -> str:
    known = _leaf_paths(id(tree), tree)
    close = difflib.get_close_matches(path, known, n=3, cutoff=0.6)
    if not close:
        # Match the last part against the children of the deepest node that exists.
        parts = path.split(".")
        node, walked = tree, []
        for part in parts[:-1]:
            child = getattr(node, "children", {}).get(part)
            if child is None:
                break
            node, walked = child, [*walked, part]
        children = list(getattr(node, "children", {}))
        prefix = ".".join(walked)
        close = [
            f"{prefix}.{name}" if prefix else name
            for name in difflib.get_close_matches(parts[len(walked)], children, n=3, cutoff=0.5)
        ]
    if close:
        return "did you mean " + ", ".join(repr(item) for item in close) + "?"
    return "use a path of parameters/ (folders, file and key joined by dots); see docs/parameters.md"


# --- Values ----------------------------------------------------------------


def _parse_entry(tree, path: str, dated: Any, problems: list[InputError]) -> Change | None:
    try:
        leaf, family = resolve(tree, path)
    except InputError as error:
        problems.append(error)
        return None
    if leaf is not None:
        unit = _unit(leaf)
        known = [item.value for item in leaf.values_list if item.value is not None]
    else:
        unit = _family_metadata(family).get("unit")
        known = [
            item.value for sibling in family.children.values()
            for item in sibling.values_list if item.value is not None
        ]
    if not isinstance(dated, dict) or not dated:
        problems.append(InputError(
            "give dated values for the path", location=path, value=dated,
            fix=f"write `{path}: {{YYYY-MM-DD: value}}`, or `START.END` keys for a limited period",
        ))
        return None
    segments: list[Segment] = []
    for key, item in dated.items():
        where = f"{path}.{key}"
        dates = _parse_key(str(key), where, problems)
        if dates is None:
            continue
        start, end = dates
        value, note = item, None
        if isinstance(item, dict):
            unknown = [k for k in item if k not in VALUE_KEYS]
            if unknown or "value" not in item:
                problems.append(InputError(
                    f"unknown key {unknown[0]!r}" if unknown else "missing value", location=where,
                    fix="write the value directly, or as {value: ..., note: ...}",
                ))
                continue
            value, note = item["value"], item.get("note")
        problem = check_value(unit, known, path, value, where)
        if problem is not None:
            problems.append(problem)
            continue
        segments.append(Segment(start=start, end=end, value=value, note=note, bounded=end is not None))
    segments.sort(key=lambda segment: segment.start)
    resolved: list[Segment] = []
    for index, segment in enumerate(segments):
        following = segments[index + 1] if index + 1 < len(segments) else None
        if following is not None:
            limit = segment.end if segment.bounded else None
            if following.start == segment.start:
                problems.append(InputError(
                    f"two values start on {segment.start}", location=path,
                    fix="give each date once",
                ))
                continue
            if limit is not None and following.start <= limit:
                problems.append(InputError(
                    f"the period {segment.start}.{segment.end} overlaps the value from {following.start}",
                    location=path, fix="make the periods of one path follow each other without overlap",
                ))
                continue
            if not segment.bounded:
                segment = Segment(
                    start=segment.start, end=_day_before(following.start), value=segment.value, note=segment.note,
                )
        resolved.append(segment)
    if len(resolved) != len(segments):
        return None
    return Change(path=path, segments=tuple(resolved), new_locality=leaf is None)


def _parse_key(key: str, where: str, problems: list[InputError]) -> tuple[str, str | None] | None:
    start_text, _, end_text = key.partition(".")
    start = _parse_date(start_text, where, problems)
    if start is None:
        return None
    if not end_text:
        return start, None
    end = _parse_date(end_text, where, problems)
    if end is None:
        return None
    if end < start:
        problems.append(InputError(
            f"the period ends ({end}) before it starts ({start})", location=where,
            fix="write the period as START.END with START on or before END",
        ))
        return None
    return start, end


def _parse_date(text: str, where: str, problems: list[InputError]) -> str | None:
    if DATE_PATTERN.match(text):
        try:
            return datetime.date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    problems.append(InputError(
        "invalid date", location=where, value=text,
        fix="key each value by a date YYYY-MM-DD, or a period YYYY-MM-DD.YYYY-MM-DD",
    ))
    return None


def _day_before(date: str) -> str:
    return (datetime.date.fromisoformat(date) - datetime.timedelta(days=1)).isoformat()


def _day_after(date: str) -> str:
    return (datetime.date.fromisoformat(date) + datetime.timedelta(days=1)).isoformat()


def _unit(parameter: Parameter) -> str | None:
    return (parameter.metadata or {}).get("unit")


def allowed_range(unit: str, path: str) -> tuple[float, float, str] | None:
    """Return (minimum, maximum, meaning) of a numeric parameter, or None for other units."""
    for row_unit, pattern, low, high, meaning in NUMERIC_RANGES:
        if row_unit == unit and fnmatch.fnmatchcase(path, pattern):
            return low, high, meaning
    return None


def _first_match(table: dict[str, Any], path: str):
    for pattern, values in table.items():
        if fnmatch.fnmatchcase(path, pattern):
            return values
    return None


def _list_items(path: str) -> tuple[str, ...] | str | None:
    """Return the allowed items of a list parameter, "amounts" for yuan amounts, or None for any."""
    from openfisca_assistance import assistance_groups, emergencies
    from openfisca_assistance.enums import EducationLevel

    if fnmatch.fnmatchcase(path, "*target_groups*"):
        return assistance_groups.GROUPS
    if fnmatch.fnmatchcase(path, "*education_levels*") or fnmatch.fnmatchcase(path, "*continuation_levels*"):
        return tuple(level.name for level in EducationLevel)
    if fnmatch.fnmatchcase(path, "*emergency_kinds*"):
        return emergencies.KINDS
    if fnmatch.fnmatchcase(path, "*tier_amounts*"):
        return "amounts"
    return None


def check_value(unit: str | None, known: list[Any], path: str, value: Any, where: str) -> InputError | None:
    """Return an error when `value` does not fit the unit and range of the parameter at `path`, else None.

    `known` contains the values the parameter (or its family) already has.
    """
    if value is None:
        return None
    if unit == "bool":
        if not isinstance(value, bool):
            return InputError("this parameter is true or false", location=where, value=value,
                              fix="write true or false")
        return None
    if unit == "str":
        if not isinstance(value, str):
            return InputError("this parameter is text", location=where, value=value,
                              fix="write the value as text")
        allowed = _first_match(TEXT_VALUES, path) or tuple(sorted({str(item) for item in known}))
        if allowed and value not in allowed:
            return InputError(f"unknown value {value!r}", location=where, value=value,
                              fix=f"use one of {', '.join(allowed)}")
        return None
    if unit == "list":
        return _check_list(path, value, where)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return InputError(f"this parameter is a number ({unit})", location=where, value=value,
                          fix="write a number")
    if not math.isfinite(value):
        return InputError("numbers must be finite", location=where, value=value, fix="write a finite number")
    bounds = allowed_range(unit or "", path)
    if bounds is not None:
        low, high, meaning = bounds
        if not low <= value <= high:
            shown_high = "no upper limit" if math.isinf(high) else f"{high:g}"
            return InputError(
                f"{value!r} is outside the allowed range of {path} ({meaning})", location=where, value=value,
                fix=f"give a value from {low:g} to {shown_high}",
            )
    if unit == "count" and not float(value).is_integer():
        return InputError("this parameter is a whole number", location=where, value=value,
                          fix="write a whole number")
    return None


def _check_list(path: str, value: Any, where: str) -> InputError | None:
    if not isinstance(value, list):
        return InputError("this parameter is a list", location=where, value=value,
                          fix="write the value as a YAML list, for example [a, b]")
    items = _list_items(path)
    if items == "amounts":
        amounts_ok = all(
            isinstance(item, (int, float)) and not isinstance(item, bool) and math.isfinite(item) and item >= 0
            for item in value
        )
        if not value or not amounts_ok:
            return InputError("this parameter is a list of amounts in yuan of 0 or more", location=where,
                              value=value, fix="write for example [300, 600, 900]")
        if sorted(value) != list(value):
            return InputError("the amounts must be in ascending order", location=where, value=value,
                              fix="list the tier amounts from lowest to highest")
        return None
    for item in value:
        if isinstance(item, (bool, dict, list)) or item is None:
            return InputError("list items must be numbers or texts", location=where, value=value,
                              fix="write the value as a YAML list of plain values")
        if items is not None and str(item) not in items:
            return InputError(f"unknown item {item!r}", location=where, value=value,
                              fix=f"use items from {', '.join(items)}")
    return None


# --- Applying --------------------------------------------------------------


def _file_metadata(reform_file: ReformFile, segment: Segment) -> dict[str, Any]:
    title = f"reform file {reform_file.name}"
    if reform_file.description:
        title += f": {reform_file.description}"
    source = Path(reform_file.source)
    href = source.resolve().as_uri() if source.is_file() else reform_file.source
    return {
        "confidence": REFORM_FILE_CONFIDENCE,
        "reference": [{"title": title, "href": href}],
        "note": segment.note or "value set by a reform file",
        # A drafter's value is not a published value, so it never goes stale.
        "known_until": None,
    }


def _value_in_force(values_list: list[ParameterAtInstant], instant: str) -> ParameterAtInstant | None:
    for at_instant in values_list:  # newest first
        if at_instant.instant_str <= instant:
            return at_instant
    return None


def merged_values(
    baseline: list[ParameterAtInstant], change: Change, reform_file: ReformFile, name: str,
) -> list[ParameterAtInstant]:
    """Return the values of one leaf with a reform file's segments laid over the baseline's, newest first."""
    entries: list[ParameterAtInstant] = []
    covered: list[tuple[str, str | None]] = []
    for segment in change.segments:
        entries.append(ParameterAtInstant(
            f"{name}.{segment.start}", segment.start,
            data={"value": segment.value, "metadata": _file_metadata(reform_file, segment)},
        ))
        covered.append((segment.start, segment.end))
    last_start, last_end = covered[-1]
    # Baseline values before the first segment stay as they are.
    first_start = covered[0][0]
    entries.extend(item for item in baseline if item.instant_str < first_start)
    # Between segments and after a bounded last one, the baseline applies again:
    # its value in force on the first uncovered day, then its own later changes.
    gaps = [
        (_day_after(end), covered[index + 1][0] if index + 1 < len(covered) else None)
        for index, (_, end) in enumerate(covered)
        if end is not None and (index + 1 == len(covered) or _day_after(end) < covered[index + 1][0])
    ]
    for gap_start, gap_stop in gaps:
        in_force = _value_in_force(baseline, gap_start)
        entries.append(ParameterAtInstant(
            f"{name}.{gap_start}", gap_start,
            data={
                "value": in_force.value if in_force is not None else None,
                "metadata": dict(in_force.metadata) if in_force is not None else {},
            },
        ))
        entries.extend(
            item for item in baseline
            if item.instant_str > gap_start and (gap_stop is None or item.instant_str < gap_stop)
        )
    entries.sort(key=lambda item: item.instant_str, reverse=True)
    return entries


def _new_leaf(family: ParameterNode, key: str, reform_file: ReformFile) -> Parameter:
    metadata = _family_metadata(family)
    metadata["locality"] = key
    metadata["reference"] = _file_metadata(reform_file, Segment(start="", end=None, value=None))["reference"]
    leaf = Parameter(
        f"{family.name}.{key}",
        data={"description": f"{family.description or family.name} ({key}, set by a reform file)",
              "metadata": metadata, "values": {"0001-01-01": {"value": None}}},
    )
    leaf.values_list = []
    return leaf


def _overlaid_leaf(leaf: Parameter | None, family: ParameterNode | None, key: str, change: Change,
                   reform_file: ReformFile) -> Parameter:
    original = leaf if leaf is not None else _new_leaf(family, key, reform_file)
    new = copy.copy(original)
    new.values_list = merged_values(original.values_list, change, reform_file, original.name)
    new.values_history = new
    return new


def overlay(tree: ParameterNode, reform_file: ReformFile) -> ParameterNode:
    """Return a tree with the reform file applied, sharing every unchanged node with `tree`."""
    trie: dict[str, Any] = {}
    for change in reform_file.changes:
        parts = change.path.split(".")
        level = trie
        for part in parts[:-1]:
            level = level.setdefault(part, {})
        level[parts[-1]] = change
    return _overlay_node(tree, trie, reform_file)


def _overlay_node(node: ParameterNode, trie: dict[str, Any], reform_file: ReformFile) -> ParameterNode:
    new = copy.copy(node)
    new.children = dict(node.children)
    for key, item in trie.items():
        child = node.children.get(key)
        if isinstance(item, Change):
            if child is not None and not isinstance(child, Parameter):
                raise InputError(f"{item.path!r} is a group of parameters, not one value", location=item.path)
            if child is None and not _is_locality_family(node):
                raise InputError(f"unknown parameter path {item.path!r}", location=item.path)
            replacement = _overlaid_leaf(child, node if child is None else None, key, item, reform_file)
        else:
            if not isinstance(child, ParameterNode):
                raise InputError(f"unknown parameter path {key!r}", location=key)
            replacement = _overlay_node(child, item, reform_file)
        new.children[key] = replacement
        new.__dict__[key] = replacement
    return new


def _reform_class(reform_file: ReformFile) -> type[Reform]:
    from openfisca_assistance.reforms._base import AssistanceReform

    def apply(self) -> None:
        self.parameters = overlay(self.baseline.parameters, reform_file)
        self._parameters_at_instant_cache = {}

    return type(
        _class_name(reform_file.name),
        (AssistanceReform,),
        {
            "apply": apply,
            "reform_file": reform_file,
            "name": reform_file.label,
            "__doc__": f"Parameters set by the reform file {reform_file.source}.",
            "__module__": __name__,
        },
    )


def _class_name(stem: str) -> str:
    return "file_" + re.sub(r"\W", "_", stem)


# --- Bundled and searched reform files --------------------------------------


def search_directories() -> list[Path]:
    """Return the folders searched for reform files named in YAML tests: bundled first."""
    directories = [BUNDLED_DIR]
    extra = os.environ.get(SEARCH_PATH_VARIABLE, "")
    directories.extend(Path(item) for item in extra.split(os.pathsep) if item)
    return directories


def bundled() -> dict[str, Path]:
    """Return the reform files shipped in reforms/files/, by name."""
    if not BUNDLED_DIR.is_dir():
        return {}
    return {path.stem: path for path in sorted(BUNDLED_DIR.glob("*.yaml"))}


def find(name: str) -> Path:
    """Return the reform file called `name` (without .yaml) in the search folders."""
    for directory in search_directories():
        for suffix in (".yaml", ".yml"):
            candidate = directory / f"{name}{suffix}"
            if candidate.is_file():
                return candidate
    known = ", ".join(sorted(bundled())) or "none"
    raise InputError(
        f"no reform file named {name!r}", location=name,
        fix=f"bundled reform files: {known}; add folders to {SEARCH_PATH_VARIABLE} to search more",
    )


@lru_cache(maxsize=64)
def class_for_name(name: str) -> type[Reform]:
    """Return the Reform class of the reform file `name`, for `reforms:` in YAML tests."""
    return read(find(name)).reform_class()
