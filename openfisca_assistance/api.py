"""The Python API: check, check_many, compare and explain.

Every function takes a situation in the friendly format (a mapping, or a
`Situation` model) or in OpenFisca's native format (a mapping with `persons`
and `households`, or a `NativeSituation` model), or the path of a YAML or
JSON situation file. Results are pydantic models whose JSON is the JSON the
`assistance` command prints. Bad input raises a subclass of
`openfisca_assistance.errors.AssistanceError`, the same error the CLI reports.
"""

from __future__ import annotations

import datetime
import difflib
import json
import logging
import traceback
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Union

import yaml

from openfisca_assistance import comparison, engine, explanations, reforming
from openfisca_assistance import situation as situations
from openfisca_assistance.api_models import (
    BatchResult,
    CheckedRow,
    Comparison,
    Determination,
    ErrorDetail,
    Explanation,
    NativeSituation,
    RejectedRow,
)
from openfisca_assistance.errors import (
    AssistanceError,
    InputError,
    UnknownProgramError,
    UnknownVariableError,
)
from openfisca_assistance.programs import registry
from openfisca_assistance.situation import Situation

logger = logging.getLogger("openfisca_assistance.api")

SituationLike = Union[Situation, NativeSituation, Mapping[str, Any], Path]
LANGUAGES = ("en", "zh")


# Inputs -----------------------------------------------------------------------


def situation_data(situation: SituationLike) -> tuple[dict[str, Any], str | None]:
    """Return a situation as the mapping the engine reads, and the file it came from."""
    if isinstance(situation, Path):
        return situations.read_file(situation), str(situation)
    if isinstance(situation, Situation):
        return situation.model_dump(mode="json", exclude_none=True), None
    if isinstance(situation, NativeSituation):
        data = situation.model_dump(mode="json")
        for key in ("month", "description"):
            if data[key] is None:
                del data[key]
        return data, None
    if isinstance(situation, Mapping):
        return dict(situation), None
    raise InputError(
        "a situation must be a mapping, a Situation or NativeSituation model, or a file path",
        value=type(situation).__name__,
        fix="pass a dict with members (friendly format) or persons and households (OpenFisca format)",
    )


def check_native_variables(data: dict[str, Any], system, file: str | None = None) -> None:
    """Raise `UnknownVariableError` for a variable of a native situation the system does not define.

    The engine checks the values themselves; this check runs first so an
    unknown name gets its own error type, which the Web API reports with status 404.
    """
    for group in ("persons", "households"):
        entities = data.get(group)
        if not isinstance(entities, Mapping):
            continue  # engine.validate_native reports the missing or malformed group.
        for entity_id, entity in entities.items():
            if not isinstance(entity, Mapping):
                continue
            for name in entity:
                if group == "households" and name == "members":
                    continue
                if name not in system.variables:
                    close = difflib.get_close_matches(str(name), list(system.variables), n=1, cutoff=0.7)
                    fix = f"did you mean {close[0]!r}?" if close else (
                        "use a variable the engine defines; GET /variables of `openfisca serve` lists them"
                    )
                    raise UnknownVariableError(f"unknown variable {name!r}", file=file,
                                               location=f"{group}.{entity_id}.{name}", value=name, fix=fix)


def without_requests(data: dict[str, Any]) -> dict[str, Any]:
    """Return a native situation without its null values.

    In OpenFisca's Web API a null value requests a variable as an output.
    A check computes every programme anyway, so such requests are dropped
    and the same situation works with `openfisca serve` and with this API.
    """
    result = dict(data)
    for group in ("persons", "households"):
        entities = data.get(group)
        if not isinstance(entities, Mapping):
            continue
        cleaned = {}
        for entity_id, entity in entities.items():
            if not isinstance(entity, Mapping):
                cleaned[entity_id] = entity
                continue
            values = {}
            for name, value in entity.items():
                if isinstance(value, Mapping):
                    value = {period: item for period, item in value.items() if item is not None}
                    if not value:
                        continue
                elif value is None:
                    continue
                values[name] = value
            cleaned[entity_id] = values
        result[group] = cleaned
    return result


def month_text(month: str | datetime.date | None) -> str | None:
    """Return a month given as YYYY-MM text or a date as YYYY-MM text, validated."""
    if month is None:
        return None
    if isinstance(month, datetime.date):
        month = month.strftime("%Y-%m")
    return engine.check_month(month)


def _language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise InputError("unknown language", location="lang", value=lang, fix="use en or zh")
    return lang


def _names(reforms: Iterable[str] | str) -> list[str]:
    # A single name given as text would otherwise be read as its letters.
    if isinstance(reforms, str):
        return [reforms]
    names = list(reforms)
    for name in names:
        if not isinstance(name, str) or not name:
            raise InputError("a reform must be named by its name", location="reforms", value=name,
                             fix="give reform names as text; `assistance reforms` lists them")
    return names


@lru_cache(maxsize=16)
def _named_system(reforms: tuple[str, ...]):
    return reforming.build_system(list(reforms), [])


def build_system(reforms: Iterable[str] | str = (), reform_files: Iterable[str | Path] = ()):
    """Return the tax-benefit system with the reforms applied; systems without reform files are cached."""
    names = tuple(_names(reforms))
    files = [Path(path) for path in reform_files]
    try:
        if not files:
            return _named_system(names)
        return reforming.build_system(list(names), files)
    except InputError as error:
        _rename_reform_location(error)
        raise


def _rename_reform_location(error: InputError) -> None:
    # reforming names the CLI options; library and Web API callers pass reforms.
    if error.location == "--reform":
        error.location = "reforms"
    elif error.location == "--reform-file":
        error.location = "reform_files"


def reform_names(reforms: Iterable[str] | str = (), reform_files: Iterable[str | Path] = ()) -> list[str]:
    """Return the names a determination lists for the reforms applied."""
    return reforming.names(_names(reforms), [Path(path) for path in reform_files])


# check ------------------------------------------------------------------------


def check(
    situation: SituationLike,
    month: str | datetime.date | None = None,
    reforms: Iterable[str] | str = (),
    *,
    reform_files: Iterable[str | Path] = (),
    lang: str = "en",
) -> Determination:
    """Compute every programme for one household and one month.

    `month` is YYYY-MM text or a date. Without it the situation's own month
    is used, then the current month, as in `assistance check`. `reforms`
    names reforms applied over the baseline, in order, and `reform_files`
    adds parametric reform files after them.
    """
    system = build_system(reforms, reform_files)
    return _check_with(system, situation, month, reform_names(reforms, reform_files), _language(lang))


def _check_with(system, situation: SituationLike, month, names: list[str], lang: str) -> Determination:
    data, file = situation_data(situation)
    if situations.is_native(data):
        check_native_variables(data, system, file)
        data = without_requests(data)
    result = engine.check(data, month_text(month), lang=lang, file=file, system=system, reforms=names)
    return Determination.model_validate(result)


# check_many -------------------------------------------------------------------


def check_many(
    situations_in: Iterable[SituationLike] | Mapping[str, SituationLike] | Path,
    month: str | datetime.date | None = None,
    reforms: Iterable[str] | str = (),
    *,
    reform_files: Iterable[str | Path] = (),
    lang: str = "en",
) -> BatchResult:
    """Check many households; each row is either checked or rejected with its reason, none is dropped.

    The input is a list of situations, a mapping of row ids to situations,
    or the path of a JSON Lines file (one situation per line), a JSON or a
    YAML file holding such a list or mapping. A row that fails, including a
    line of broken JSON, becomes a `RejectedRow` with the error. Errors that
    concern every row, such as an unknown reform or an invalid month, raise.
    """
    system = build_system(reforms, reform_files)
    names = reform_names(reforms, reform_files)
    lang = _language(lang)
    month = month_text(month)
    checked: list[CheckedRow] = []
    rejected: list[RejectedRow] = []
    total = 0
    for index, (row_id, line, row) in enumerate(_rows(situations_in)):
        total += 1
        if isinstance(row, AssistanceError):
            rejected.append(RejectedRow(index=index, id=row_id, line=line, error=error_detail(row)))
            continue
        try:
            determination = _check_with(system, row, month, names, lang)
        except AssistanceError as error:
            rejected.append(RejectedRow(index=index, id=row_id, line=line, error=error_detail(error)))
        except Exception as error:  # noqa: BLE001 - one row's failure must not lose the other rows
            logger.error("check_many: row %d failed with an internal error: %s", index, describe_internal_error(error))
            rejected.append(RejectedRow(index=index, id=row_id, line=line, error=ErrorDetail(
                code="internal_error",
                message=f"internal error ({type(error).__name__}); the row was not checked",
                fix="report the row to the maintainers of openfisca-assistance",
            )))
        else:
            checked.append(CheckedRow(index=index, id=row_id, line=line, determination=determination))
    return BatchResult(total=total, checked=checked, rejected=rejected)


def _rows(source) -> Iterable[tuple[str | None, int | None, Any]]:
    """Yield (id, line, situation or error) for each row of a batch input."""
    if isinstance(source, Path):
        yield from _file_rows(source)
        return
    if isinstance(source, (Situation, NativeSituation)) or (isinstance(source, Mapping) and _looks_like_situation(source)):
        raise InputError("check_many takes many situations, not one", fix="pass a list of situations, or use check()")
    if isinstance(source, Mapping):
        for row_id, row in source.items():
            yield str(row_id), None, row
        return
    if isinstance(source, (str, bytes)) or not isinstance(source, Iterable):
        raise InputError("check_many takes a list or mapping of situations, or a file path",
                         value=type(source).__name__, fix="pass a list of situations, or a pathlib.Path")
    for row in source:
        yield None, None, row


def _looks_like_situation(data: Mapping) -> bool:
    return "members" in data or situations.is_native(dict(data))


def _file_rows(path: Path) -> Iterable[tuple[str | None, int | None, Any]]:
    if path.suffix.lower() != ".jsonl":
        data = _read_batch_file(path)
        yield from _rows(data)
        return
    if not path.is_file():
        raise InputError("file not found", file=str(path), fix="give the path of a JSON Lines file, one situation a line")
    with path.open(encoding="utf-8") as lines:
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            try:
                row = json.loads(text)
            except json.JSONDecodeError as error:
                yield None, number, InputError(f"invalid JSON: {error.msg}", file=str(path),
                                               location=f"line {number}, column {error.colno}",
                                               fix="correct the JSON syntax of that line")
                continue
            if not isinstance(row, dict):
                yield None, number, InputError("a situation must be a mapping", file=str(path),
                                               location=f"line {number}", value=type(row).__name__,
                                               fix="write one JSON object a line")
                continue
            yield None, number, row


def _read_batch_file(path: Path) -> Any:
    if not path.is_file():
        raise InputError("file not found", file=str(path), fix="give the path of a JSON, YAML or JSON Lines file")
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        raise InputError(f"invalid file: {error}", file=str(path), fix="correct the syntax of the file") from error
    if not isinstance(data, (list, dict)):
        raise InputError("a batch file must hold a list or a mapping of situations", file=str(path),
                         value=type(data).__name__, fix="write a list of situations, or a mapping of ids to situations")
    return data


# compare ----------------------------------------------------------------------


def compare(
    situation: SituationLike,
    month: str | datetime.date | None = None,
    reforms: Iterable[str] | str = (),
    *,
    reform_files: Iterable[str | Path] = (),
    lang: str = "en",
) -> Comparison:
    """Compare a household under the baseline and under reforms, side by side.

    Each item of `reforms` is one column: a reform name, `NAME@YYYY-MM-DD`
    to apply it from that date, or names joined by `+` to stack them. Each
    reform file is a column of its own. For every programme and every person
    of a person programme, the comparison gives each column's result, the
    difference from the baseline and the reform provisions that cause it.
    """
    lang = _language(lang)
    specs = _names(reforms)
    files = [Path(path) for path in reform_files]
    if not specs and not files:
        raise InputError("compare needs at least one reform", location="reforms",
                         fix="name a reform; `assistance reforms` lists them")
    data, file = situation_data(situation)
    if situations.is_native(data):
        check_native_variables(data, build_system(), file)
        data = without_requests(data)
    try:
        result = comparison.compare(data, month_text(month), specs=specs, reform_files=files, lang=lang, file=file)
    except InputError as error:
        _rename_reform_location(error)
        raise
    return Comparison.model_validate(result)


# explain ----------------------------------------------------------------------


def explain(
    situation: SituationLike,
    month: str | datetime.date | None = None,
    reforms: Iterable[str] | str = (),
    *,
    reform_files: Iterable[str | Path] = (),
    program: str | None = None,
    variable: str | None = None,
    depth: int | None = None,
    hide_defaults: bool = False,
    lang: str = "en",
) -> Explanation:
    """Explain each programme's result down to the articles and parameter values behind it.

    The explanation is the trace of `assistance explain --format json`:
    failed conditions first, then each variable with its value, the legal
    reference of its formula and the parameters it read. `program` keeps one
    programme, `variable` explains one variable instead of the programmes,
    `depth` limits the levels shown below each root and `hide_defaults`
    leaves out variables that kept their default value.
    """
    lang = _language(lang)
    system = build_system(reforms, reform_files)
    names = reform_names(reforms, reform_files)
    programs = registry()
    if program is not None and program not in programs:
        raise UnknownProgramError(f"unknown programme {program!r}", location="program", value=program,
                                  fix=f"use one of: {', '.join(programs)}")
    if variable is not None and variable not in system.variables:
        close = difflib.get_close_matches(variable, list(system.variables), n=1, cutoff=0.7)
        raise UnknownVariableError(f"unknown variable {variable!r}", location="variable", value=variable,
                                   fix=f"did you mean {close[0]!r}?" if close else "name a variable the engine defines")
    data, file = situation_data(situation)
    if situations.is_native(data):
        check_native_variables(data, system, file)
        data = without_requests(data)
    try:
        trace = explanations.explain(
            data, month_text(month), variable=variable, depth=depth, hide_defaults=hide_defaults,
            lang=lang, file=file, system=system, reforms=names,
        )
    except InputError as error:
        if error.location in {"--depth", "--variable"}:
            error.location = error.location.removeprefix("--")
        raise
    if program is not None:
        trace["programs"] = {program: trace["programs"][program]} if program in trace["programs"] else {}
    return Explanation.model_validate(trace)


# Errors -----------------------------------------------------------------------


def error_detail(error: AssistanceError) -> ErrorDetail:
    """Return an engine error as the model the Web API and batch results carry."""
    return ErrorDetail.model_validate(error.to_dict())


def describe_internal_error(error: BaseException) -> str:
    """Describe an unexpected exception by its type and where it was raised, without its message.

    The message of an unexpected exception can quote input values, so logs
    name only the type and the innermost frames.
    """
    frames = traceback.extract_tb(error.__traceback__)[-3:]
    where = " <- ".join(f"{Path(frame.filename).name}:{frame.lineno} {frame.name}" for frame in reversed(frames))
    return f"{type(error).__name__} at {where or 'unknown location'}"
