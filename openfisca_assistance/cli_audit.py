"""Audit commands: `assistance explain`, `assistance verify` and `assistance check-tests`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from openfisca_assistance import engine, explanations, records, reforming, yaml_tests
from openfisca_assistance import situation as situations
from openfisca_assistance.cli import Language, OutputFormat, app, fail
from openfisca_assistance.errors import AssistanceError

DEFAULT_TEST_PATHS = [Path("tests/rules")]
EXIT_DIFFERENT = 1


@app.command("explain")
def explain_command(
    file: Annotated[Path, typer.Argument(help="Situation file (YAML or JSON), friendly or OpenFisca format.")],
    month: Annotated[Optional[str], typer.Option(help="Month to explain, YYYY-MM. Defaults to the file's month, else the current month.")] = None,
    variable: Annotated[Optional[str], typer.Option(help="Explain this variable only, instead of every programme.")] = None,
    depth: Annotated[Optional[int], typer.Option(help="Levels of the tree to show below each root; all when omitted.")] = None,
    hide_defaults: Annotated[bool, typer.Option("--hide-defaults", help="Hide inputs the situation does not give, which take their default value.")] = False,
    lang: Annotated[Language, typer.Option(help="Language of labels and messages.")] = Language.en,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="Output format: the text tree, or JSON in the trace schema.")] = OutputFormat.text,
    reform: Annotated[Optional[list[str]], typer.Option("--reform", help="Apply a reform by name; repeat to stack reforms.")] = None,
    reform_file: Annotated[Optional[list[Path]], typer.Option("--reform-file", help="Apply a parametric reform file (YAML); repeatable.")] = None,
) -> None:
    """Explain each result: failed conditions first, then the computation tree with rules and parameter values."""
    try:
        data = situations.read_file(file)
        system = reforming.build_system(reform or [], reform_file or [])
        trace = explanations.explain(
            data, month, variable=variable, depth=depth, hide_defaults=hide_defaults, lang=lang.value,
            file=str(file), system=system, reforms=reforming.names(reform or [], reform_file or []),
        )
    except AssistanceError as error:
        fail(error)
    if output_format is OutputFormat.json:
        typer.echo(json.dumps(trace, ensure_ascii=False, indent=2))
    else:
        typer.echo(explanations.render_text(trace))


@app.command("verify")
def verify_command(
    record: Annotated[Path, typer.Argument(help="Determination record written by `assistance check --record`.")],
    output_format: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.text,
) -> None:
    """Recompute a determination record; print "identical" or each difference.

    Exit codes: 0 identical, 1 different, 2 invalid record.
    """
    try:
        report = records.verify(record)
    except AssistanceError as error:
        fail(error)
    if output_format is OutputFormat.json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2, default=str))
    else:
        typer.echo(records.render_report(report))
    if not report["identical"]:
        raise typer.Exit(EXIT_DIFFERENT)


@app.command("check-tests")
def check_tests_command(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="YAML test files or folders. Default: tests/rules.")] = None,
) -> None:
    """Validate OpenFisca YAML test files strictly, before `openfisca test` runs them.

    Lists every error with its file, case and key. Exit codes: 0 valid, 2 invalid.
    """
    try:
        system = engine.baseline_system()
        count, errors = yaml_tests.validate_paths(system, paths or DEFAULT_TEST_PATHS)
    except AssistanceError as error:
        fail(error)
    for error in errors:
        typer.echo(error.render(), err=True)
    typer.echo(f"{count} files checked, {len(errors)} errors")
    if errors:
        raise typer.Exit(AssistanceError.exit_code)
