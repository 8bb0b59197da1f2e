"""Build the rule set for a check: the baseline, or the baseline with reforms applied."""

from __future__ import annotations

from pathlib import Path

from openfisca_assistance.errors import InputError


def names(reforms: list[str], reform_files: list[Path]) -> list[str]:
    """Return the names a result lists for the reforms applied."""
    return [*reforms, *(f"file:{Path(path).name}" for path in reform_files)]


def build_system(reforms: list[str], reform_files: list[Path]):
    """Return the tax-benefit system with the named reforms and reform files applied, in order."""
    from openfisca_assistance.engine import baseline_system
    from openfisca_assistance.reforms import load

    system = baseline_system()
    for name in reforms:
        try:
            reform_class = load(name)
        except KeyError as error:
            raise InputError(str(error.args[0]), location="--reform", value=name,
                             fix="run `assistance reforms` to list the reforms") from error
        system = reform_class(system)
    if reform_files:
        raise InputError("reform files are not supported yet", location="--reform-file",
                         value=[str(path) for path in reform_files])
    return system
