"""Reform commands: `assistance reforms`, `assistance compare` and `assistance sweep`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from openfisca_assistance import charts, comparison, reform_files, reforming, sweeping
from openfisca_assistance import situation as situations
from openfisca_assistance.cli import Language, OutputFormat, app, fail
from openfisca_assistance.errors import AssistanceError, InputError

ReformOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--reform",
        help="A reform to compare with the baseline, by name (NAME@YYYY-MM to move its start); "
        "join names or reform files with + to stack them in one column; repeat for more columns.",
    ),
]
ReformFileOption = Annotated[
    Optional[list[Path]],
    typer.Option("--reform-file", help="A reform file (YAML) to compare with the baseline, in its own column; repeatable."),
]
MonthOption = Annotated[
    Optional[str],
    typer.Option(help="Month to compute, YYYY-MM. Defaults to the file's month, else the current month."),
]
LanguageOption = Annotated[Language, typer.Option(help="Language of labels and messages.")]


def _money(value: Any) -> str:
    return "-" if value is None else f"{value:,.2f}"


def _signed(value: Any) -> str:
    return "" if value is None else f"{value:+,.2f}"


# --- assistance reforms ------------------------------------------------------


def _bundled_files() -> list[dict[str, Any]]:
    files = []
    for name, path in reform_files.bundled().items():
        try:
            parsed = reform_files.read(path)
        except AssistanceError as error:
            files.append({"name": name, "path": str(path), "description": None, "error": error.message})
            continue
        files.append({
            "name": name,
            "path": str(path),
            "description": parsed.description,
            "parameters": parsed.paths,
            "yaml_test_path": f"openfisca_assistance.reforms.files.{name}",
        })
    return files


@app.command("reforms")
def reforms_command(
    name: Annotated[Optional[str], typer.Argument(help="Show the provisions of this reform.")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.text,
) -> None:
    """List the reforms and the bundled reform files, or the provisions of one reform."""
    from openfisca_assistance.reforms import available

    try:
        if name is not None:
            described = [reforming.describe(reforming.load_class(name))]
        else:
            described = [reforming.describe(reform_class) for reform_class in available().values()]
        files = _bundled_files() if name is None else []
    except AssistanceError as error:
        fail(error)
    if output_format is OutputFormat.json:
        typer.echo(json.dumps({"reforms": described, "reform_files": files}, ensure_ascii=False, indent=2))
        return
    width = max((len(item["name"]) for item in described), default=0)
    for item in described:
        start = f"from {item['start']}" if item["start"] else "no start date"
        typer.echo(f"{item['name']:<{width}}  {start:<16}  {item['description']}")
        if name is not None:
            typer.echo(f"\nstart date parameter: {item['start_parameter']} (move it with --reform {item['name']}@YYYY-MM)")
            typer.echo(f"YAML tests: reforms: [{item['yaml_test_path']}]\n\nprovisions encoded:")
            for provision in item["provisions"]:
                typer.echo(f"  {provision['article']} [{provision['code']}, confidence {provision['confidence']}]: "
                           f"{provision['summary']}")
            typer.echo("\nleft out:")
            for left in item["left_out"]:
                typer.echo(f"  {left['article']}: {left['summary']} ({left['reason']})")
    if files:
        typer.echo("\nreform files in reforms/files/ (--reform-file PATH; YAML tests: openfisca_assistance.reforms.files.NAME):")
        file_width = max(len(item["name"]) for item in files)
        for item in files:
            typer.echo(f"  {item['name']:<{file_width}}  {item['description'] or item.get('error', '')}")


# --- assistance compare ------------------------------------------------------


def _cell(entry: dict[str, Any] | None, field: str) -> str:
    if entry is None:
        return "-"
    value = entry.get(field)
    if field == "amount":
        return _money(value)
    if value is None:
        return "-"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _table(rows: list[list[str]], indent: str = "   ") -> list[str]:
    widths = [max(len(row[index]) for row in rows) for index in range(len(rows[0]))]
    return [indent + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]


def _causes_text(provisions: list[dict[str, Any]]) -> str:
    return "; ".join(
        f"{item['reform']} {item['article']} ({item['code']}, confidence {item['confidence']})" for item in provisions
    )


def _programme_lines(program_id: str, program: dict[str, Any], columns: list[str]) -> list[str]:
    """Return a changed programme's table, authorities, services and causes, then its changed persons."""
    others = columns[1:]
    results = program["results"]
    changes = program["changes"]
    base = results[comparison.BASELINE]
    lines = [f"\n== {program['label']} [{program_id}]  ({program['unit']}, {program['period']})"]
    rows = [["", *columns]]
    for field in ("status", "amount", "responsible_locality", "tier"):
        rows.append([field, *(_cell(results[column], field) for column in columns)])
    rows.append(["difference", "", *(_signed(changes[column]["amount_difference"]) for column in others)])
    lines.extend(_table(rows))

    for column in columns:
        differs = results[column].get("responsible_authority") != base.get("responsible_authority")
        if column == comparison.BASELINE or differs:
            lines.append(f"   authority [{column}]: {_cell(results[column], 'responsible_authority')}")
    for column in others:
        extra = [item for item in (results[column].get("provides") or []) if item not in (base.get("provides") or [])]
        if extra:
            lines.append(f"   also provides [{column}]: {', '.join(extra)}")
        if changes[column]["provisions"]:
            lines.append(f"   changed by [{column}]: {_causes_text(changes[column]['provisions'])}")

    for person_id, person in program["persons"].items():
        if not any(person["changes"][column]["changed"] for column in others):
            continue
        cells = []
        for column in columns:
            entry = person["results"][column]
            cells.append("-" if entry is None else f"{entry['status']} {_money(entry['amount'])}")
        lines.append(f"   person {person_id}: " + " | ".join(cells))
        for column in others:
            if person["changes"][column]["provisions"]:
                lines.append(f"      changed by [{column}]: {_causes_text(person['changes'][column]['provisions'])}")
    return lines


def _variable_lines(result: dict[str, Any], columns: list[str]) -> list[str]:
    """Return the variables the reforms change, with the values that differ between columns."""
    others = columns[1:]
    changed = {
        name: variable for name, variable in result["variables"].items()
        if any(variable["changes"][column]["changed"] for column in others)
    }
    if not changed:
        return []
    lines = ["\n== Statuses and targets the reforms change"]
    for name, variable in changed.items():
        lines.append(f"   {name} ({variable['label']}):")
        values = variable["values"]
        entity_ids = sorted({key for value in values.values() if isinstance(value, dict) for key in value})
        for entity_id in entity_ids:
            cells = [
                str(values[column].get(entity_id)) if isinstance(values[column], dict) else values[column]
                for column in columns
            ]
            if len(set(cells)) > 1:
                lines.append(f"      {variable['entity']} {entity_id}: " + " | ".join(cells))
        for column in others:
            if variable["changes"][column]["provisions"]:
                lines.append(f"      changed by [{column}]: {_causes_text(variable['changes'][column]['provisions'])}")
    return lines


def _total_lines(result: dict[str, Any], columns: list[str]) -> list[str]:
    totals = result["totals"]
    base_total = totals[comparison.BASELINE]["amount"]
    cells = []
    for column in columns:
        cell = _money(totals[column]["amount"])
        if column != comparison.BASELINE:
            cell += f" ({_signed(totals[column]['amount'] - base_total)})"
        cells.append(cell)
    lines = ["", "total cash in the month: " + " | ".join(cells)]
    for column in columns:
        if totals[column]["not_determined"]:
            lines.append(f"   [{column}] leaves out, not determined: {', '.join(totals[column]['not_determined'])}")
    return lines


def render_compare(result: dict[str, Any]) -> str:
    """Format a comparison as text: changed programmes in full, unchanged ones on one line."""
    columns = [column["id"] for column in result["columns"]]
    lines = [
        f"openfisca-assistance {result['engine']['version']}  month {result['month']}  {result['file'] or ''}".rstrip(),
        "columns: " + "; ".join(f"{column['id']} = {column['label']}" for column in result["columns"]),
    ]
    for program_id, program in result["programs"].items():
        others = columns[1:]
        outcome_changed = any(
            set(program["changes"][column]["fields"]) & set(comparison.OUTCOME_FIELDS) for column in others
        ) or any(person["changes"][column]["changed"] for person in program["persons"].values() for column in others)
        if outcome_changed:
            lines.extend(_programme_lines(program_id, program, columns))
            continue
        base = program["results"][comparison.BASELINE]
        amount = f", {_money(base['amount'])} {program['unit']}" if base["amount"] else ""
        described = [column for column in others if program["changes"][column]["changed"]]
        verdict = "same result" if described else "unchanged"
        lines.append(f"\n== {program['label']} [{program_id}]: {verdict} ({base['status']}{amount})")
        # Only the description differs (tier, services, where to apply): one line per column.
        for column in described:
            change = program["changes"][column]
            tier = program["results"][column].get("tier")
            fields = ", ".join(field.replace("_", " ") for field in change["fields"])
            text = f"   [{column}] {fields} differ" + (f"; tier: {tier}" if tier else "")
            if change["provisions"]:
                text += f"; by {_causes_text(change['provisions'])}"
            lines.append(text)
    lines.extend(_variable_lines(result, columns))
    lines.extend(_total_lines(result, columns))
    for column in columns:
        for notice in result["notices"][column]:
            lines.append(f"notice [{column}]: {notice['message']}")
    return "\n".join(lines)


@app.command("compare")
def compare_command(
    file: Annotated[Path, typer.Argument(help="Situation file (YAML or JSON), friendly or OpenFisca format.")],
    reform: ReformOption = None,
    reform_file: ReformFileOption = None,
    month: MonthOption = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.text,
    lang: LanguageOption = Language.en,
) -> None:
    """Compare each programme under the baseline and each reform, with the difference and the provisions behind it."""
    try:
        data = situations.read_file(file)
        result = comparison.compare(
            data, month, specs=reform or [], reform_files=reform_file or [], lang=lang.value, file=str(file),
        )
    except AssistanceError as error:
        fail(error)
    if output_format is OutputFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    else:
        typer.echo(render_compare(result))


# --- assistance sweep --------------------------------------------------------


def render_sweep(result: dict[str, Any]) -> str:
    """Format a sweep as a table: one row per value, the paying programmes and the total per column."""
    columns = result["columns"]
    paid = charts.paid_programmes(result)
    lines = [
        f"openfisca-assistance {result['engine']['version']}  month {result['month']}  {result['file'] or ''}".rstrip(),
        f"columns: {' | '.join(columns)}",
    ]
    header = [result["input"], *paid, "total"]
    rows = [header]
    for row in result["points"]:
        cells = [f"{row['value']:g}"]
        for program_id in [*paid, None]:
            values = []
            for column in columns:
                cell = row["columns"][column]
                if program_id is None:
                    text = _money(cell["total"]) + ("*" if cell["not_determined"] else "")
                else:
                    entry = cell["programs"][program_id]
                    text = "n/d" if entry["status"] == "not_determined" else _money(entry["amount"])
                values.append(text)
            cells.append(" | ".join(values))
        rows.append(cells)
    lines.extend(_table(rows, indent=""))
    if any(row["columns"][column]["not_determined"] for row in result["points"] for column in columns):
        lines.append("* the total leaves out programmes whose amount is not determined (n/d)")
    unpaid = [program_id for program_id in result["programs"] if program_id not in paid]
    if unpaid:
        lines.append(f"paying nothing over the range: {', '.join(unpaid)}")
    return "\n".join(lines)


def _default_prefix(file: Path, vary: str) -> Path:
    return Path(f"{file.stem}_sweep_{vary.split('.')[-1]}")


@app.command("sweep")
def sweep_command(
    file: Annotated[Path, typer.Argument(help="Situation file (YAML or JSON), friendly or OpenFisca format.")],
    vary: Annotated[str, typer.Option("--vary", help="Input to vary: a field such as wage_income, or a path such as members.spouse.income.wage_income.")],
    start: Annotated[float, typer.Option("--from", help="First value of the input.")],
    stop: Annotated[float, typer.Option("--to", help="Last value of the input (included).")],
    step: Annotated[float, typer.Option("--step", help="Step between values, above 0.")],
    reform: ReformOption = None,
    reform_file: ReformFileOption = None,
    month: MonthOption = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Prefix of the files written: PREFIX.png, PREFIX.svg and PREFIX.csv. Default: <file>_sweep_<input>.")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="Output format of the table.")] = OutputFormat.text,
    lang: LanguageOption = Language.en,
) -> None:
    """Compute every entitlement over a range of one input, print a table and write a chart, baseline against reforms."""
    try:
        data = situations.read_file(file)
        result = sweeping.sweep(
            data, vary, start, stop, step, month=month, specs=reform or [], reform_files=reform_file or [],
            lang=lang.value, file=str(file),
        )
        prefix = out or _default_prefix(file, vary)
        try:
            written = [*charts.write_chart(result, prefix), charts.write_table(result, prefix)]
        except OSError as error:
            raise InputError(f"cannot write the chart: {error.strerror}", location="--out", value=str(prefix),
                             fix="give a prefix in a folder you can write to") from error
    except AssistanceError as error:
        fail(error)
    result["files"] = [str(path) for path in written]
    if output_format is OutputFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    typer.echo(render_sweep(result))
    typer.echo("wrote " + ", ".join(str(path) for path in written))
