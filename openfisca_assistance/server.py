"""The Web API of `assistance serve`: check, check_many, compare and explain over HTTP.

Each POST endpoint takes a situation as its JSON body, friendly or native,
and its options as query parameters (`?month=2023-07&reform=NAME`). Responses
are the JSON of the library's pydantic models. Bad input gets 400 with the
field path and the fix, an unknown variable or programme 404; only a fault
of the engine itself gets 500. The OpenAPI 3.1 description is generated from
the same models and served at /openapi.json.

The log records each request's method, path, status, duration and request
id, and each error's code and field path with person and household ids
masked. Bodies, values and messages, which can hold personal data, are never
logged.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from typing import Any

from flask import Flask, Response, g, request
from werkzeug.exceptions import HTTPException

from openfisca_assistance import api, engine
from openfisca_assistance.api_models import ErrorDetail, ErrorResponse
from openfisca_assistance.errors import AssistanceError, InputError, UnknownProgramError, UnknownVariableError
from openfisca_assistance.openapi import COMPARE_REFORM_PATTERN, QUERY_PARAMETERS, REFORM_PATTERN, build_spec

logger = logging.getLogger("openfisca_assistance.server")

DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024
# About 0.1 s a row was measured on a 2-core machine, so 200 rows finish well
# inside the default 120 s worker timeout. Larger batches go through the library.
DEFAULT_MAX_BATCH_ROWS = 200
NOT_FOUND_ERRORS = (UnknownVariableError, UnknownProgramError)
REFORM = re.compile(REFORM_PATTERN)
COMPARE_REFORM = re.compile(COMPARE_REFORM_PATTERN)
PERIOD = re.compile(r"ETERNITY|eternity|\d{4}(-\d{2}(-\d{2})?)?|(month|year|day):[0-9:-]+")


class RequestError(Exception):
    """An error of the HTTP request itself (body or query), with the status to respond with."""

    def __init__(self, status: int, detail: ErrorDetail) -> None:
        super().__init__(detail.message)
        self.status = status
        self.detail = detail


def masked_location(location: str | None) -> str | None:
    """Return a field path for the log, with person and household ids replaced by *.

    An id may itself contain dots, so the path keeps, after `persons.` or
    `households.`, only the trailing parts that are variable names, `members`
    or periods, and replaces everything before them by one *.
    """
    if location is None:
        return None
    group, _, rest = location.partition(".")
    if group not in {"persons", "households"} or not rest:
        return location
    parts = rest.split(".")
    variables = api.build_system().variables
    kept: list[str] = []
    while len(parts) > 1 and (parts[-1] in variables or parts[-1] == "members" or PERIOD.fullmatch(parts[-1])):
        kept.insert(0, parts.pop())
    return ".".join([group, "*", *kept])


def create_app(*, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES, max_batch_rows: int = DEFAULT_MAX_BATCH_ROWS) -> Flask:
    """Create the Flask application; the baseline rules load here, before the first request."""
    app = Flask("openfisca_assistance")
    app.config["MAX_CONTENT_LENGTH"] = max_body_bytes
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    api.build_system()
    spec = build_spec(max_batch_rows=max_batch_rows)

    @app.before_request
    def start_timer() -> None:
        g.started = time.perf_counter()
        g.request_id = request.headers.get("X-Request-Id", "")[:64] or uuid.uuid4().hex[:16]
        if not re.fullmatch(r"[A-Za-z0-9._-]+", g.request_id):
            g.request_id = uuid.uuid4().hex[:16]

    @app.after_request
    def log_request(response: Response) -> Response:
        response.headers["X-Request-Id"] = g.get("request_id", "")
        elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        logger.info("%s %s %d %.1f ms request_id=%s", request.method, request.path, response.status_code,
                    elapsed, g.get("request_id", ""))
        return response

    @app.get("/")
    def index():
        return {
            "name": "openfisca-assistance",
            "version": engine.engine_version(),
            "openapi": "/openapi.json",
            "endpoints": ["/check", "/check_many", "/compare", "/explain"],
        }

    @app.get("/health")
    def health():
        return {"status": "ok", "version": engine.engine_version()}

    @app.get("/openapi.json")
    def openapi():
        return spec

    @app.post("/check")
    def check():
        options = _query("/check")
        determination = api.check(_situation_body(), options["month"], options["reform"], lang=options["lang"])
        return _model_response(determination, exclude_unset=True)

    @app.post("/check_many")
    def check_many():
        options = _query("/check_many")
        rows = _json_body()
        if not isinstance(rows, (list, dict)):
            raise RequestError(400, ErrorDetail(
                code="invalid_input", message="the body must be a list of situations or a mapping of ids to situations",
                location="body", value=type(rows).__name__, fix="send a JSON array of situations",
            ))
        if len(rows) > max_batch_rows:
            raise RequestError(400, ErrorDetail(
                code="too_many_rows", message=f"a request may hold at most {max_batch_rows} situations",
                location="body", value=len(rows), fix="split the batch into several requests",
            ))
        result = api.check_many(rows if isinstance(rows, list) else dict(rows), options["month"], options["reform"],
                                lang=options["lang"])
        for row in result.rejected:
            logger.info("check_many row %d rejected: %s at %s request_id=%s", row.index, row.error.code,
                        masked_location(row.error.location), g.request_id)
        return _model_response(result, exclude_unset=True)

    @app.post("/compare")
    def compare():
        options = _query("/compare")
        comparison = api.compare(_situation_body(), options["month"], options["reform"], lang=options["lang"])
        return _model_response(comparison, exclude_unset=True)

    @app.post("/explain")
    def explain():
        options = _query("/explain")
        explanation = api.explain(
            _situation_body(), options["month"], options["reform"], program=options["program"],
            variable=options["variable"], depth=options["depth"], hide_defaults=options["hide_defaults"],
            lang=options["lang"],
        )
        return _model_response(explanation, exclude_unset=True)

    @app.errorhandler(AssistanceError)
    def assistance_error(error: AssistanceError):
        status = 404 if isinstance(error, NOT_FOUND_ERRORS) else 400
        return _error_response(status, api.error_detail(error))

    @app.errorhandler(RequestError)
    def request_error(error: RequestError):
        return _error_response(error.status, error.detail)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        fixes = {
            404: "use one of the paths listed at /openapi.json",
            405: "use the method /openapi.json gives for this path",
            413: f"send a body of at most {max_body_bytes} bytes",
        }
        return _error_response(error.code or 500, ErrorDetail(
            code=(error.name or "http_error").lower().replace(" ", "_"),
            message=(error.name or "HTTP error").lower(),
            fix=fixes.get(error.code),
        ))

    @app.errorhandler(Exception)
    def internal_error(error: Exception):
        logger.error("internal error on %s %s: %s request_id=%s", request.method, request.path,
                     api.describe_internal_error(error), g.get("request_id", ""))
        return _error_response(500, ErrorDetail(
            code="internal_error", message="internal error: the engine failed on this request",
            fix=f"report the request id {g.get('request_id', '')} to the maintainers",
        ))

    return app


def _error_response(status: int, detail: ErrorDetail):
    if status < 500:
        logger.info("%s %s error %d %s at %s request_id=%s", request.method, request.path, status, detail.code,
                    masked_location(detail.location), g.get("request_id", ""))
    body = ErrorResponse(error=detail, request_id=g.get("request_id") or None)
    return Response(body.model_dump_json(), status=status, mimetype="application/json")


def _model_response(model, *, exclude_unset: bool):
    text = model.model_dump_json(exclude_unset=exclude_unset, by_alias=True)
    return Response(text, status=200, mimetype="application/json")


def _json_body() -> Any:
    raw = request.get_data(cache=False)
    if not raw.strip():
        raise RequestError(400, ErrorDetail(
            code="invalid_input", message="the request has no body", location="body",
            fix="send the situation as a JSON object with Content-Type: application/json",
        ))
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        raise RequestError(400, ErrorDetail(
            code="invalid_input", message="the body is not UTF-8 text", location="body",
            fix="encode the JSON body as UTF-8",
        )) from None
    except json.JSONDecodeError as error:
        raise RequestError(400, ErrorDetail(
            code="invalid_input", message=f"invalid JSON: {error.msg}",
            location=f"body, line {error.lineno}, column {error.colno}", fix="correct the JSON syntax at that position",
        )) from None


def _situation_body() -> dict[str, Any]:
    data = _json_body()
    if not isinstance(data, dict):
        raise RequestError(400, ErrorDetail(
            code="invalid_input", message="a situation must be a JSON object", location="body",
            value=type(data).__name__,
            fix="send members: [...] (friendly format) or persons and households (OpenFisca format)",
        ))
    return data


def _query(path: str) -> dict[str, Any]:
    """Read and validate the query parameters an endpoint takes; reject any other."""
    allowed = QUERY_PARAMETERS[path]
    for name in request.args:
        if name not in allowed:
            raise InputError(f"unknown query parameter {name!r}", location=f"query.{name}", value=name,
                             fix=f"use only: {', '.join(allowed)}")
    options: dict[str, Any] = {
        "month": _single("month"),
        "reform": _reforms(path),
        "lang": _single("lang"),
        "program": _single("program"),
        "variable": _single("variable"),
        "depth": None,
        "hide_defaults": False,
    }
    if options["lang"] is None:
        options["lang"] = "en"
    depth = _single("depth")
    if depth is not None:
        if not re.fullmatch(r"[0-9]{1,4}", depth):
            raise InputError("depth must be a whole number from 0 to 9999", location="query.depth", value=depth,
                             fix="give the number of levels to show below each root, such as depth=2")
        options["depth"] = int(depth)
    for flag in ("hide_defaults",):
        text = _single(flag)
        if text is not None:
            if text not in {"true", "false"}:
                raise InputError(f"{flag} must be true or false", location=f"query.{flag}", value=text,
                                 fix=f"give {flag}=true or {flag}=false")
            options[flag] = text == "true"
    return options


def _reforms(path: str) -> list[str]:
    """Return the reform query values; a reform file path is rejected, since it would name a file of the server."""
    pattern = COMPARE_REFORM if path == "/compare" else REFORM
    values = request.args.getlist("reform")
    for value in values:
        if not pattern.fullmatch(value):
            raise InputError("invalid reform name", location="query.reform", value=value,
                             fix="give a reform name such as social_assistance_law_2026, optionally with @YYYY-MM-DD"
                             + (", or names joined by +" if path == "/compare" else ""))
    return values


def _single(name: str) -> str | None:
    values = request.args.getlist(name)
    if len(values) > 1:
        raise InputError(f"query parameter {name} is given {len(values)} times", location=f"query.{name}",
                         value=values, fix=f"give {name} once")
    return values[0] if values else None
