"""Run the OpenFisca YAML rule tests with `openfisca test`, one file per case."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from openfisca_assistance import yaml_tests

REPOSITORY = Path(__file__).resolve().parent.parent
RULES = REPOSITORY / "tests" / "rules"
YAML_FILES = sorted(RULES.rglob("*.yaml"))


def _openfisca_command() -> list[str]:
    found = shutil.which("openfisca", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "openfisca_core.scripts.openfisca_command"]


@pytest.mark.parametrize("path", YAML_FILES, ids=[str(p.relative_to(RULES)) for p in YAML_FILES])
def test_yaml_rule_file(path, system):
    # The strict check runs first, so an unknown key or variable reads as
    # "did you mean" instead of the runner's bare TypeError.
    errors = yaml_tests.validate_file(system, path)
    assert [error.render() for error in errors] == []
    completed = subprocess.run(
        [*_openfisca_command(), "test", "--country-package", "openfisca_assistance", str(path)],
        capture_output=True,
        text=True,
        check=False,
        # Test the rules in this checkout, not a copy installed earlier.
        env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
    )
    assert completed.returncode == 0, completed.stdout[-6000:] + completed.stderr[-3000:]
