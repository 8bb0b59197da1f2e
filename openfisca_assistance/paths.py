"""Locations of the rule folders, in a built wheel and in a source checkout.

The wheel ships `parameters/`, `variables/` and `reforms/` inside this
package. A source checkout keeps them at the repository's top level, next to
this package. Both layouts resolve to the same three folders here.
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _rules_root() -> Path:
    if (PACKAGE_DIR / "parameters").is_dir():
        return PACKAGE_DIR
    return PACKAGE_DIR.parent


RULES_ROOT = _rules_root()
PARAMETERS_DIR = RULES_ROOT / "parameters"
VARIABLES_DIR = RULES_ROOT / "variables"
REFORMS_DIR = RULES_ROOT / "reforms"
DATA_DIR = PACKAGE_DIR / "data"
