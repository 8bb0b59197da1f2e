"""The tax-benefit system: entities, variables and validated parameters."""

from __future__ import annotations

from importlib import metadata

import numpy
from openfisca_core.errors import ParameterParsingError
from openfisca_core.parameters import Parameter, ParameterNode
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from openfisca_assistance.entities import entities
from openfisca_assistance.errors import ParameterFileError
from openfisca_assistance.paths import PACKAGE_DIR, PARAMETERS_DIR, VARIABLES_DIR

MONEY_UNIT = "currency-CNY"
ALLOWED_CONFIDENCE = {"A", "B", "C", "inferred", "unconfirmed"}
ALLOWED_UNITS = {MONEY_UNIT, "/1", "year", "month", "bool", "str", "count", "list"}


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


def load_parameters(directory=PARAMETERS_DIR) -> ParameterNode:
    """Load and validate the parameter tree."""
    try:
        node = ParameterNode("", directory_path=str(directory))
    except ParameterParsingError as error:
        raise ParameterFileError(
            str(error).strip().splitlines()[-1] if str(error).strip() else "invalid parameter file",
            file=str(directory),
            fix="correct the file named in the message",
        ) from error
    for parameter in iter_parameters(node):
        validate_parameter(parameter)
    return node


class CountryTaxBenefitSystem(TaxBenefitSystem):
    """Social assistance in China: the Interim Measures baseline and local standards."""

    def __init__(self) -> None:
        super().__init__(entities)
        self.add_variables_from_directory(str(VARIABLES_DIR))
        self.parameters = load_parameters()
        use_exact_money(self)

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
