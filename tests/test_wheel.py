"""The built wheel ships the rule folders and gives a working `assistance` command."""

import json
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(REPOSITORY)],
        check=True,
        capture_output=True,
        text=True,
    )
    return next(out.glob("*.whl"))


def test_wheel_contains_rules_inside_the_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert any(name.startswith("openfisca_assistance/parameters/") for name in names)
    assert any(name.startswith("openfisca_assistance/variables/") for name in names)
    assert any(name.startswith("openfisca_assistance/reforms/") for name in names)
    assert "openfisca_assistance/data/localities.yaml" in names
    top_level = {name.split("/")[0] for name in names}
    assert not top_level & {"parameters", "variables", "reforms"}


def test_installed_wheel_runs_check(wheel, tmp_path):
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    # Install the wheel alone; its dependencies come from this test
    # environment through a .pth file, so the test needs no network.
    subprocess.run([python, "-m", "pip", "install", "--no-deps", "--quiet", str(wheel)], check=True)
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    Path(purelib, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    example = REPOSITORY / "examples" / "beijing_urban_dibao.yaml"
    # The installed wheel, not this checkout, must run the check.
    clean_environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    completed = subprocess.run(
        [environment / "bin" / "assistance", "check", str(example), "--format", "json"],
        capture_output=True, text=True, cwd=tmp_path,
        env=clean_environment,
    )
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)
    assert result["programs"]["dibao"]["amount"] == 960
    located = subprocess.run(
        [python, "-c", "import openfisca_assistance, openfisca_assistance.paths as p; print(p.PARAMETERS_DIR)"],
        capture_output=True, text=True, cwd=tmp_path, check=True, env=clean_environment,
    ).stdout.strip()
    assert str(environment) in located
