"""Explanations: the computation tree behind a check, as JSON in a versioned schema.

`explain` recomputes each programme in a simulation with OpenFisca's tracer
on (`simulation.trace = True`) and turns the tracer's call tree into nodes.
Each node is one variable for one period, with its value for each person or
household, the legal reference of its formula, and the parameter values its
formula read. Formulas read parameters through `openfisca_assistance.rules`,
which records every read on the simulation (`rules.reads_of`). Each read is
attributed to the variable whose formula was running when it happened.

For a programme the household does not get, `failed_conditions` lists the
failed conditions of the programme registry, in plain words, before the tree,
and the tree starts with the variables of those conditions.

The JSON shape is fixed by `TRACE_SCHEMA_VERSION`; `trace_json_schema()`
returns its JSON Schema. A change that removes or renames a field raises the
major version; a new optional field raises the minor version.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import numpy
import yaml
from openfisca_core.indexed_enums import EnumArray

from openfisca_assistance import engine, rules
from openfisca_assistance import situation as situations
from openfisca_assistance.errors import InputError, NotDetermined
from openfisca_assistance.money import to_decimal
from openfisca_assistance.paths import DATA_DIR
from openfisca_assistance.programs import Program, registry
from openfisca_assistance.strict_inputs import did_you_mean

TRACE_SCHEMA = "openfisca-assistance/trace"
TRACE_SCHEMA_VERSION = "1.0"
LABELS_ZH_FILE = DATA_DIR / "labels_zh.yaml"
MONEY_UNIT = "currency-CNY"


@lru_cache(maxsize=1)
def chinese_labels() -> dict[str, str]:
    """Return the Chinese label of each variable, from data/labels_zh.yaml."""
    with open(LABELS_ZH_FILE, encoding="utf-8") as file:
        labels = yaml.safe_load(file) or {}
    if not isinstance(labels, dict) or not all(isinstance(value, str) for value in labels.values()):
        raise InputError("the Chinese labels must map each variable name to a text", file=str(LABELS_ZH_FILE))
    return labels


def variable_label(variable, lang: str) -> str:
    """Return the label of a variable in `lang`, falling back to English."""
    if lang == "zh":
        return chinese_labels().get(variable.name) or variable.label or variable.name
    return variable.label or variable.name


class _AttributedReads(list):
    """The parameter reads of a simulation, each tied to the trace node that made it.

    `rules` appends every read to `rules.reads_of(simulation)`; installed as
    that list, this records which variable's formula was running.
    """

    def __init__(self, tracer) -> None:
        super().__init__()
        self.tracer = tracer
        self.by_node: dict[int, list] = {}

    def append(self, read) -> None:
        super().append(read)
        node = getattr(self.tracer, "_current_node", None)
        self.by_node.setdefault(id(node), []).append(read)


def traced_simulation(system, native: dict[str, Any], month: str, file: str | None = None):
    """Build a simulation that records its call tree and attributes parameter reads."""
    simulation = engine.build_simulation(system, native, month, file)
    simulation.trace = True
    simulation.__dict__["assistance_parameter_reads"] = _AttributedReads(simulation.tracer)
    return simulation


def format_value(variable, value: Any) -> Any:
    """Return one value of a variable as JSON: money to the fen, enums by name."""
    if isinstance(value, (numpy.bool_, bool)):
        return bool(value)
    if isinstance(value, numpy.integer):
        return int(value)
    if isinstance(value, (numpy.floating, float)):
        number = float(value)
        if math.isnan(number):
            return None
        if math.isinf(number):
            return "inf" if number > 0 else "-inf"
        if variable is not None and variable.unit == MONEY_UNIT:
            return float(to_decimal(number))
        return number
    if isinstance(value, (numpy.datetime64,)):
        return str(value)
    if isinstance(value, bytes):
        return value.decode()
    if hasattr(value, "name"):
        return value.name
    return value if isinstance(value, (str, int, type(None))) else str(value)


def _values_by_id(simulation, variable, array) -> dict[str, Any] | None:
    if array is None:
        return None
    population = simulation.populations[variable.entity.key]
    if isinstance(array, EnumArray):
        items = [item.name for item in array.decode()]
    else:
        items = list(array)
    return {str(entity_id): format_value(variable, item) for entity_id, item in zip(population.ids, items)}


def parameter_entry(read: rules.ParameterRead) -> dict[str, Any]:
    """Return a parameter read as a trace entry."""
    return {
        "path": read.path,
        "value": _json_scalar(read.value),
        "effective_from": read.effective_from,
        "confidence": read.confidence,
        "source": list(read.reference or []),
        "note": read.note,
        "locality": read.locality,
        "requested_locality": read.requested_locality,
        "known_until": read.known_until,
        "stale": read.stale,
        "stated_per": read.period_unit,
    }


def _json_scalar(value: Any) -> Any:
    if isinstance(value, (bool, int, str, type(None))):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, (numpy.generic,)):
        return value.item()
    return str(value)


def _direct_parameter_entry(system, trace_node) -> dict[str, Any]:
    """Describe a parameter a formula read from the tree directly, not through `rules`."""
    path = trace_node.name
    instant = str(trace_node.period)
    node = system.parameters
    for part in path.split("."):
        node = getattr(node, "children", {}).get(part) if node is not None else None
    entry = {
        "path": path, "value": _json_scalar(trace_node.value), "effective_from": None, "confidence": None,
        "source": [], "note": None, "locality": None, "requested_locality": None, "known_until": None,
        "stale": False, "stated_per": "month",
    }
    if node is not None and hasattr(node, "values_list"):
        metadata = node.metadata or {}
        for at_instant in node.values_list:
            if at_instant.instant_str <= instant:
                value_metadata = at_instant.metadata or {}
                entry.update(
                    effective_from=at_instant.instant_str,
                    confidence=value_metadata.get("confidence"),
                    source=value_metadata.get("reference") or metadata.get("reference") or [],
                    note=value_metadata.get("note"),
                )
                break
        entry["stated_per"] = metadata.get("period", "month")
    return entry


class _TreeBuilder:
    """Turn the tracer's nodes into trace nodes, expanding each variable once."""

    def __init__(self, simulation, native: dict[str, Any], *, depth: int | None, hide_defaults: bool, lang: str):
        self.simulation = simulation
        self.system = simulation.tax_benefit_system
        self.reads = simulation.__dict__["assistance_parameter_reads"]
        self.depth = depth
        self.hide_defaults = hide_defaults
        self.lang = lang
        self.expanded: set[tuple[str, str]] = set()
        self.given = _given_variables(native)

    def kind(self, variable) -> str:
        """Return `input` for a value the situation gives, else `formula` or `default`."""
        if variable.name in self.given:
            return "input"
        return "formula" if variable.formulas else "default"

    def build(self, trace_node, level: int = 0) -> dict[str, Any]:
        variable = self.system.get_variable(trace_node.name)
        period = str(trace_node.period)
        node: dict[str, Any] = {
            "variable": trace_node.name,
            "period": period,
            "entity": variable.entity.key,
            "label": variable_label(variable, self.lang),
            "kind": self.kind(variable),
            "unit": variable.unit,
            "value": _values_by_id(self.simulation, variable, trace_node.value),
        }
        key = (trace_node.name, period)
        if key in self.expanded:
            node["repeated"] = True
            return node
        self.expanded.add(key)
        if node["kind"] == "formula":
            node["reference"] = list(variable.reference or [])
            if variable.documentation:
                node["documentation"] = " ".join(variable.documentation.split())
        node["parameters"] = self.parameters_of(trace_node)
        children = []
        seen_here = set()
        for child in trace_node.children:
            # A formula that reads the same variable twice shows it once.
            child_key = (child.name, str(child.period))
            if child_key in seen_here or self.hidden(child):
                continue
            seen_here.add(child_key)
            children.append(child)
        if self.depth is not None and level >= self.depth:
            if children:
                node["children_omitted"] = len(children)
            node["children"] = []
        else:
            node["children"] = [self.build(child, level + 1) for child in children]
        return node

    def hidden(self, trace_node) -> bool:
        if not self.hide_defaults:
            return False
        variable = self.system.get_variable(trace_node.name)
        return self.kind(variable) == "default"

    def parameters_of(self, trace_node) -> list[dict[str, Any]]:
        entries = []
        seen = set()
        for read in self.reads.by_node.get(id(trace_node), []):
            key = (read.path, read.effective_from, read.requested_locality)
            if key in seen:
                continue
            seen.add(key)
            entries.append(parameter_entry(read))
        for access in trace_node.parameters:
            entries.append(_direct_parameter_entry(self.system, access))
        return entries


def _given_variables(native: dict[str, Any]) -> set[str]:
    names = set()
    for group in ("persons", "households"):
        for values in (native.get(group) or {}).values():
            names.update(name for name in (values or {}) if name != "members")
    return names


def _failed_conditions(program: Program, entry: dict[str, Any]) -> list[dict[str, Any]]:
    by_code = {condition.code: condition.variable for condition in program.conditions}
    failed = []
    if entry.get("status") != "eligible":
        for reason in entry.get("reasons", []):
            if reason["code"] in by_code:
                failed.append({**reason, "variable": by_code[reason["code"]], "person": None})
    for person_id, person in (entry.get("persons") or {}).items():
        if person.get("status") in (None, "eligible"):
            continue
        for reason in person.get("reasons", []):
            if reason["code"] in by_code:
                failed.append({**reason, "variable": by_code[reason["code"]], "person": person_id})
    return failed


def _calculate_roots(simulation, names: list[str], month: str) -> list[dict[str, Any]]:
    """Calculate each root variable; return what could not be determined."""
    missing = []
    seen = set()
    for name in names:
        try:
            simulation.calculate(name, month)
        except NotDetermined as error:
            key = (error.missing.parameter, error.missing.reason)
            if key not in seen:
                seen.add(key)
                missing.append({"variable": name, "code": error.code, **error.missing.to_dict()})
    return missing


def _program_roots(program: Program, failed: list[dict[str, Any]]) -> list[str]:
    names = [condition["variable"] for condition in failed]
    names += [program.eligible, *program.amount]
    return list(dict.fromkeys(names))


def explain_program(system, native, month: str, program: Program, entry: dict[str, Any], *,
                    depth: int | None = None, hide_defaults: bool = False, lang: str = "en",
                    file: str | None = None) -> dict[str, Any]:
    """Return the explanation of one programme, given its entry from `engine.check`."""
    failed = _failed_conditions(program, entry)
    simulation = traced_simulation(system, native, month, file)
    not_determined = _calculate_roots(simulation, _program_roots(program, failed), month)
    builder = _TreeBuilder(simulation, native, depth=depth, hide_defaults=hide_defaults, lang=lang)
    return {
        "label": program.label.get(lang),
        "status": entry.get("status"),
        "eligible": entry.get("eligible"),
        "amount": entry.get("amount"),
        "unit": program.unit,
        "period": program.period,
        "failed_conditions": failed,
        "not_determined": not_determined,
        "missing": entry.get("missing", []),
        "legal_basis": [basis.model_dump() for basis in program.legal_basis],
        "trees": [builder.build(tree) for tree in simulation.tracer.trees],
    }


def explain_variable(system, native, month: str, name: str, *, depth: int | None = None,
                     hide_defaults: bool = False, lang: str = "en", file: str | None = None) -> dict[str, Any]:
    """Return the explanation of one variable: its tree and what could not be determined."""
    simulation = traced_simulation(system, native, month, file)
    not_determined = _calculate_roots(simulation, [name], month)
    builder = _TreeBuilder(simulation, native, depth=depth, hide_defaults=hide_defaults, lang=lang)
    return {
        "variable": name,
        "not_determined": not_determined,
        "trees": [builder.build(tree) for tree in simulation.tracer.trees],
    }


def check_variable_name(system, name: str) -> None:
    """Raise InputError unless the system defines variable `name`."""
    if name not in system.variables:
        raise InputError(
            f"unknown variable {name!r}", location="--variable", value=name,
            fix=did_you_mean(name, system.variables, what="variables"),
        )


def native_situation(data: dict[str, Any], month: str, file: str | None = None) -> dict[str, Any]:
    """Return the validated OpenFisca situation of a friendly or native situation."""
    if situations.is_native(data):
        return engine.validate_native(data, file)
    return situations.to_native(situations.parse(data, file), month, file)


def explain(
    data: dict[str, Any],
    month: str | None = None,
    *,
    variable: str | None = None,
    depth: int | None = None,
    hide_defaults: bool = False,
    lang: str = "en",
    file: str | None = None,
    system=None,
    reforms: list[str] | None = None,
    result: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Explain a check: every programme's computation tree, or one variable's.

    `result` is the output of `engine.check` for the same input, when the
    caller already has it. Raises the same `AssistanceError`s as `engine.check`.
    """
    if depth is not None and depth < 0:
        raise InputError("depth must be 0 or more", location="--depth", value=depth,
                         fix="give the number of levels to show below each root, such as 2")
    system = system or engine.baseline_system()
    if variable is not None:
        check_variable_name(system, variable)
    if result is None:
        result = engine.check(data, month, lang=lang, file=file, system=system, reforms=reforms)
    month = result["month"]
    native = native_situation(data, month, file)
    trace: dict[str, Any] = {
        "schema": TRACE_SCHEMA,
        "schema_version": TRACE_SCHEMA_VERSION,
        "engine": result["engine"],
        "month": month,
        "reforms": list(result.get("reforms", [])),
        "lang": lang,
        "options": {"variable": variable, "depth": depth, "hide_defaults": hide_defaults},
        "programs": {},
    }
    if variable is not None:
        trace["variable"] = explain_variable(
            system, native, month, variable, depth=depth, hide_defaults=hide_defaults, lang=lang, file=file,
        )
        return trace
    for program_id, program in registry().items():
        entry = result["programs"].get(program_id)
        if entry is None:
            continue
        trace["programs"][program_id] = explain_program(
            system, native, month, program, entry, depth=depth, hide_defaults=hide_defaults, lang=lang, file=file,
        )
    return trace


def iter_nodes(trace: dict[str, Any]):
    """Yield every node of a trace, depth first."""
    def walk(node):
        yield node
        for child in node.get("children", []):
            yield from walk(child)

    sections = list(trace.get("programs", {}).values())
    if trace.get("variable"):
        sections.append(trace["variable"])
    for section in sections:
        for tree in section["trees"]:
            yield from walk(tree)


def trace_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the trace format, version `TRACE_SCHEMA_VERSION`."""
    scalar = {"type": ["number", "string", "boolean", "null"]}
    source = {
        "type": "object",
        "required": ["title", "href"],
        "properties": {"title": {"type": "string"}, "href": {"type": "string"}},
    }
    parameter = {
        "type": "object",
        "required": ["path", "value", "effective_from", "confidence", "source"],
        "properties": {
            "path": {"type": "string"},
            "value": scalar,
            "effective_from": {"type": ["string", "null"], "description": "Date the value took effect."},
            "confidence": {"enum": ["A", "B", "C", "inferred", "unconfirmed", None]},
            "source": {"type": "array", "items": source},
            "note": {"type": ["string", "null"]},
            "locality": {"type": ["string", "null"]},
            "requested_locality": {"type": ["string", "null"]},
            "known_until": {"type": ["string", "null"]},
            "stale": {"type": "boolean"},
            "stated_per": {"enum": ["month", "year"]},
        },
    }
    node = {
        "type": "object",
        "required": ["variable", "period", "entity", "label", "kind", "value"],
        "properties": {
            "variable": {"type": "string"},
            "period": {"type": "string"},
            "entity": {"enum": ["person", "household"]},
            "label": {"type": "string"},
            "kind": {"enum": ["formula", "input", "default"]},
            "unit": {"type": ["string", "null"]},
            "value": {"type": ["object", "null"], "additionalProperties": scalar,
                      "description": "Value by person or household id; null when not determined."},
            "reference": {"type": "array", "items": {"type": "string"}},
            "documentation": {"type": "string"},
            "repeated": {"const": True, "description": "Computed earlier in the trace; shown there in full."},
            "parameters": {"type": "array", "items": {"$ref": "#/$defs/parameter"}},
            "children": {"type": "array", "items": {"$ref": "#/$defs/node"}},
            "children_omitted": {"type": "integer", "minimum": 1},
        },
    }
    undetermined = {
        "type": "object",
        "required": ["variable", "code", "parameter", "reason"],
        "properties": {"variable": {"type": "string"}, "code": {"type": "string"}, "parameter": {"type": "string"},
                       "locality": {"type": ["string", "null"]}, "month": {"type": "string"},
                       "reason": {"type": "string"}},
    }
    failed = {
        "type": "object",
        "required": ["code", "message", "variable", "person"],
        "properties": {"code": {"type": "string"}, "message": {"type": "string"}, "variable": {"type": "string"},
                       "person": {"type": ["string", "null"]}},
    }
    program = {
        "type": "object",
        "required": ["label", "status", "failed_conditions", "legal_basis", "trees"],
        "properties": {
            "label": {"type": "string"},
            "status": {"enum": ["eligible", "not_eligible", "not_determined"]},
            "eligible": {"type": ["boolean", "null"]},
            "amount": {"type": ["number", "null"]},
            "failed_conditions": {"type": "array", "items": {"$ref": "#/$defs/failed_condition"}},
            "not_determined": {"type": "array", "items": {"$ref": "#/$defs/not_determined"}},
            "legal_basis": {"type": "array", "items": {
                "type": "object", "required": ["document", "article", "url"],
            }},
            "trees": {"type": "array", "items": {"$ref": "#/$defs/node"}},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"openfisca-assistance trace {TRACE_SCHEMA_VERSION}",
        "type": "object",
        "required": ["schema", "schema_version", "engine", "month", "reforms", "programs"],
        "properties": {
            "schema": {"const": TRACE_SCHEMA},
            "schema_version": {"const": TRACE_SCHEMA_VERSION},
            "engine": {"type": "object", "required": ["name", "version"]},
            "month": {"type": "string", "pattern": r"^\d{4}-\d{2}$"},
            "reforms": {"type": "array", "items": {"type": "string"}},
            "lang": {"enum": ["en", "zh"]},
            "programs": {"type": "object", "additionalProperties": {"$ref": "#/$defs/program"}},
            "variable": {
                "type": "object", "required": ["variable", "trees"],
                "properties": {"variable": {"type": "string"},
                               "not_determined": {"type": "array", "items": {"$ref": "#/$defs/not_determined"}},
                               "trees": {"type": "array", "items": {"$ref": "#/$defs/node"}}},
            },
        },
        "$defs": {"node": node, "parameter": parameter, "program": program, "failed_condition": failed,
                  "not_determined": undetermined},
    }


# Text rendering --------------------------------------------------------------

WORDS = {
    "en": {
        "eligible": "eligible", "not_eligible": "not eligible", "not_determined": "not determined",
        "why": "why not", "basis": "legal basis", "rule": "rule", "parameter": "parameter",
        "from": "from", "confidence": "confidence", "repeated": "(shown above)", "omitted": "more below, use --depth",
        "undetermined": "not determined", "true": "true", "false": "false", "schema": "trace schema",
        "month": "month", "person": "person", "stale": "not confirmed after",
        "input": "given", "default": "default",
    },
    "zh": {
        "eligible": "符合条件", "not_eligible": "不符合条件", "not_determined": "无法确定",
        "why": "不符合的条件", "basis": "法律依据", "rule": "依据", "parameter": "参数",
        "from": "自", "confidence": "可信度", "repeated": "（见上文）", "omitted": "项未展开，可用 --depth",
        "undetermined": "无法确定", "true": "是", "false": "否", "schema": "追溯格式",
        "month": "月份", "person": "人员", "stale": "确认至",
        "input": "已填报", "default": "默认值",
    },
}


def _text_value(value: Any, unit: str | None, words: dict[str, str]) -> str:
    if isinstance(value, bool):
        return words["true" if value else "false"]
    if isinstance(value, float) and unit == MONEY_UNIT:
        return f"{value:,.2f}"
    if value is None:
        return "-"
    return str(value)


def _text_values(node: dict[str, Any], words: dict[str, str]) -> str:
    values = node.get("value")
    if values is None:
        return words["undetermined"]
    if len(values) == 1:
        return _text_value(next(iter(values.values())), node.get("unit"), words)
    return ", ".join(f"{key}: {_text_value(value, node.get('unit'), words)}" for key, value in values.items())


def _render_parameter(entry: dict[str, Any], words: dict[str, str]) -> str:
    source = entry["source"][0]["title"] if entry.get("source") else ""
    text = (
        f"{words['parameter']} {entry['path']} = {_text_value(entry['value'], None, words)} "
        f"({words['from']} {entry['effective_from']}, {words['confidence']} {entry['confidence']}"
    )
    if entry.get("stale"):
        text += f"; {words['stale']} {entry['known_until']}"
    return text + (f"; {source})" if source else ")")


def _render_node(node: dict[str, Any], indent: int, words: dict[str, str], lines: list[str]) -> None:
    pad = "  " * indent
    line = f"{pad}- {node['variable']} = {_text_values(node, words)}  [{node['label']}]"
    if node["kind"] != "formula":
        line += f" ({words[node['kind']]})"
    if node.get("repeated"):
        lines.append(f"{line} {words['repeated']}")
        return
    lines.append(line)
    if node.get("reference"):
        lines.append(f"{pad}    {words['rule']}: {'; '.join(node['reference'])}")
    for entry in node.get("parameters", []):
        lines.append(f"{pad}    {_render_parameter(entry, words)}")
    for child in node.get("children", []):
        _render_node(child, indent + 1, words, lines)
    if node.get("children_omitted"):
        lines.append(f"{pad}    … {node['children_omitted']} {words['omitted']}")


def _render_section(section: dict[str, Any], words: dict[str, str], lines: list[str]) -> None:
    for item in section.get("not_determined", []):
        lines.append(f"   {words['undetermined']}: {item['reason']}")
    for tree in section["trees"]:
        _render_node(tree, 1, words, lines)


def render_text(trace: dict[str, Any]) -> str:
    """Render a trace as the indented tree `assistance explain` prints."""
    lang = trace.get("lang", "en")
    words = WORDS["zh" if lang == "zh" else "en"]
    lines = [
        f"{trace['engine']['name']} {trace['engine']['version']}  {words['month']} {trace['month']}  "
        f"({words['schema']} {trace['schema_version']})",
    ]
    if trace.get("reforms"):
        lines.append(f"reforms: {', '.join(trace['reforms'])}")
    if trace.get("variable"):
        lines.append("")
        _render_section(trace["variable"], words, lines)
        return "\n".join(lines)
    for program_id, section in trace["programs"].items():
        lines.append("")
        status = words.get(section["status"], section["status"])
        amount = f", {section['amount']:,.2f} {section['unit']}" if section.get("amount") else ""
        lines.append(f"== {section['label']} [{program_id}]: {status}{amount}")
        for condition in section["failed_conditions"]:
            who = f"{words['person']} {condition['person']}: " if condition.get("person") else ""
            lines.append(f"   {words['why']}: {who}{condition['message']}")
        basis = "; ".join(f"{item['document']} {item['article']}" for item in section["legal_basis"])
        lines.append(f"   {words['basis']}: {basis}")
        _render_section(section, words, lines)
    return "\n".join(lines)


__all__ = [
    "TRACE_SCHEMA",
    "TRACE_SCHEMA_VERSION",
    "explain",
    "render_text",
    "trace_json_schema",
]
