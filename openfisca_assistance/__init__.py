"""openfisca-assistance: an OpenFisca country package for social assistance in China.

The package exposes the tax-benefit system OpenFisca tools expect
(`CountryTaxBenefitSystem`) and the Python API (`check`, `check_many`,
`compare`, `explain`; see docs/api.md), which returns the same results and
raises the same errors as the `assistance` command.
"""

from openfisca_assistance.paths import RULES_ROOT as _RULES_ROOT

# In a source checkout the `reforms/` folder sits beside this package, not in
# it. Adding the repository root to the package path makes
# `openfisca_assistance.reforms` import the same way as in a built wheel.
if str(_RULES_ROOT) not in __path__:
    __path__.append(str(_RULES_ROOT))

from openfisca_assistance.system import CountryTaxBenefitSystem  # noqa: E402
from openfisca_assistance.api import check, check_many, compare, explain  # noqa: E402
from openfisca_assistance.api_models import (  # noqa: E402
    BatchResult,
    Comparison,
    Determination,
    Explanation,
    NativeSituation,
)
from openfisca_assistance.situation import Situation  # noqa: E402

__all__ = [
    "BatchResult",
    "Comparison",
    "CountryTaxBenefitSystem",
    "Determination",
    "Explanation",
    "NativeSituation",
    "Situation",
    "check",
    "check_many",
    "compare",
    "explain",
]
