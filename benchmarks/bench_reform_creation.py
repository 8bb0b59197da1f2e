"""Time how long creating a reform takes: named reforms, and reform files by size of change.

A reform file is applied by `reform_files.overlay`, which copies only the
leaves it changes and the nodes on their paths. openfisca-core's
`Reform.modify_parameters` deep-copies the whole parameter tree first. The
benchmark applies the same changes both ways, for 1 to all leaves of the
tree. It then applies one change to trees 1 to 8 times the size of the
package's, so the two costs can be compared as the change and the tree grow.

Run from the repository root:

    PYTHONPATH=. python benchmarks/bench_reform_creation.py [--repeat N]

It prints a Markdown table; benchmarks/README.md records a run.
"""

from __future__ import annotations

import argparse
import copy
import platform
import statistics
import time

from openfisca_core import periods
from openfisca_core.parameters import Parameter, ParameterNode
from openfisca_core.reforms import Reform

from openfisca_assistance import reform_files, reforming
from openfisca_assistance.engine import baseline_system
from openfisca_assistance.reforms import available

DATE = "2030-01-01"


def numeric_leaves(node, prefix=""):
    """Yield (path, leaf) for every leaf whose latest value is a number (not a boolean)."""
    for key, child in node.children.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(child, ParameterNode):
            yield from numeric_leaves(child, path)
        elif isinstance(child, Parameter) and child.values_list:
            value = child.values_list[0].value
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                yield path, child


def timed(function, repeat: int) -> float:
    """Return the median wall time of `function` in milliseconds over `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def reform_file_for(paths: list[tuple[str, Parameter]], tree) -> reform_files.ReformFile:
    data = {"parameters": {path: {DATE: leaf.values_list[0].value} for path, leaf in paths}}
    return reform_files.parse(data, name="benchmark", parameters=tree)


def deep_copy_reform(system, changes: reform_files.ReformFile):
    """Apply the changes the way openfisca-core's documentation shows: modify_parameters."""

    def modifier(parameters):
        for change in changes.changes:
            node = parameters
            for part in change.path.split("."):
                node = node.children[part]
            for segment in change.segments:
                node.update(start=periods.instant(segment.start), value=segment.value)
        return parameters

    class DeepCopy(Reform):
        def apply(self):
            self.modify_parameters(modifier)

    return DeepCopy(system)


def bigger_tree(tree: ParameterNode, factor: int) -> ParameterNode:
    """Return a tree holding `factor` deep copies of `tree` under copy_0 .. copy_{factor-1}."""
    root = ParameterNode("", data={})
    for index in range(factor):
        root.add_child(f"copy_{index}", copy.deepcopy(tree))
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="Runs per measurement; the median is shown.")
    options = parser.parse_args()
    repeat = options.repeat

    system = baseline_system()
    leaves = list(numeric_leaves(system.parameters))
    print(f"Python {platform.python_version()}, {platform.machine()}, {platform.processor() or 'unknown CPU'}")
    print(f"parameter tree: {len(list(reform_files._iter_leaf_paths(system.parameters, '')))} leaves\n")

    print("| named reform | creation (ms) |\n|---|---:|")
    for name, reform_class in sorted(available().items()):
        print(f"| {name} | {timed(lambda: reform_class(system), repeat):.3f} |")
    print(f"| all four stacked | {timed(lambda: reforming.build_system(sorted(available()), []), repeat):.3f} |")

    print("\n| changed leaves | validation (ms) | overlay reform (ms) | modify_parameters deep copy (ms) |\n"
          "|---:|---:|---:|---:|")
    for count in (1, 10, 50, len(leaves)):
        validation_ms = timed(lambda: reform_file_for(leaves[:count], system.parameters), repeat)
        changes = reform_file_for(leaves[:count], system.parameters)
        reform_class = changes.reform_class()
        overlay_ms = timed(lambda: reform_class(system), repeat)
        deep_ms = timed(lambda: deep_copy_reform(system, changes), repeat)
        print(f"| {count} | {validation_ms:.3f} | {overlay_ms:.3f} | {deep_ms:.1f} |")

    print("\n| tree size (x package tree) | leaves | overlay, 1 change (ms) | deep copy, 1 change (ms) |\n"
          "|---:|---:|---:|---:|")
    for factor in (1, 2, 4, 8):
        tree = bigger_tree(system.parameters, factor)
        path, leaf = leaves[0]
        changes = reform_files.parse(
            {"parameters": {f"copy_0.{path}": {DATE: leaf.values_list[0].value}}}, name="benchmark", parameters=tree,
        )
        count = len(list(reform_files._iter_leaf_paths(tree, "")))
        overlay_ms = timed(lambda: reform_files.overlay(tree, changes), repeat)
        deep_ms = timed(lambda: copy.deepcopy(tree), repeat)
        print(f"| {factor} | {count} | {overlay_ms:.3f} | {deep_ms:.1f} |")


if __name__ == "__main__":
    main()
