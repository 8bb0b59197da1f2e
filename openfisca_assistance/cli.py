"""The `assistance` command: eligibility checks for caseworkers."""

from __future__ import annotations

import json
import logging
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from openfisca_assistance import engine, localities, records, reforming
from openfisca_assistance import situation as situations
from openfisca_assistance.errors import AssistanceError
from openfisca_assistance.programs import registry as program_registry

logger = logging.getLogger("openfisca_assistance")

app = typer.Typer(
    name="assistance",
    help="Check social-assistance entitlements in China for one household and month.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


class Language(str, Enum):
    en = "en"
    zh = "zh"


def fail(error: AssistanceError) -> None:
    """Print an error on stderr and exit with its code."""
    typer.echo(error.render(), err=True)
    raise typer.Exit(error.exit_code)


TEXT = {
    "en": {
        "eligible": "eligible",
        "not_eligible": "not eligible",
        "not_determined": "not determined",
        "amount": "amount",
        "authority": "responsible",
        "locality": "locality",
        "standard": "standard applied",
        "basis": "legal basis",
        "why": "why",
        "missing": "missing",
        "warning": "warning",
        "provides": "provides",
        "tier": "tier",
        "notice": "notice",
        "details": "details",
        "person": "person",
        "from": "from",
        "confidence": "confidence",
    },
    "zh": {
        "eligible": "符合条件",
        "not_eligible": "不符合条件",
        "not_determined": "无法确定",
        "amount": "金额",
        "authority": "负责机关",
        "locality": "负责地",
        "standard": "适用标准",
        "basis": "法律依据",
        "why": "原因",
        "missing": "缺少数据",
        "warning": "提示",
        "provides": "救助内容",
        "tier": "救助类别",
        "notice": "说明",
        "details": "明细",
        "person": "人员",
        "from": "起",
        "confidence": "可信度",
    },
}


PERIODS_ZH = {
    "month": "每月",
    "one-off payment in the month": "当月一次性发放",
    "one-off": "一次性",
    "year": "每年",
}


def _period(period: str, lang: str) -> str:
    return PERIODS_ZH.get(period, period) if lang == "zh" else period


def _money(value: Any) -> str:
    return "-" if value is None else f"{value:,.2f}"


def render_text(result: dict[str, Any], lang: str) -> str:
    words = TEXT[lang]
    lines = [f"openfisca-assistance {result['engine']['version']}  month {result['month']}"]
    if result.get("reforms"):
        lines.append(f"reforms: {', '.join(result['reforms'])}")
    for notice in result.get("notices", []):
        lines.append(f"{words['notice']}: {notice['message']}")
    for program_id, entry in result["programs"].items():
        lines.append("")
        lines.append(f"== {entry['label']} [{program_id}]: {words[entry['status']]}")
        if entry.get("amount") is not None:
            lines.append(f"   {words['amount']}: {_money(entry['amount'])} {entry['unit']} ({_period(entry['period'], lang)})")
        lines.append(f"   {words['provides']}: {', '.join(entry.get('provides', []))}")
        if entry.get("tier"):
            lines.append(f"   {words['tier']}: {entry['tier']}")
        if entry.get("responsible_authority"):
            lines.append(f"   {words['authority']}: {entry['responsible_authority']}")
        if entry.get("responsible_locality"):
            lines.append(f"   {words['locality']}: {entry['responsible_locality']}")
        for read in entry.get("standard_applied", [])[:4]:
            source = read["reference"][0]["title"] if read.get("reference") else ""
            lines.append(
                f"   {words['standard']}: {read['path']} = {read['value']} "
                f"({words['from']} {read['effective_from']}, {words['confidence']} {read['confidence']}; {source})",
            )
        for reason in entry.get("reasons", []):
            lines.append(f"   {words['why']}: {reason['message']}")
        for missing in entry.get("missing", []):
            lines.append(f"   {words['missing']}: {missing['parameter']} ({missing['locality']}, {missing['month']})")
        for person_id, person in (entry.get("persons") or {}).items():
            if "status" not in person:
                continue
            has_amount = person.get("eligible") and (person.get("amount") is not None or person.get("missing"))
            amount = f", {_money(person.get('amount'))} {entry['unit']}" if has_amount else ""
            lines.append(f"   {words['person']} {person_id}: {words[person['status']]}{amount}")
            if person.get("eligible"):
                # Each entitlement names its office and locality, also where members differ.
                if person.get("responsible_authority") and person["responsible_authority"] != entry.get("responsible_authority"):
                    lines.append(f"      {words['authority']}: {person['responsible_authority']}")
                if person.get("responsible_locality") and person["responsible_locality"] != entry.get("responsible_locality"):
                    lines.append(f"      {words['locality']}: {person['responsible_locality']}")
            for reason in person.get("reasons", []):
                lines.append(f"      {words['why']}: {reason['message']}")
        for warning in entry.get("warnings", []):
            lines.append(f"   {words['warning']}: {warning['message']}")
        basis = "; ".join(f"{item['document']} {item['article']}" for item in entry.get("legal_basis", []))
        lines.append(f"   {words['basis']}: {basis}")
    return "\n".join(lines)


@app.command("check")
def check_command(
    file: Annotated[Path, typer.Argument(help="Situation file (YAML or JSON), friendly or OpenFisca format.")],
    month: Annotated[Optional[str], typer.Option(help="Month to check, YYYY-MM. Defaults to the file's month, else the current month.")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.text,
    lang: Annotated[Language, typer.Option(help="Language of labels and messages.")] = Language.en,
    reform: Annotated[Optional[list[str]], typer.Option("--reform", help="Apply a reform by name (NAME@YYYY-MM to move its start date); repeat to stack reforms.")] = None,
    reform_file: Annotated[Optional[list[Path]], typer.Option("--reform-file", help="Apply a parametric reform file (YAML); repeatable.")] = None,
    record: Annotated[Optional[Path], typer.Option("--record", help="Write a determination record to this file.")] = None,
) -> None:
    """Check every programme for one household and one month."""
    try:
        data = situations.read_file(file)
        system = reforming.build_system(reform or [], reform_file or [])
        result = engine.check(
            data, month, lang=lang.value, file=str(file), system=system,
            reforms=reforming.names(reform or [], reform_file or []),
        )
        if record is not None:
            records.write(record, data=data, result=result, reforms=reform or [], reform_files=reform_file or [],
                          system=system, file=str(file), lang=lang.value)
    except AssistanceError as error:
        fail(error)
    if output_format is OutputFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        typer.echo(render_text(result, lang.value))


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the friendly situation format."""
    typer.echo(json.dumps(situations.json_schema(), ensure_ascii=False, indent=2))


@app.command("localities")
def localities_command(
    output_format: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.text,
) -> None:
    """List the locality keys in the locality registry."""
    try:
        known = localities.registry()
    except AssistanceError as error:
        fail(error)
    if output_format is OutputFormat.json:
        typer.echo(json.dumps({key: vars(value) for key, value in known.items()}, ensure_ascii=False, indent=2))
        return
    for key, locality in known.items():
        typer.echo(f"{key}\t{locality.level}\t{locality.name_en}\t{locality.name_zh}")


@app.command("programs")
def programs_command(
    output_format: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.text,
    lang: Annotated[Language, typer.Option(help="Language of labels.")] = Language.en,
) -> None:
    """List the programmes the engine computes, with their department and legal basis."""
    try:
        known = program_registry()
    except AssistanceError as error:
        fail(error)
    if output_format is OutputFormat.json:
        typer.echo(json.dumps({key: value.model_dump() for key, value in known.items()}, ensure_ascii=False, indent=2))
        return
    for key, program in known.items():
        basis = "; ".join(f"{item.document} {item.article}" for item in program.legal_basis)
        typer.echo(f"{key}\t{program.label.get(lang.value)}\t{program.department.get(lang.value)}\t{basis}")


@app.command("variables")
def variables_command(
    entity: Annotated[Optional[str], typer.Option(help="Only variables of this entity: person or household.")] = None,
    inputs_only: Annotated[bool, typer.Option("--inputs", help="Only variables without a formula (inputs).")] = False,
) -> None:
    """List the variables a native situation may use, with entity, type and label."""
    from openfisca_assistance.engine import baseline_system

    try:
        system = baseline_system()
    except AssistanceError as error:
        fail(error)
    for name, variable in sorted(system.variables.items()):
        if entity and variable.entity.key != entity:
            continue
        if inputs_only and variable.formulas:
            continue
        kind = "input" if not variable.formulas else "computed"
        value_type = getattr(variable.value_type, "__name__", str(variable.value_type))
        typer.echo(f"{name}\t{variable.entity.key}\t{value_type}\t{kind}\t{variable.label}")


def main() -> None:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    app()


# Each module below adds its commands to `app`.
import openfisca_assistance.cli_serve  # noqa: E402,F401 - registers `assistance serve`
import openfisca_assistance.cli_audit  # noqa: E402,F401 - registers `explain`, `verify`, `check-tests`
import openfisca_assistance.cli_reforms  # noqa: E402,F401 - registers `reforms`, `compare`, `sweep`


if __name__ == "__main__":
    # Run through the imported module, whose `app` the modules above extend.
    from openfisca_assistance.cli import main as imported_main

    imported_main()
