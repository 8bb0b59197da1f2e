"""What every reform of this package shares.

A reform is an `openfisca_core` `Reform` subclass that also declares, as data:

- `name`: a one-line description, listed by `assistance reforms`;
- `in_effect`: the dotted path of its dated boolean parameter under
  `parameters/reforms/<reform>/`. The reform changes nothing on dates where it
  is false, so its start date is a parameter a reform file can move;
- `provisions`: what it encodes, each with its article, confidence and the
  variables and programmes it changes, so comparisons can name the provision
  behind a difference;
- `left_out`: the provisions it does not encode, and why;
- `programme_notes`: how a programme's description changes while it is in
  force (tier, what it provides, where to apply, legal basis, extra details).

`AssistanceReform.override` replaces a variable's formula by one that runs
only while the reform is in force and otherwise runs the formula it replaced,
which it can also call itself (`previous`). Reforms therefore stack: each one
falls back to whatever the system it was applied to computes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Callable

import numpy
from openfisca_core.reforms import Reform
from openfisca_core.variables import Variable


MONEY_UNIT = "currency-CNY"


@dataclass(frozen=True)
class Provision:
    """One provision a reform encodes."""

    code: str
    article: str
    summary: str
    confidence: str
    variables: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    reference: str = ""
    # Fields of a programme's result the provision changes without a variable,
    # through the reform's programme notes: tier, provides, responsible_authority.
    fields: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "article": self.article,
            "summary": self.summary,
            "confidence": self.confidence,
            "variables": list(self.variables),
            "programmes": list(self.programmes),
            "reference": self.reference,
            "fields": list(self.fields),
        }


@dataclass(frozen=True)
class LeftOut:
    """A provision a reform does not encode, and the reason."""

    article: str
    summary: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"article": self.article, "summary": self.summary, "reason": self.reason}


@dataclass(frozen=True)
class ProgrammeNote:
    """Changes to a programme's description while a reform is in force.

    Texts are {"en": ..., "zh": ...}. `legal_basis` entries are
    {document, article, url} and come before the programme's own.
    """

    programme: str
    tier: dict[str, str] | None = None
    provides: dict[str, tuple[str, ...]] | None = None
    authority_note: dict[str, str] | None = None
    legal_basis: tuple[dict[str, str], ...] = ()
    details: tuple[str, ...] = ()


def _run_formula(variable, entity, period, parameters):
    formula = variable.get_formula(period)
    if formula is None:
        return variable.default_array(entity.count)
    if formula.__code__.co_argcount == 2:
        return formula(entity, period)
    return formula(entity, period, parameters)


def in_force_on(parameters, path: str, instant: str) -> bool:
    """Return whether the dated boolean parameter `path` is true on `instant` (YYYY-MM-DD)."""
    node = parameters
    for part in path.split("."):
        node = node.children[part]
    for at_instant in node.values_list:  # newest first
        if at_instant.instant_str <= instant:
            return bool(at_instant.value)
    return False


class AssistanceReform(Reform):
    """A reform of the social-assistance rules; see the module docstring."""

    name = ""
    in_effect: str | None = None
    provisions: tuple[Provision, ...] = ()
    left_out: tuple[LeftOut, ...] = ()
    programme_notes: tuple[ProgrammeNote, ...] = ()
    reform_file = None

    def apply(self) -> None:  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def load_variable(self, variable_class, update=False):
        variable = super().load_variable(variable_class, update)
        if variable.unit == MONEY_UNIT:
            # As in the baseline, money is float64 so amounts stay exact to the fen.
            variable.dtype = numpy.float64
        return variable

    def get_package_metadata(self) -> dict[str, str]:
        return self.baseline.get_package_metadata()

    def in_force(self, month: str, parameters=None) -> bool:
        """Return whether the reform is in force in a YYYY-MM month.

        Pass the parameters of the system the reform ends up in: a reform file
        applied after this reform can move its start date.
        """
        if self.in_effect is None:
            return True
        return in_force_on(parameters or self.parameters, self.in_effect, f"{month}-01")

    def start_date(self, parameters=None) -> str | None:
        """Return the first date on which the reform is in force, if any (see `in_force`)."""
        if self.in_effect is None:
            return None
        node = parameters or self.parameters
        for part in self.in_effect.split("."):
            node = node.children[part]
        starts = [item.instant_str for item in reversed(node.values_list) if item.value]
        return starts[0] if starts else None

    def override(
        self,
        name: str,
        formula: Callable[..., Any],
        *,
        reference: str | tuple[str, ...],
        documentation: str | None = None,
    ) -> None:
        """Replace the formula of `name` while the reform is in force.

        `formula(entity, period, parameters, previous)` returns the new value;
        `previous()` returns what the replaced formula computes.
        """
        replaced = self.get_variable(name)
        if replaced is None:
            raise KeyError(f"{type(self).__name__} overrides {name!r}, which the rules do not define")
        in_effect = self.in_effect

        def dispatch(entity, period, parameters):
            def previous():
                return _run_formula(replaced, entity, period, parameters)

            # Read without recording: the switch is not a rule value a result should list.
            tree = entity.simulation.tax_benefit_system.parameters
            if in_effect is not None and not in_force_on(tree, in_effect, str(period.start)):
                return previous()
            return formula(entity, period, parameters, previous)

        references = (reference,) if isinstance(reference, str) else tuple(reference)
        own = replaced.reference or []
        attributes: dict[str, Any] = {
            "formula": dispatch,
            "reference": [*references, *(item for item in own if item not in references)],
            "__module__": type(self).__module__,
        }
        if documentation:
            attributes["documentation"] = documentation
        self.update_variable(type(name, (Variable,), attributes))

    def add(self, variable_class: type[Variable]) -> None:
        """Add a variable that only this reform defines."""
        self.add_variable(variable_class)


def applied_reforms(system) -> list[AssistanceReform]:
    """Return the reforms applied to a system, in the order they were applied."""
    chain = []
    while isinstance(system, Reform):
        if isinstance(system, AssistanceReform):
            chain.append(system)
        system = system.baseline
    return list(reversed(chain))


def month_start(month: str) -> str:
    """Return the first day of a YYYY-MM month as YYYY-MM-DD."""
    return datetime.date.fromisoformat(f"{month}-01").isoformat()
