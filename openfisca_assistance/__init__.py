"""openfisca-assistance: an OpenFisca country package for social assistance in China.

The package exposes the tax-benefit system OpenFisca tools expect
(`CountryTaxBenefitSystem`), the programme registry and the engine used by
the `assistance` command.
"""

from openfisca_assistance.paths import RULES_ROOT as _RULES_ROOT

# In a source checkout the `reforms/` folder sits beside this package, not in
# it. Adding the repository root to the package path makes
# `openfisca_assistance.reforms` import the same way as in a built wheel.
if str(_RULES_ROOT) not in __path__:
    __path__.append(str(_RULES_ROOT))

from openfisca_assistance.system import CountryTaxBenefitSystem  # noqa: E402

__all__ = ["CountryTaxBenefitSystem"]
