"""Typed errors of the engine.

Two kinds of failure exist, and callers treat them differently:

- `AssistanceError` subclasses that stop a whole check (bad input, an unknown
  locality, a month before the rules begin). The CLI prints them and exits
  with code 2; the Web API responds with status 400.
- `NotDetermined` subclasses that stop one programme only (a local value
  missing for that locality and month, a rule the engine does not model at
  that date). The engine reports that programme as `not_determined` and
  computes the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class AssistanceError(Exception):
    """An error that makes a whole check fail.

    Attributes follow the shape of a pydantic validation error so that the
    CLI, the library and the Web API can report them the same way.
    """

    code = "assistance_error"
    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        location: str | None = None,
        value: Any = None,
        fix: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.location = location
        self.value = value
        self.fix = fix

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "file": self.file,
            "location": self.location,
            "value": _printable(self.value),
            "fix": self.fix,
        }

    def render(self) -> str:
        """Format the error as the lines the CLI prints on stderr."""
        where = self.file or "input"
        if self.location:
            where = f"{where}: {self.location}"
        lines = [f"error: {where}: {self.message}"]
        if self.value is not None:
            lines.append(f"  value: {_printable(self.value)!r}")
        if self.fix:
            lines.append(f"  fix: {self.fix}")
        return "\n".join(lines)


class InputError(AssistanceError):
    """A situation, reform or parameter file that is invalid."""

    code = "invalid_input"


class UnknownLocalityError(InputError):
    """A locality key that no locality file defines."""

    code = "unknown_locality"


class UnknownVariableError(InputError):
    """A variable name the tax-benefit system does not define; the Web API responds with 404."""

    code = "unknown_variable"


class UnknownProgramError(InputError):
    """A programme id the programme registry does not list; the Web API responds with 404."""

    code = "unknown_program"


class PeriodNotCoveredError(AssistanceError):
    """A month before the baseline rules begin, or otherwise outside coverage."""

    code = "period_not_covered"


class ParameterFileError(AssistanceError):
    """A parameter file that breaks the format the loader enforces."""

    code = "invalid_parameter_file"


@dataclass
class MissingValue:
    """One value a programme needs and the data does not hold."""

    parameter: str
    locality: str | None
    month: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "parameter": self.parameter,
            "locality": self.locality,
            "month": self.month,
            "reason": self.reason,
        }


class NotDetermined(Exception):  # noqa: N818 - a result, not a failure
    """A programme result the engine cannot determine faithfully."""

    code = "not_determined"

    def __init__(self, missing: MissingValue) -> None:
        super().__init__(missing.reason)
        self.missing = missing


class LocalValueMissing(NotDetermined):
    """A local value that the data does not hold for that locality and month."""

    code = "local_value_missing"


class RuleNotInForce(NotDetermined):
    """A national rule the engine does not model for that month."""

    code = "rule_not_modelled"


@dataclass
class Warning_:
    """A warning attached to a computed result, such as a stale local value."""

    code: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, **self.details}


MAX_VALUE_TEXT = 300  # characters of an offending value shown in a message


def _printable(value: Any) -> Any:
    if isinstance(value, str):
        return value if len(value) <= MAX_VALUE_TEXT else value[:MAX_VALUE_TEXT] + "..."
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    try:
        text = repr(value)
    except RecursionError:
        text = f"<{type(value).__name__} nested too deeply to show>"
    return text if len(text) <= MAX_VALUE_TEXT else text[:MAX_VALUE_TEXT] + "..."
