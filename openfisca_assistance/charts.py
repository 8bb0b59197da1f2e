"""Charts of sweeps: every entitlement and the total against the varied input.

The chart has one panel per programme that pays something (or is not
determined) at some point, and a last panel with the total cash paid in the
month. The baseline is a wide pale line and each reform a dashed one on top,
so cliffs (an amount that drops to 0) and tapers show where the lines part. Points where a programme is not determined are gaps,
marked with crosses on the axis. Drawn with matplotlib's Agg backend, so no
display is needed.
"""

from __future__ import annotations

import csv
import math
import textwrap
from pathlib import Path
from typing import Any

COLUMNS_PER_ROW = 2
PANEL_WIDTH = 6.4
PANEL_HEIGHT = 3.4
STYLES = ("-", "--", "-.", ":")
TITLE_WIDTH = 140


def paid_programmes(result: dict[str, Any]) -> list[str]:
    """Return the programmes that pay a cash amount above 0, or are not determined, at some point."""
    shown = []
    for program_id in result["programs"]:
        for row in result["points"]:
            entries = [row["columns"][column]["programs"][program_id] for column in result["columns"]]
            if any(entry["amount"] not in (None, 0) or entry["status"] == "not_determined" for entry in entries):
                shown.append(program_id)
                break
    return shown


def _series(result: dict[str, Any], column: str, program_id: str | None) -> list[float]:
    values = []
    for row in result["points"]:
        cell = row["columns"][column]
        amount = cell["total"] if program_id is None else cell["programs"][program_id]["amount"]
        values.append(math.nan if amount is None else amount)
    return values


def _not_determined(result: dict[str, Any], column: str, program_id: str) -> list[float]:
    return [
        row["value"] for row in result["points"]
        if row["columns"][column]["programs"][program_id]["status"] == "not_determined"
    ]


def write_chart(result: dict[str, Any], prefix: str | Path) -> list[Path]:
    """Write the sweep chart as PREFIX.png and PREFIX.svg and return their paths."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    prefix = Path(prefix)
    prefix.parent.mkdir(parents=True, exist_ok=True)
    panels = [*paid_programmes(result), None]
    rows = math.ceil(len(panels) / COLUMNS_PER_ROW)
    figure, axes = pyplot.subplots(
        rows, COLUMNS_PER_ROW, figsize=(PANEL_WIDTH * COLUMNS_PER_ROW, PANEL_HEIGHT * rows), squeeze=False,
    )
    x = [row["value"] for row in result["points"]]
    for index, program_id in enumerate(panels):
        axis = axes[index // COLUMNS_PER_ROW][index % COLUMNS_PER_ROW]
        title = "Total cash paid in the month" if program_id is None else result["programs"][program_id]
        for number, column in enumerate(result["columns"]):
            style = STYLES[number % len(STYLES)]
            # The baseline is drawn wide and pale, so a reform line on top of it stays visible.
            width, alpha = (4.0, 0.45) if number == 0 else (1.6, 1.0)
            label = result.get("labels", {}).get(column, column)
            axis.plot(x, _series(result, column, program_id), style, marker="o", markersize=3, linewidth=width,
                      alpha=alpha, label=label)
            if program_id is not None:
                missing = _not_determined(result, column, program_id)
                if missing:
                    axis.plot(missing, [0] * len(missing), "x", color="grey", label=f"{label}: not determined")
        axis.set_title(title, fontsize=10)
        axis.set_xlabel(result["input"])
        axis.set_ylabel("yuan (CNY)")
        axis.grid(True, alpha=0.3)
        axis.legend(fontsize=7)
    for index in range(len(panels), rows * COLUMNS_PER_ROW):
        axes[index // COLUMNS_PER_ROW][index % COLUMNS_PER_ROW].axis("off")
    unpaid = [program_id for program_id in result["programs"] if program_id not in panels]
    figure.suptitle(
        f"Entitlements against {result['input']}\n{result['file'] or 'situation'}, {result['month']}", fontsize=10,
    )
    footnote = ""
    if unpaid:
        # Long lists wrap so the note stays within the figure.
        footnote = "\n".join(textwrap.wrap(f"Paying nothing over the range: {', '.join(unpaid)}.", TITLE_WIDTH))
        figure.text(0.01, 0.005, footnote, fontsize=7, va="bottom")
    figure.tight_layout(rect=(0, 0.04 * (footnote.count("\n") + 1) if footnote else 0, 1, 1))
    paths = [prefix.with_name(prefix.name + ".png"), prefix.with_name(prefix.name + ".svg")]
    for path in paths:
        figure.savefig(path)
    pyplot.close(figure)
    return paths


def write_table(result: dict[str, Any], prefix: str | Path) -> Path:
    """Write every point's status and amount of each programme and column as PREFIX.csv."""
    path = Path(prefix)
    path = path.with_name(path.name + ".csv")
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([result["input"], "column", "programme", "status", "amount"])
        for row in result["points"]:
            for column in result["columns"]:
                cell = row["columns"][column]
                for program_id, entry in cell["programs"].items():
                    writer.writerow([row["value"], column, program_id, entry["status"], entry["amount"]])
                writer.writerow([row["value"], column, "total", "", cell["total"]])
    return path
