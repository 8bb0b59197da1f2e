"""The OpenAPI 3.1 description of `assistance serve`, generated from the pydantic models.

Request bodies use the validation schema of the situation models, and
responses use the serialization schema of the result models. The
description therefore changes with the models and is never edited by hand.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import models_json_schema

from openfisca_assistance import engine, localities
from openfisca_assistance.api_models import (
    BatchResult,
    Comparison,
    Determination,
    ErrorResponse,
    Explanation,
    NativeSituation,
)
from openfisca_assistance.programs import registry
from openfisca_assistance.situation import MonthKey, Situation
from openfisca_assistance.situation_examples import friendly_example, native_example

REF = "#/components/schemas/{model}"
MONTH_PATTERN = TypeAdapter(MonthKey).json_schema()["pattern"]

# Reform names as the Web API takes them: no reform file paths, which would name files of the server.
REFORM_PATTERN = r"^[A-Za-z0-9_]+(@[0-9]{4}-[0-9]{2}(-[0-9]{2})?)?$"
COMPARE_REFORM_PATTERN = r"^[A-Za-z0-9_]+(@[0-9]{4}-[0-9]{2}(-[0-9]{2})?)?(\+[A-Za-z0-9_]+(@[0-9]{4}-[0-9]{2}(-[0-9]{2})?)?)*$"

QUERY_PARAMETERS: dict[str, tuple[str, ...]] = {
    "/check": ("month", "reform", "lang"),
    "/check_many": ("month", "reform", "lang"),
    "/compare": ("month", "reform", "lang"),
    "/explain": ("month", "reform", "program", "variable", "depth", "hide_defaults", "lang"),
}


def _parameter(name: str, *, required: bool = False) -> dict[str, Any]:
    schemas: dict[str, tuple[str, dict[str, Any]]] = {
        "month": ("Month to check, YYYY-MM. Default: the situation's month, then the current month.",
                  {"type": "string", "pattern": MONTH_PATTERN}),
        "reform": ("Reform applied over the baseline, by name or NAME@YYYY-MM-DD; repeat to stack reforms.",
                   {"type": "array", "items": {"type": "string", "pattern": REFORM_PATTERN}}),
        "columns": ("A comparison column: a reform name, NAME@YYYY-MM-DD, or names joined by + to stack them; "
                    "repeat for more columns.",
                    {"type": "array", "items": {"type": "string", "pattern": COMPARE_REFORM_PATTERN}, "minItems": 1}),
        "lang": ("Language of labels and messages.", {"type": "string", "enum": ["en", "zh"], "default": "en"}),
        "program": ("Explain this programme only.", {"type": "string", "enum": list(registry())}),
        "variable": ("Explain this variable instead of the programmes.", {"type": "string", "minLength": 1}),
        "depth": ("Levels to show below each root of the computation trees.",
                  {"type": "integer", "minimum": 0, "maximum": 9999}),
        "hide_defaults": ("Leave out variables that kept their default value.", {"type": "boolean", "default": False}),
    }
    description, schema = schemas[name]
    query_name = "reform" if name == "columns" else name
    parameter = {"name": query_name, "in": "query", "required": required, "description": description, "schema": schema}
    if query_name == "reform":
        parameter.update(style="form", explode=True)
    return parameter


def _situation_body(schemas: dict[str, Any]) -> dict[str, Any]:
    return {
        "required": True,
        "description": "The household: a friendly situation (members) or an OpenFisca-native one (persons and households).",
        "content": {"application/json": {
            "schema": {"anyOf": [schemas["Situation"], schemas["NativeSituation"]]},
            "examples": {
                "friendly": {"summary": "A Beijing family of three, friendly format", "value": friendly_example()},
                "native": {"summary": "A single adult in Beijing, OpenFisca format", "value": native_example()},
            },
        }},
    }


def _responses(result_ref: dict[str, Any], description: str, *, not_found: bool) -> dict[str, Any]:
    error = {"application/json": {"schema": {"$ref": REF.format(model="ErrorResponse")}}}
    responses = {
        "200": {"description": description, "content": {"application/json": {"schema": result_ref}}},
        "400": {"description": "Invalid input: the error names the field path, the value and the fix.", "content": error},
        "413": {"description": "The body is too large.", "content": error},
        "500": {"description": "A fault of the engine, not of the input.", "content": error},
    }
    if not_found:
        responses["404"] = {"description": "An unknown variable or programme.", "content": error}
    return responses


def build_spec(*, max_batch_rows: int) -> dict[str, Any]:
    """Return the OpenAPI 3.1 description of the Web API."""
    refs, definitions = models_json_schema(
        [
            (Situation, "validation"),
            (NativeSituation, "validation"),
            (Determination, "serialization"),
            (BatchResult, "serialization"),
            (Comparison, "serialization"),
            (Explanation, "serialization"),
            (ErrorResponse, "serialization"),
        ],
        ref_template=REF,
    )
    schemas = {model.__name__: ref for (model, _mode), ref in refs.items()}
    components = definitions["$defs"]
    for name in ("Member",):
        _describe_localities(components.get(name, {}))
    situation = _situation_body(schemas)
    batch_body = {
        "required": True,
        "description": f"At most {max_batch_rows} situations, as a list or a mapping of row ids to situations.",
        "content": {"application/json": {"schema": {
            "anyOf": [
                {"type": "array", "items": {}, "maxItems": max_batch_rows},
                {"type": "object", "additionalProperties": {}, "maxProperties": max_batch_rows},
            ],
        }}},
    }
    paths = {
        "/check": {"post": {
            "operationId": "check",
            "summary": "Compute every programme for one household and one month.",
            "parameters": [_parameter(name) for name in QUERY_PARAMETERS["/check"]],
            "requestBody": situation,
            "responses": _responses(schemas["Determination"], "The determination.", not_found=True),
        }},
        "/check_many": {"post": {
            "operationId": "check_many",
            "summary": "Check many households; each row is either checked or rejected with its reason.",
            "parameters": [_parameter(name) for name in QUERY_PARAMETERS["/check_many"]],
            "requestBody": batch_body,
            "responses": _responses(schemas["BatchResult"], "Checked and rejected rows.", not_found=False),
        }},
        "/compare": {"post": {
            "operationId": "compare",
            "summary": "Compare one household under the baseline and each reform column, side by side.",
            "parameters": [_parameter("month"), _parameter("columns", required=True), _parameter("lang")],
            "requestBody": situation,
            "responses": _responses(schemas["Comparison"], "Each column's results, the changes and their causes.",
                                  not_found=True),
        }},
        "/explain": {"post": {
            "operationId": "explain",
            "summary": "Explain each programme's result: conditions, parameters read and the computation.",
            "parameters": [_parameter(name) for name in QUERY_PARAMETERS["/explain"]],
            "requestBody": situation,
            "responses": _responses(schemas["Explanation"], "The explanation.", not_found=True),
        }},
        "/health": {"get": {
            "operationId": "health",
            "summary": "Report that the server is up, with the engine version.",
            "responses": {"200": {"description": "The server is up.", "content": {"application/json": {"schema": {
                "type": "object", "properties": {"status": {"const": "ok"}, "version": {"type": "string"}},
                "required": ["status", "version"],
            }}}}},
        }},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "openfisca-assistance",
            "version": engine.engine_version(),
            "description": (
                "Social-assistance entitlements in China (minimum living allowance, extreme-poverty support, "
                "temporary assistance) for one household and one month, as computed by the `assistance` command."
            ),
        },
        "paths": paths,
        "components": {"schemas": components},
    }


def _describe_localities(member_schema: dict[str, Any]) -> None:
    """List the known locality keys in the member schema, so clients and generated tests can use them."""
    known = sorted(localities.registry())
    properties = member_schema.get("properties", {})
    if "hukou_locality" in properties:
        properties["hukou_locality"]["examples"] = known[:3]
        properties["hukou_locality"]["description"] = f"Locality key of the hukou place, one of: {', '.join(known)}."
