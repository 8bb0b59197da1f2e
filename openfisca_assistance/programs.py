"""The programme registry: one entry per programme, read from data/programs.yaml."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from openfisca_assistance.errors import InputError
from openfisca_assistance.paths import DATA_DIR

PROGRAMS_FILE = DATA_DIR / "programs.yaml"


class Text(BaseModel):
    model_config = ConfigDict(extra="forbid")
    en: str
    zh: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class TextList(BaseModel):
    model_config = ConfigDict(extra="forbid")
    en: list[str]
    zh: list[str]

    def get(self, lang: str) -> list[str]:
        return self.zh if lang == "zh" else self.en


class Authority(BaseModel):
    model_config = ConfigDict(extra="forbid")
    default: Text | None = None
    by: str | None = None
    cases: dict[str, Text] = Field(default_factory=dict)


class Condition(BaseModel):
    model_config = ConfigDict(extra="forbid")
    variable: str
    code: str
    message: Text
    expected: bool = True
    expected_not: str | None = None
    expected_positive: bool = False
    stop_on_failure: bool = False
    only_if: list[str] = Field(default_factory=list)


class LegalBasis(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document: str
    article: str
    url: str


class Program(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = ""
    label: Text
    department: Text
    entity: Literal["household", "person"]
    eligible: str
    amount: list[str]
    unit: str
    period: str
    provides: TextList
    responsible_locality: str
    responsible_authority: Authority
    standard: list[str] = Field(default_factory=list)
    conditions: list[Condition] = Field(default_factory=list)
    details: list[str] = Field(default_factory=list)
    person_details: list[str] = Field(default_factory=list)
    person_eligible: str | None = None
    person_amount: str | None = None
    legal_basis: list[LegalBasis]

    def variables(self) -> list[str]:
        """Return every variable the programme's result reads."""
        names = [self.eligible, *self.amount, self.responsible_locality, *self.details, *self.person_details]
        names += [name for name in (self.person_eligible, self.person_amount) if name]
        names += [condition.variable for condition in self.conditions]
        if self.responsible_authority.by:
            names.append(self.responsible_authority.by)
        return list(dict.fromkeys(names))


@lru_cache(maxsize=1)
def registry() -> dict[str, Program]:
    """Load the programme registry, in the order of the file."""
    with open(PROGRAMS_FILE, encoding="utf-8") as file:
        raw = yaml.safe_load(file) or {}
    programs: dict[str, Program] = {}
    for program_id, entry in raw.items():
        try:
            programs[program_id] = Program(id=program_id, **entry)
        except ValidationError as error:
            first = error.errors()[0]
            raise InputError(
                first["msg"],
                file=str(PROGRAMS_FILE),
                location=".".join([program_id, *map(str, first["loc"])]),
                value=first.get("input"),
            ) from error
    return programs
