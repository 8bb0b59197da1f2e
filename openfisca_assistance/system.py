"""The tax-benefit system: entities, variables and validated parameters."""

from __future__ import annotations

import datetime
import difflib
import re
from importlib import metadata

import numpy
from openfisca_core.errors import ParameterParsingError
from openfisca_core.parameters import Parameter, ParameterNode, ParameterNodeAtInstant
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from openfisca_assistance import rules, situation_examples
from openfisca_assistance.entities import entities
from openfisca_assistance.errors import MissingValue, ParameterFileError, RuleNotInForce
from openfisca_assistance.paths import PACKAGE_DIR, PARAMETERS_DIR, VARIABLES_DIR

MONEY_UNIT = "currency-CNY"
ALLOWED_CONFIDENCE = {"A", "B", "C", "inferred", "unconfirmed"}
ALLOWED_UNITS = {MONEY_UNIT, "/1", "year", "month", "bool", "str", "count", "list"}
ALLOWED_METADATA = {"unit", "period", "label", "locality", "known_until", "reference"}
ALLOWED_VALUE_METADATA = {"confidence", "reference", "note"}


class ParameterNotInForceError(RuleNotInForce, AttributeError):
    """A parameter read directly from the tree at a date it has no value.

    It is the `RuleNotInForce` that `rules.national` raises, so the programme
    is reported as not determined with the same message. It is also an
    AttributeError, so `hasattr` and `getattr(node, key, default)` still work.
    """


class StrictParameterNodeAtInstant(ParameterNodeAtInstant):
    """The parameters at one date; a missing child raises `ParameterNotInForceError`."""

    def __init__(self, name, node, instant_str) -> None:
        super().__init__(name, node, instant_str)
        self._node = node

    def __getattr__(self, key):
        if key.startswith("_"):
            raise AttributeError(key)
        raise _not_in_force(self._node, key, self._instant_str)

    def __getitem__(self, key):
        if isinstance(key, numpy.ndarray) or key in self._children:
            return super().__getitem__(key)
        raise _not_in_force(self._node, key, self._instant_str)


class StrictParameterNode(ParameterNode):
    """A parameter node whose values at a date are `StrictParameterNodeAtInstant`."""

    def _get_at_instant(self, instant):
        return StrictParameterNodeAtInstant(self.name, self, instant)


def _not_in_force(node, key: str, instant_str: str) -> ParameterNotInForceError:
    path = f"{node.name}.{key}" if node.name else str(key)
    month = str(instant_str)[:7]
    child = node.children.get(key)
    if child is None:
        return ParameterNotInForceError(
            MissingValue(
                parameter=path, locality=None, month=month,
                reason=f"parameter {path!r} does not exist in this rule set",
            ),
        )
    return rules.rule_not_in_force(child, path, month, error_class=ParameterNotInForceError)


def make_strict(node: ParameterNode) -> ParameterNode:
    """Make every node of a parameter tree raise clear errors for missing values."""
    if type(node) is ParameterNode:
        node.__class__ = StrictParameterNode
    for child in node.children.values():
        if isinstance(child, ParameterNode):
            make_strict(child)
    return node


def use_exact_money(tax_benefit_system: TaxBenefitSystem) -> None:
    """Store every money variable as float64, so amounts stay exact to the fen."""
    for variable in tax_benefit_system.variables.values():
        if variable.unit == MONEY_UNIT:
            variable.dtype = numpy.float64


def iter_parameters(node):
    """Yield every leaf parameter of a parameter node."""
    for child in node.children.values():
        if isinstance(child, Parameter):
            yield child
        else:
            yield from iter_parameters(child)


def _check_reference(reference, where: str, file_path: str) -> None:
    if not isinstance(reference, list) or not reference:
        raise ParameterFileError(
            "reference must be a non-empty list of {title, href}",
            file=file_path,
            location=where,
            value=reference,
            fix="add reference: [{title: <document and article>, href: <URL>}]",
        )
    for index, item in enumerate(reference):
        if not isinstance(item, dict) or not item.get("title") or not item.get("href"):
            raise ParameterFileError(
                "each reference needs a title and an href",
                file=file_path,
                location=f"{where}[{index}]",
                value=item,
                fix="write the reference as {title: ..., href: ...}",
            )


def validate_parameter(parameter: Parameter) -> None:
    """Check that a leaf carries the metadata every parameter must have."""
    file_path = parameter.file_path or "parameters"
    name = parameter.name
    if not parameter.description:
        raise ParameterFileError(
            "missing description",
            file=file_path,
            location=name,
            fix="add a one-sentence description of what the value is",
        )
    metadata = parameter.metadata or {}
    unit = metadata.get("unit")
    if unit not in ALLOWED_UNITS:
        raise ParameterFileError(
            "missing or unknown metadata.unit",
            file=file_path,
            location=f"{name}.metadata.unit",
            value=unit,
            fix=f"use one of {sorted(ALLOWED_UNITS)}",
        )
    _check_keys(metadata, ALLOWED_METADATA, f"{name}.metadata", file_path)
    if metadata.get("known_until") is not None:
        _check_date(metadata["known_until"], f"{name}.metadata.known_until", file_path)
    if metadata.get("period") not in (None, "month", "year"):
        raise ParameterFileError(
            "metadata.period must be month or year",
            file=file_path,
            location=f"{name}.metadata.period",
            value=metadata.get("period"),
        )
    _check_reference(metadata.get("reference"), f"{name}.metadata.reference", file_path)
    for at_instant in parameter.values_list:
        where = f"{name}.values.{at_instant.instant_str}"
        value_metadata = at_instant.metadata or {}
        _check_date(at_instant.instant_str, where, file_path)
        # OpenFisca copies the leaf's metadata into each value's metadata.
        _check_keys(value_metadata, ALLOWED_VALUE_METADATA | ALLOWED_METADATA, f"{where}.metadata", file_path)
        if at_instant.value is None:
            continue
        if isinstance(at_instant.value, float) and not numpy.isfinite(at_instant.value):
            raise ParameterFileError(
                "values must be finite numbers",
                file=file_path,
                location=where,
                value=at_instant.value,
            )
        confidence = value_metadata.get("confidence")
        if confidence not in ALLOWED_CONFIDENCE:
            raise ParameterFileError(
                "missing or unknown metadata.confidence",
                file=file_path,
                location=f"{where}.metadata.confidence",
                value=confidence,
                fix=f"use one of {sorted(ALLOWED_CONFIDENCE)}",
            )
        _check_reference(value_metadata.get("reference"), f"{where}.metadata.reference", file_path)


def _check_keys(mapping, allowed: set[str], where: str, file_path: str) -> None:
    for key in mapping:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), sorted(allowed), n=1, cutoff=0.6)
            raise ParameterFileError(
                f"unknown key {key!r}",
                file=file_path,
                location=f"{where}.{key}",
                fix=f"did you mean {close[0]!r}?" if close else f"use only {sorted(allowed)}",
            )


def _check_date(value, where: str, file_path: str) -> None:
    if isinstance(value, datetime.date):
        return
    try:
        datetime.date.fromisoformat(str(value))
    except ValueError as error:
        raise ParameterFileError(
            "invalid date",
            file=file_path,
            location=where,
            value=str(value),
            fix="write a real calendar date as YYYY-MM-DD",
        ) from error


def parsing_error(error: ParameterParsingError, directory) -> ParameterFileError:
    """Turn OpenFisca's parsing error into one naming the file, the key and a fix."""
    text = str(error).strip()
    lines = text.splitlines()
    file_match = re.search(r"file '([^']+)'", text)
    key_match = re.search(r" in '([^']+)'", text)
    message = lines[-1] if lines else "invalid parameter file"
    fix = "correct the file and key named in the message"
    unexpected = re.search(r"Unexpected property '([^']+)'.*Allowed properties are \[([^\]]*)\]", text)
    if unexpected:
        allowed = [item.strip(" '") for item in unexpected.group(2).split(",")]
        close = difflib.get_close_matches(unexpected.group(1), allowed, n=1, cutoff=0.6)
        message = f"unknown key {unexpected.group(1)!r}"
        fix = f"did you mean {close[0]!r}?" if close else f"use only {sorted(allowed)}"
    location = key_match.group(1) if key_match else None
    cause = error.__cause__ or error.__context__
    mark = getattr(cause, "problem_mark", None)
    if mark is not None:
        message = f"invalid YAML: {getattr(cause, 'problem', None) or cause}"
        location = f"line {mark.line + 1}, column {mark.column + 1}"
        fix = "correct the YAML syntax at that position"
    return ParameterFileError(
        message,
        file=file_match.group(1) if file_match else str(directory),
        location=location,
        fix=fix,
    )


def load_parameters(directory=PARAMETERS_DIR) -> ParameterNode:
    """Load and validate the parameter tree."""
    try:
        node = ParameterNode("", directory_path=str(directory))
    except ParameterParsingError as error:
        raise parsing_error(error, directory) from error
    for parameter in iter_parameters(node):
        validate_parameter(parameter)
    return make_strict(node)


class CountryTaxBenefitSystem(TaxBenefitSystem):
    """Social assistance in China: the Interim Measures baseline and local standards."""

    def __init__(self) -> None:
        super().__init__(entities)
        self.add_variables_from_directory(str(VARIABLES_DIR))
        self.parameters = load_parameters()
        use_exact_money(self)
        # Examples of the /spec of `openfisca serve`.
        self.open_api_config = situation_examples.open_api_config()

    def get_package_metadata(self) -> dict[str, str]:
        try:
            version = metadata.version("openfisca-assistance")
        except metadata.PackageNotFoundError:
            version = "0+source"
        return {
            "name": "openfisca-assistance",
            "version": version,
            "repository_url": "",
            "location": str(PACKAGE_DIR.parent),
        }

    def load_variable(self, variable_class, update=False):
        variable = super().load_variable(variable_class, update)
        if variable.unit == MONEY_UNIT:
            variable.dtype = numpy.float64
        return variable
