"""Determination records: what was checked, with which rules, and the result.

`assistance check FILE --record RECORD` writes a record; `assistance verify
RECORD` recomputes it with the rules installed now and lists each difference.
A record holds:

- the validated input: the situation as given and the OpenFisca situation the
  engine computed from it;
- the engine version (and OpenFisca's), a SHA-256 fingerprint of the whole
  parameter tree (every value, date, source and confidence), the reforms and
  reform files (with their content and its SHA-256), and the month;
- the outputs (the JSON of `check --format json`) and their explanations
  (the trace of `explain --format json`);
- a SHA-256 checksum of all of the above, so an edited record is detected.

A record contains personal data, so it is written readable by its owner
only, and nothing from the situation, the outputs or the explanations goes
to the log: log lines name only the record file, the month and fingerprints.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import math
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

from openfisca_assistance import engine, explanations, reforming
from openfisca_assistance import situation as situations
from openfisca_assistance.errors import InputError
from openfisca_assistance.system import iter_parameters

logger = logging.getLogger(__name__)

RECORD_SCHEMA = "openfisca-assistance/determination-record"
RECORD_SCHEMA_VERSION = "1.0"
RECORD_MODE = 0o600
# Fields whose change is not a difference in the determination.
NOT_COMPARED = {"created_at", "checksum"}


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def _sha256(text: str | bytes) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _plain(value: Any) -> Any:
    """Return `value` as it reads back from JSON (tuples become lists, dates text)."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def parameter_entries(system) -> dict[str, Any]:
    """Return every parameter leaf with its metadata and dated values, by path."""
    entries = {}
    for parameter in iter_parameters(system.parameters):
        entries[parameter.name] = {
            "metadata": parameter.metadata or {},
            "values": [
                [at_instant.instant_str, at_instant.value, at_instant.metadata or {}]
                for at_instant in parameter.values_list
            ],
        }
    return entries


def parameter_fingerprint(system) -> str:
    """Return the SHA-256 of the parameter tree: every value, date, source and confidence."""
    return _sha256(_canonical(parameter_entries(system)))


def _openfisca_version() -> str:
    try:
        return metadata.version("openfisca-core")
    except metadata.PackageNotFoundError:
        return "unknown"


def _reform_file_entry(path: Path) -> dict[str, Any]:
    try:
        content = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise InputError("cannot read the reform file", file=str(path), location="--reform-file",
                         fix="give the path of a readable reform file") from error
    # The absolute path keeps the record verifiable from another folder.
    return {"path": str(Path(path).resolve()), "name": Path(path).name, "sha256": _sha256(content), "content": content}


def build(
    *,
    data: dict[str, Any],
    result: dict[str, Any],
    reforms: list[str],
    reform_files: list[Path],
    system=None,
    file: str | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """Return the determination record of a check that gave `result` in language `lang`."""
    system = system or reforming.build_system(reforms, reform_files)
    month = result["month"]
    native = explanations.native_situation(data, month, file)
    explanation = explanations.explain(data, month, lang=lang, file=file, system=system,
                                       reforms=result.get("reforms"), result=result)
    record = {
        "schema": RECORD_SCHEMA,
        "schema_version": RECORD_SCHEMA_VERSION,
        "created_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "engine": {**result["engine"], "openfisca_core": _openfisca_version()},
        "parameters_fingerprint": parameter_fingerprint(system),
        "reforms": list(reforms),
        "reform_files": [_reform_file_entry(path) for path in reform_files],
        "month": month,
        "lang": lang,
        "input": {
            "format": "native" if situations.is_native(data) else "friendly",
            "situation": _plain(data),
            "openfisca_situation": _plain(native),
        },
        "outputs": _plain(result),
        "explanations": _plain(explanation),
    }
    record["checksum"] = checksum(record)
    return record


def checksum(record: dict[str, Any]) -> str:
    """Return the SHA-256 of a record's content, without its checksum."""
    return _sha256(_canonical({key: value for key, value in record.items() if key != "checksum"}))


def write(
    path: Path,
    *,
    data: dict[str, Any],
    result: dict[str, Any],
    reforms: list[str],
    reform_files: list[Path],
    system=None,
    file: str | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """Write the determination record of a check to `path`, readable by its owner only.

    `lang` is the language `result` was computed in; `verify` recomputes in it.
    """
    record = build(data=data, result=result, reforms=reforms, reform_files=reform_files, system=system,
                   file=file, lang=lang)
    text = json.dumps(record, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    path = Path(path)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, RECORD_MODE)
        with os.fdopen(descriptor, "w", encoding="utf-8") as output:
            output.write(text)
        os.chmod(path, RECORD_MODE)
    except OSError as error:
        raise InputError(f"cannot write the record: {error.strerror}", file=str(path), location="--record",
                         fix="give a path in a folder you can write to") from error
    logger.info("wrote determination record %s (month %s, parameters %s)",
                path, record["month"], record["parameters_fingerprint"][:19])
    return record


def read(path: Path) -> dict[str, Any]:
    """Read a determination record, or raise InputError."""
    path = Path(path)
    if not path.is_file():
        raise InputError("file not found", file=str(path), fix="give the path of a record written by check --record")
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise InputError(f"invalid JSON: {error.msg}", file=str(path),
                         location=f"line {error.lineno}, column {error.colno}",
                         fix="give a record written by check --record, unedited") from error
    except UnicodeDecodeError as error:
        raise InputError("the record is not UTF-8 text", file=str(path),
                         fix="give a record written by check --record") from error
    if not isinstance(record, dict) or record.get("schema") != RECORD_SCHEMA:
        raise InputError("not a determination record", file=str(path), location="schema",
                         value=record.get("schema") if isinstance(record, dict) else type(record).__name__,
                         fix="give a record written by check --record")
    version = str(record.get("schema_version", ""))
    if version.split(".")[0] != RECORD_SCHEMA_VERSION.split(".")[0]:
        raise InputError("unsupported record version", file=str(path), location="schema_version", value=version,
                         fix=f"this engine reads record version {RECORD_SCHEMA_VERSION}")
    for key in ("month", "input", "outputs", "explanations", "reforms", "reform_files", "parameters_fingerprint"):
        if key not in record:
            raise InputError(f"the record has no {key}", file=str(path), location=key,
                             fix="give a record written by check --record, unedited")
    return record


def _reform_paths(record: dict[str, Any], workdir: Path) -> tuple[list[Path], dict[str, str], list[str]]:
    """Return paths with the recorded content of each reform file.

    A reform file that moved or changed since the record is written again from
    the record into `workdir`. The second value maps each such copy's path to
    the recorded path; the third lists a note for each.
    """
    paths: list[Path] = []
    copies: dict[str, str] = {}
    notes: list[str] = []
    for entry in record["reform_files"]:
        original = Path(entry["path"])
        try:
            current = original.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current is not None and _sha256(current) == entry["sha256"]:
            paths.append(original)
            continue
        copy = workdir / str(len(paths)) / entry["name"]
        copy.parent.mkdir(parents=True)
        copy.write_text(entry["content"], encoding="utf-8")
        paths.append(copy)
        copies[str(copy)] = str(original)
        state = "is missing" if current is None else "has changed"
        notes.append(f"reform file {original} {state} since the record; the recorded content was used")
    return paths, copies, notes


def _restore_paths(value: Any, copies: dict[str, str]) -> Any:
    """Return `value` with each copy's path replaced by the recorded path."""
    if not copies:
        return value
    text = json.dumps(value, ensure_ascii=False)
    for copy, original in copies.items():
        text = text.replace(json.dumps(copy)[1:-1], json.dumps(original)[1:-1])
    return json.loads(text)


def recompute(record: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Recompute a record with the rules installed now; return the new record and notes."""
    data = record["input"]["situation"]
    with tempfile.TemporaryDirectory() as workdir:
        reform_files, copies, notes = _reform_paths(record, Path(workdir))
        system = reforming.build_system(record["reforms"], reform_files)
        result = engine.check(
            data, record["month"], lang=record.get("lang", "en"), system=system,
            reforms=reforming.names(record["reforms"], reform_files),
        )
        recomputed = build(data=data, result=result, reforms=record["reforms"], reform_files=reform_files,
                           system=system, lang=record.get("lang", "en"))
        if copies:
            # References of reform-file values name the file they came from.
            recomputed["parameters_fingerprint"] = _sha256(_canonical(_restore_paths(
                parameter_entries(system), copies)))
    recomputed = _restore_paths(recomputed, copies)
    recomputed["checksum"] = checksum(recomputed)
    return recomputed, notes


def differences(recorded: Any, recomputed: Any, path: str = "") -> list[dict[str, Any]]:
    """Return each place where two JSON values differ, with both values."""
    if isinstance(recorded, dict) and isinstance(recomputed, dict):
        found = []
        for key in list(recorded) + [key for key in recomputed if key not in recorded]:
            if not path and key in NOT_COMPARED:
                continue
            where = f"{path}.{key}" if path else str(key)
            if key not in recomputed:
                found.append({"path": where, "recorded": recorded[key], "recomputed": "(absent)"})
            elif key not in recorded:
                found.append({"path": where, "recorded": "(absent)", "recomputed": recomputed[key]})
            else:
                found.extend(differences(recorded[key], recomputed[key], where))
        return found
    if isinstance(recorded, list) and isinstance(recomputed, list):
        if _keyed_by_variable(recorded) and _keyed_by_variable(recomputed):
            return differences(_by_variable(recorded), _by_variable(recomputed), path)
        found = []
        for index in range(max(len(recorded), len(recomputed))):
            where = f"{path}[{index}]"
            if index >= len(recomputed):
                found.append({"path": where, "recorded": recorded[index], "recomputed": "(absent)"})
            elif index >= len(recorded):
                found.append({"path": where, "recorded": "(absent)", "recomputed": recomputed[index]})
            else:
                found.extend(differences(recorded[index], recomputed[index], where))
        return found
    if _same(recorded, recomputed):
        return []
    return [{"path": path, "recorded": recorded, "recomputed": recomputed}]


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, float) and isinstance(right, float) and math.isnan(left) and math.isnan(right):
        return True
    return type(left) is type(right) and left == right or (
        isinstance(left, (int, float)) and isinstance(right, (int, float))
        and not isinstance(left, bool) and not isinstance(right, bool) and left == right
    )


def _keyed_by_variable(items: list) -> bool:
    names = [item.get("variable") for item in items if isinstance(item, dict)]
    return bool(items) and len(names) == len(items) and None not in names and len(set(names)) == len(names)


def _by_variable(items: list) -> dict[str, Any]:
    return {item["variable"]: item for item in items}


def parameter_changes(recorded: dict[str, Any], recomputed: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the parameter values read in one record but not the other, by path."""
    def reads(record):
        found: dict[str, set] = {}
        for node in explanations.iter_nodes(record["explanations"]):
            for entry in node.get("parameters", []):
                found.setdefault(entry["path"], set()).add((_canonical(entry["value"]), entry["effective_from"]))
        return found

    before, after = reads(recorded), reads(recomputed)
    changes = []
    for path in sorted(set(before) | set(after)):
        if before.get(path) != after.get(path):
            changes.append({
                "parameter": path,
                "recorded": sorted(before.get(path, set())),
                "recomputed": sorted(after.get(path, set())),
            })
    return changes


def verify(path: Path) -> dict[str, Any]:
    """Recompute a record; return {identical, checksum_valid, parameter_changes, differences}."""
    record = read(path)
    checksum_valid = record.get("checksum") == checksum(record)
    recomputed, notes = recompute(record)
    found = differences(record, recomputed)
    report = {
        "record": str(path),
        "identical": checksum_valid and not found,
        "checksum_valid": checksum_valid,
        "notes": notes,
        "parameters_fingerprint": {
            "recorded": record["parameters_fingerprint"],
            "recomputed": recomputed["parameters_fingerprint"],
        },
        "parameter_changes": parameter_changes(record, recomputed) if found else [],
        "differences": found,
    }
    logger.info("verified determination record %s: %s", path,
                "identical" if report["identical"] else f"{len(found)} differences")
    return report


def render_report(report: dict[str, Any]) -> str:
    """Render a verification report as the lines `assistance verify` prints."""
    lines = list(report.get("notes", []))
    if report["identical"]:
        return "\n".join([*lines, "identical"])
    if not report["checksum_valid"]:
        lines.append("the record was changed after it was written: its checksum does not match its content")
    for change in report["parameter_changes"]:
        before = "; ".join(f"{value} from {date}" for value, date in change["recorded"]) or "not read"
        after = "; ".join(f"{value} from {date}" for value, date in change["recomputed"]) or "not read"
        lines.append(f"parameter {change['parameter']}: {before} -> {after}")
    for item in report["differences"]:
        lines.append(f"{item['path']}: {_short(item['recorded'])} -> {_short(item['recomputed'])}")
    lines.append(f"{len(report['differences'])} differences")
    return "\n".join(lines)


def _short(value: Any, limit: int = 120) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"
