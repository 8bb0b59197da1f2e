"""Pydantic models of the library and Web API: inputs, determinations, comparisons, explanations.

Result models mirror the JSON of `assistance check --format json`, so
`model_dump(mode="json", exclude_unset=True)` gives the same object the CLI
prints. Result models allow extra keys, so a field the engine adds later is
kept rather than dropped.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

from openfisca_assistance.situation import MonthKey, Situation

Status = Literal["eligible", "not_eligible", "not_determined"]


class _Result(BaseModel):
    model_config = ConfigDict(extra="allow")


# Native (OpenFisca) situations ------------------------------------------------

Scalar = Union[bool, int, float, str, None]
PeriodValues = dict[str, Scalar]
VariableValue = Annotated[
    Union[Scalar, PeriodValues],
    Field(description="A value for the checked month, or values by period such as {\"2023-07\": 1100}."),
]


class NativeHousehold(BaseModel):
    """A household of an OpenFisca-native situation: its members and household variables."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, VariableValue] = Field(init=False)

    members: list[str] = Field(..., min_length=1, description="Ids of the persons who live in the household.")


class NativeSituation(BaseModel):
    """A situation in OpenFisca's native format: persons and households, variables by period."""

    model_config = ConfigDict(extra="forbid", title="NativeSituation")

    persons: dict[str, dict[str, VariableValue]] = Field(..., min_length=1)
    households: dict[str, NativeHousehold] = Field(..., min_length=1)
    month: MonthKey | None = Field(None, description="Month to check (YYYY-MM) when the request names none.")
    description: str | None = None


SituationInput = Annotated[
    Union[Situation, NativeSituation],
    Field(description="A friendly situation (members) or an OpenFisca-native one (persons and households)."),
]


# Errors -------------------------------------------------------------------------


class ErrorDetail(BaseModel):
    """One error that stopped a check: what failed, where, the value and the fix."""

    code: str = Field(..., description="invalid_input, unknown_locality, unknown_variable, unknown_program, "
                      "period_not_covered, or another code of openfisca_assistance.errors.")
    message: str
    location: str | None = Field(None, description="Dotted field path, such as members.0.income.wage_income.")
    value: Any = None
    fix: str | None = None
    file: str | None = None


class ErrorResponse(BaseModel):
    """The body of every 4xx and 5xx response of the Web API."""

    error: ErrorDetail
    request_id: str | None = Field(None, description="The id of the request, also sent as the X-Request-Id header.")


# Determinations ---------------------------------------------------------------


class EngineInfo(_Result):
    name: str
    version: str


class Notice(_Result):
    code: str
    message: str


class LegalBasis(_Result):
    document: str
    article: str
    url: str


class Reason(_Result):
    """A failed condition, or why a result is not determined."""

    code: str
    message: str


class MissingValue(_Result):
    """A value a programme needs that the data does not contain."""

    parameter: str
    locality: str | None = None
    month: str
    reason: str


class Reference(_Result):
    title: str
    href: str


class ParameterValue(_Result):
    """A parameter value the computation read, with its date, source and confidence."""

    path: str
    value: Any = None
    effective_from: str | None = None
    locality: str | None = None
    requested_locality: str | None = None
    confidence: str | None = None
    reference: list[Reference] = Field(default_factory=list)
    note: str | None = None
    known_until: str | None = None
    stale: bool = False
    stated_per: str | None = None


class ResultWarning(_Result):
    """A stale, inferred or unconfirmed value the result used."""

    code: str
    message: str
    parameter: str | None = None


class PersonResult(_Result):
    """The result of a person programme for one person."""

    status: Status
    eligible: bool | None = None
    amount: float | None = None
    components: dict[str, Any] = Field(default_factory=dict)
    responsible_locality: str | None = None
    reasons: list[Reason] = Field(default_factory=list)
    missing: list[MissingValue] = Field(default_factory=list)
    details: dict[str, Any] = Field(default_factory=dict)


class ProgramResult(_Result):
    """The result of one programme: status, amount, who handles it, why, and the rules applied."""

    label: str
    department: str | None = None
    unit: str
    period: str
    provides: list[str] = Field(default_factory=list)
    legal_basis: list[LegalBasis] = Field(default_factory=list)
    status: Status
    eligible: bool | None = None
    amount: float | None = Field(None, description="Yuan, exact to the fen; null when not determined.")
    responsible_authority: str | None = None
    responsible_locality: str | list[str] | None = None
    reasons: list[Reason] = Field(default_factory=list)
    missing: list[MissingValue] = Field(default_factory=list)
    details: dict[str, Any] = Field(default_factory=dict)
    persons: dict[str, Union[PersonResult, dict[str, Any]]] | None = Field(
        None, description="Per-person results (person programmes) or per-person values (household programmes).",
    )
    standard_applied: list[ParameterValue] = Field(default_factory=list)
    warnings: list[ResultWarning] = Field(default_factory=list)


class Determination(_Result):
    """Every programme's result for one household and one month."""

    engine: EngineInfo
    month: str
    reforms: list[str] = Field(default_factory=list)
    programs: dict[str, ProgramResult]
    notices: list[Notice] = Field(default_factory=list)

    def program(self, program_id: str) -> ProgramResult:
        """Return the result of one programme, or raise KeyError naming the known ids."""
        if program_id not in self.programs:
            raise KeyError(f"no programme {program_id!r}; programmes: {', '.join(self.programs)}")
        return self.programs[program_id]

    def to_dict(self) -> dict[str, Any]:
        """Return the determination as the JSON object `assistance check --format json` prints."""
        return self.model_dump(mode="json", exclude_unset=True)


# Many households --------------------------------------------------------------


class CheckedRow(BaseModel):
    """A household of a batch that was checked."""

    index: int = Field(..., description="Position of the row in the input, from 0.")
    id: str | None = Field(None, description="Key of the row when the input is a mapping.")
    line: int | None = Field(None, description="Line of the row in a JSON Lines file, from 1.")
    determination: Determination


class RejectedRow(BaseModel):
    """A household of a batch that could not be checked, with the reason."""

    index: int
    id: str | None = None
    line: int | None = None
    error: ErrorDetail


class BatchResult(BaseModel):
    """The results of many households: every input row is either checked or rejected."""

    total: int
    checked: list[CheckedRow] = Field(default_factory=list)
    rejected: list[RejectedRow] = Field(default_factory=list)


# Comparisons ------------------------------------------------------------------
# The comparison format of openfisca_assistance.comparison: one column per rule set.


class ComparisonColumn(_Result):
    """A rule set of a comparison: the baseline, or reforms and reform files stacked."""

    id: str = Field(..., description="baseline, a reform name, NAME@START, names joined by +, or file:NAME.")
    label: str
    reforms: list[str] = Field(default_factory=list)
    reform_files: list[str] = Field(default_factory=list)


class ProgramSummary(_Result):
    """A programme's result in one column."""

    status: Status | None = None
    eligible: bool | None = None
    amount: float | None = None
    responsible_locality: str | list[str] | None = None
    responsible_authority: str | None = None
    tier: Any = None
    provides: Any = None


class PersonSummary(_Result):
    """A person's result of a person programme in one column."""

    status: Status | None = None
    eligible: bool | None = None
    amount: float | None = None


class CausingProvision(_Result):
    """A reform provision named as a cause of a change."""

    reform: str
    code: str
    article: str
    summary: str
    confidence: str
    variables: list[str] = Field(default_factory=list)
    programmes: list[str] = Field(default_factory=list)
    reference: str | None = None


class ColumnChange(_Result):
    """What changes in one column against the baseline, and the provisions behind it."""

    changed: bool
    fields: list[str] = Field(default_factory=list)
    amount_difference: float | None = Field(None, description="Column amount minus baseline amount, in yuan.")
    provisions: list[CausingProvision] = Field(default_factory=list)


class PersonComparison(_Result):
    results: dict[str, PersonSummary | None] = Field(default_factory=dict)
    changes: dict[str, ColumnChange] = Field(default_factory=dict)


class ProgramComparison(_Result):
    """One programme in every column: results by column id, changes against the baseline, and per person."""

    label: str
    unit: str | None = None
    period: str | None = None
    results: dict[str, ProgramSummary] = Field(default_factory=dict)
    changes: dict[str, ColumnChange] = Field(default_factory=dict)
    persons: dict[str, PersonComparison] = Field(default_factory=dict)


class VariableComparison(_Result):
    """A variable a reform provision changes, with its value in each column."""

    entity: str
    label: str | None = None
    values: dict[str, Any] = Field(default_factory=dict)
    changes: dict[str, ColumnChange] = Field(default_factory=dict)


class CashTotal(_Result):
    amount: float
    not_determined: list[str] = Field(default_factory=list)


class Comparison(_Result):
    """A household under the baseline and each reform column, side by side, as `assistance compare` shows it."""

    engine: EngineInfo
    month: str
    file: str | None = None
    columns: list[ComparisonColumn]
    programs: dict[str, ProgramComparison]
    variables: dict[str, VariableComparison] = Field(default_factory=dict)
    totals: dict[str, CashTotal] = Field(default_factory=dict)
    notices: dict[str, list[Notice]] = Field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as the JSON object `assistance compare --format json` prints."""
        return self.model_dump(mode="json", exclude_unset=True)


# Explanations -----------------------------------------------------------------
# The trace format of openfisca_assistance.explanations, version 1.


class TraceParameter(_Result):
    """A parameter value a formula read: path, value, the date it took effect, source and confidence."""

    path: str
    value: Any = None
    effective_from: str | None = None
    confidence: str | None = None
    source: list[Reference] = Field(default_factory=list)
    note: str | None = None
    locality: str | None = None
    requested_locality: str | None = None
    known_until: str | None = None
    stale: bool = False
    stated_per: str | None = None


class TraceNode(_Result):
    """A variable for one period: its value by person or household id, its rule and what it used."""

    variable: str
    period: str
    entity: str
    label: str
    kind: Literal["formula", "input", "default"]
    unit: str | None = None
    value: dict[str, Any] | None = Field(None, description="Value by person or household id; null when not determined.")
    reference: list[str] = Field(default_factory=list)
    documentation: str | None = None
    repeated: bool | None = Field(None, description="Computed earlier in the trace and shown there in full.")
    parameters: list[TraceParameter] = Field(default_factory=list)
    children: list[TraceNode] = Field(default_factory=list)
    children_omitted: int | None = Field(None, description="Children left out below the requested depth.")


class FailedCondition(_Result):
    """A condition of a programme the household or person does not meet, in plain words."""

    code: str
    message: str
    variable: str
    person: str | None = None


class UndeterminedValue(_Result):
    """A variable that could not be computed because a value is missing."""

    variable: str
    code: str
    parameter: str
    locality: str | None = None
    month: str | None = None
    reason: str


class ProgramTrace(_Result):
    """Why a programme has its result: failed conditions first, then the computation trees."""

    label: str
    status: Status
    eligible: bool | None = None
    amount: float | None = None
    unit: str | None = None
    period: str | None = None
    failed_conditions: list[FailedCondition] = Field(default_factory=list)
    not_determined: list[UndeterminedValue] = Field(default_factory=list)
    missing: list[MissingValue] = Field(default_factory=list)
    legal_basis: list[LegalBasis] = Field(default_factory=list)
    trees: list[TraceNode] = Field(default_factory=list)


class VariableTrace(_Result):
    """The computation of one requested variable."""

    variable: str
    not_determined: list[UndeterminedValue] = Field(default_factory=list)
    trees: list[TraceNode] = Field(default_factory=list)


class Explanation(_Result):
    """The computation behind a determination, in the versioned trace format of `assistance explain`."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, serialize_by_alias=True)

    trace_schema: str = Field(..., alias="schema", description="The trace format, openfisca-assistance/trace.")
    schema_version: str
    engine: EngineInfo
    month: str
    reforms: list[str] = Field(default_factory=list)
    lang: str | None = None
    options: dict[str, Any] = Field(default_factory=dict)
    programs: dict[str, ProgramTrace] = Field(default_factory=dict)
    variable: VariableTrace | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the explanation as the JSON object `assistance explain --format json` prints."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)
