"""Emergency declarations: which locality had which emergency status in a month.

The windows are data (`data/emergency_declarations.yaml`): public-health
response levels, lockdowns, disaster responses and hard-hit-area status, each
with its dates, source and confidence. A situation may add its own
declarations to ask "what if this happened here".

Month rule: a window applies to every month it overlaps, so a status that
starts or ends during a month applies to that whole month. Inheritance: a
locality uses its own windows of a kind that overlap the month, else those of
its city, then its province, then the national record (`quanguo`).

Every window a formula uses is recorded on the simulation like a parameter
read (path `emergency.<kind>.<locality>`), so results show the source and
confidence of the dates, and warn where they are secondary, unconfirmed or
declared in the situation.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

import numpy
import yaml

from openfisca_assistance import localities, rules
from openfisca_assistance.errors import InputError
from openfisca_assistance.paths import DATA_DIR

DECLARATIONS_FILE = DATA_DIR / "emergency_declarations.yaml"
NATIONAL_KEY = "quanguo"
KINDS = ("public_health_response", "lockdown", "disaster_response", "hard_hit_area")
EPIDEMIC_KINDS = ("public_health_response", "lockdown", "hard_hit_area")
CONFIDENCE = ("confirmed", "secondary", "unconfirmed")
ISSUERS = ("national", "provincial", "prefecture", "city", "situation")
FIELDS = {"locality", "kind", "level", "start", "end", "source", "confidence", "issuer", "notes"}
LEVELS = (1, 2, 3, 4)
DECLARED_CONFIDENCE = "declared"
DECLARED_SOURCE = "declared in the situation"


@dataclass(frozen=True)
class Declaration:
    """One emergency window of one locality."""

    locality: str
    kind: str
    level: int | None
    start: datetime.date
    end: datetime.date | None
    source: str
    confidence: str
    issuer: str
    notes: str | None = None
    dibao_exits_suspended: bool = False

    @property
    def declared(self) -> bool:
        return self.confidence == DECLARED_CONFIDENCE


def _date(value: Any, where: str, file: str | None) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError as error:
        raise InputError("invalid date", file=file, location=where, value=value,
                         fix="write the date as YYYY-MM-DD") from error


def _check_locality(key: Any, where: str, file: str | None) -> str:
    if key == NATIONAL_KEY:
        return key
    try:
        localities.get(key)
    except InputError as error:
        error.file = file
        error.location = where
        raise
    return key


def parse_record(raw: Any, where: str, file: str | None) -> Declaration:
    """Validate one declarations record and return it."""
    if not isinstance(raw, dict):
        raise InputError("each declaration must be a mapping", file=file, location=where, value=raw)
    unknown = set(raw) - FIELDS
    if unknown:
        raise InputError(f"unknown key {sorted(unknown)[0]!r}", file=file, location=where,
                         fix=f"use only {sorted(FIELDS)}")
    for name in ("locality", "kind", "start", "source", "confidence", "issuer"):
        if raw.get(name) in (None, ""):
            raise InputError(f"{name} is missing", file=file, location=f"{where}.{name}", fix=f"add {name}")

    kind = raw["kind"]
    if kind not in KINDS:
        raise InputError("unknown kind", file=file, location=f"{where}.kind", value=kind, fix=f"use one of {list(KINDS)}")
    if raw["confidence"] not in CONFIDENCE:
        raise InputError("unknown confidence", file=file, location=f"{where}.confidence", value=raw["confidence"],
                         fix=f"use one of {list(CONFIDENCE)}")
    if raw["issuer"] not in ISSUERS:
        raise InputError("unknown issuer", file=file, location=f"{where}.issuer", value=raw["issuer"],
                         fix=f"use one of {list(ISSUERS)}")

    level = raw.get("level")
    if level is not None and level not in LEVELS:
        raise InputError("invalid level", file=file, location=f"{where}.level", value=level,
                         fix="give a response level from 1 (I) to 4 (IV), or null")

    start = _date(raw["start"], f"{where}.start", file)
    end = None if raw.get("end") is None else _date(raw["end"], f"{where}.end", file)
    if end is not None and end <= start:
        raise InputError("end must be after start", file=file, location=f"{where}.end", value=str(end),
                         fix="give the first day the status no longer applied, after the start")
    return Declaration(
        locality=_check_locality(raw["locality"], f"{where}.locality", file),
        kind=kind,
        level=level,
        start=start,
        end=end,
        source=str(raw["source"]),
        confidence=raw["confidence"],
        issuer=raw["issuer"],
        notes=raw.get("notes"),
    )


@lru_cache(maxsize=1)
def declarations() -> tuple[Declaration, ...]:
    """Load and validate the declarations file."""
    file = str(DECLARATIONS_FILE)
    with open(DECLARATIONS_FILE, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or []
    if not isinstance(raw, list):
        raise InputError("the declarations file must be a list of records", file=file)
    return tuple(parse_record(record, f"[{index}]", file) for index, record in enumerate(raw))


@lru_cache(maxsize=1)
def national_epidemic_end() -> datetime.date | None:
    """Return the end of national Class-A management, which closes open epidemic windows."""
    ends = [d.end for d in declarations() if d.locality == NATIONAL_KEY and d.kind == "public_health_response"]
    return max((end for end in ends if end is not None), default=None)


def resolved_end(declaration: Declaration) -> tuple[datetime.date | None, bool]:
    """Return the end used for a window and whether it is a proxy for a missing end."""
    if declaration.end is not None:
        return declaration.end, False
    if declaration.kind in EPIDEMIC_KINDS and not declaration.declared:
        return national_epidemic_end(), True
    return None, False


def month_bounds(month: str) -> tuple[datetime.date, datetime.date]:
    """Return the first day of a YYYY-MM month and the first day of the next month."""
    first = datetime.date.fromisoformat(f"{month}-01")
    following = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return first, following


def overlaps(declaration: Declaration, month: str) -> bool:
    """Return true when the window is in force on at least one day of the month."""
    first, following = month_bounds(month)
    end, _ = resolved_end(declaration)
    return declaration.start < following and (end is None or end > first)


def chain(key: str) -> list[str]:
    """Return the localities whose status a locality inherits, nearest first, ending with the country."""
    return [*localities.emergency_chain(key), NATIONAL_KEY]


# A locality input left empty for some persons (OpenFisca fills a variable
# given for one person with "" for the others) falls back to this variable.
LOCALITY_FALLBACKS = {
    "current_locality": "hukou_locality",
    "work_locality": "current_locality",
    "residence_locality": "current_locality",
    "treatment_locality": "current_locality",
    "medical_insurance_locality": "hukou_locality",
}


def locality_of(person, period, variable: str) -> numpy.ndarray:
    """Return a person locality variable, with empty values replaced by their default locality."""
    values = numpy.asarray(person(variable, period)).astype(object)
    empty = values == ""
    if empty.any() and variable in LOCALITY_FALLBACKS:
        values = numpy.where(empty, locality_of(person, period, LOCALITY_FALLBACKS[variable]), values)
    return values


def place_key(key: str) -> str:
    """Return the city a locality belongs to (the locality itself for cities and provinces)."""
    locality = localities.get(key)
    return locality.city or key


def same_place(first, second) -> numpy.ndarray:
    """Return, element-wise, whether two locality keys are the same city (or district of it)."""
    first = numpy.asarray(first).astype(str)
    second = numpy.asarray(second).astype(str)
    result = first == second
    for index in numpy.flatnonzero(~result):
        a, b = first[index], second[index]
        if a and b:
            result[index] = place_key(a) == place_key(b)
    return result


@lru_cache(maxsize=256)
def parse_declared(text: str) -> tuple[Declaration, ...]:
    """Parse the JSON list of emergencies a situation declares."""
    where = "households.*.declared_emergencies"
    if not text:
        return ()
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"invalid JSON: {error.msg}", location=where, value=text,
                         fix="give a JSON list of {locality, kind, level, start, end}") from error
    if not isinstance(raw, list):
        raise InputError("declared emergencies must be a list", location=where, value=text,
                         fix="give a JSON list of {locality, kind, level, start, end}")
    result = []
    for index, item in enumerate(raw):
        location = f"{where}[{index}]"
        if not isinstance(item, dict):
            raise InputError("each declared emergency must be a mapping", location=location, value=item,
                             fix="give {locality, kind, level, start, end}")
        record = {key: value for key, value in item.items() if key not in ("dibao_exits_suspended", "description")}
        record.setdefault("source", DECLARED_SOURCE)
        record.setdefault("issuer", "situation")
        record["confidence"] = "confirmed"  # Validated as a data record, then marked as declared.
        declaration = parse_record(record, location, None)
        result.append(dataclasses.replace(
            declaration,
            confidence=DECLARED_CONFIDENCE,
            dibao_exits_suspended=bool(item.get("dibao_exits_suspended", False)),
        ))
    return tuple(result)


@dataclass(frozen=True)
class Status:
    """The windows of one kind that apply to a locality in a month."""

    locality: str
    kind: str
    windows: tuple[Declaration, ...]
    source_locality: str | None

    @property
    def active(self) -> bool:
        return bool(self.windows)

    @property
    def level(self) -> int:
        """Return the highest response level in force (1 is highest), or 0 for none or unnumbered."""
        levels = [w.level for w in self.windows if w.level is not None]
        return min(levels) if levels else 0


def status(key: str, month: str, kind: str, declared: Iterable[Declaration] = ()) -> Status:
    """Return the windows of `kind` that apply to locality `key` in `month`."""
    declared = tuple(declared)
    for candidate in chain(key):
        own = [d for d in declared if d.locality == candidate and d.kind == kind and overlaps(d, month)]
        own += [d for d in declarations() if d.locality == candidate and d.kind == kind and overlaps(d, month)]
        if own:
            return Status(key, kind, tuple(own), candidate)
    return Status(key, kind, (), None)


def _record(population, period, status_: Status) -> None:
    month = str(period.start)[:7]
    for window in status_.windows:
        end, proxy = resolved_end(window)
        confidence = window.confidence
        note_parts = [window.notes.rstrip(". ")] if window.notes else []
        if window.declared:
            note_parts.append("declared in the situation to ask what would follow")
        if proxy:
            note_parts.append(
                f"no end was found; the window ends with national Class-A management on {end} (a proxy)",
            )
            if confidence == "confirmed":
                confidence = "secondary"
        elif window.end is None:
            note_parts.append("no end was found; the engine treats the window as still in force")
            if confidence == "confirmed":
                confidence = "secondary"
        rules.reads_of(population.simulation).append(
            rules.ParameterRead(
                path=f"emergency.{window.kind}.{window.locality}",
                value=window.level if window.level is not None else True,
                effective_from=str(window.start),
                instant=f"{month}-01",
                locality=window.locality,
                requested_locality=status_.locality,
                confidence=confidence,
                reference=[{"title": _title(window), "href": window.source}],
                note="; ".join(note_parts) or None,
            ),
        )


def _title(window: Declaration) -> str:
    level = f" level {window.level}" if window.level is not None else ""
    end = window.end.isoformat() if window.end else "no end found"
    return f"{window.kind.replace('_', ' ')}{level}, {window.locality}, {window.start} to {end} ({window.issuer})"


def declared_for(population, period) -> tuple[Declaration, ...]:
    """Return the emergencies the situation declares (the same for every household)."""
    household = population.simulation.populations["household"]
    texts = household("declared_emergencies", period)
    result: list[Declaration] = []
    for text in numpy.unique(numpy.asarray(texts).astype(str)):
        result.extend(parse_declared(str(text)))
    return tuple(result)


def statuses(population, period, keys, kind: str, *, where=None, variable: str = "locality") -> list[Status | None]:
    """Return the status of `kind` for each entity's locality, recording the windows used."""
    keys = numpy.asarray(keys).astype(str)
    mask = numpy.ones(len(keys), dtype=bool) if where is None else numpy.asarray(where, dtype=bool)
    month = str(period.start)[:7]
    declared = declared_for(population, period)
    result: list[Status | None] = [None] * len(keys)
    cache: dict[str, Status] = {}
    for index in numpy.flatnonzero(mask):
        key = str(keys[index])
        if key not in cache:
            rules.check_locality(key, variable)
            cache[key] = status(key, month, kind, declared)
            _record(population, period, cache[key])
        result[index] = cache[key]
    return result


def active(population, period, keys, kind: str, **options) -> numpy.ndarray:
    """Return, per entity, whether a window of `kind` applies to its locality in the month."""
    return numpy.array([bool(s and s.active) for s in statuses(population, period, keys, kind, **options)], dtype=bool)


def level(population, period, keys, kind: str, **options) -> numpy.ndarray:
    """Return, per entity, the highest response level of `kind` in force (0 for none or unnumbered)."""
    return numpy.array([s.level if s else 0 for s in statuses(population, period, keys, kind, **options)], dtype=int)


def exits_suspended_by_declaration(population, period, keys) -> numpy.ndarray:
    """Return, per entity, whether a declared emergency at its locality suspends dibao exits."""
    keys = numpy.asarray(keys).astype(str)
    month = str(period.start)[:7]
    declared = [d for d in declared_for(population, period) if d.dibao_exits_suspended and overlaps(d, month)]
    result = numpy.zeros(len(keys), dtype=bool)
    for index, key in enumerate(keys):
        places = chain(key)
        matches = [d for d in declared if d.locality in places]
        if matches:
            result[index] = True
            _record(population, period, Status(key, matches[0].kind, tuple(matches), matches[0].locality))
    return result
