"""Reading YAML input files: duplicate keys rejected, errors with line and column."""

from __future__ import annotations

from typing import Any

import yaml

from openfisca_assistance.errors import InputError


class UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that rejects a key given twice in one mapping."""


def _construct_mapping(loader, node, deep=False):
    seen: dict[str, int] = {}
    for key_node, _ in node.value:
        key = str(loader.construct_object(key_node, deep=deep))
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first on line {seen[key]})", key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line + 1
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(text: str, *, file: str | None, loader: type[yaml.SafeLoader] = UniqueKeyLoader) -> Any:
    """Parse YAML text, raising InputError with the position of a syntax error."""
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except RecursionError as error:
        raise InputError("the YAML is nested too deeply", file=file, fix="flatten the file") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        raise InputError(
            f"invalid YAML: {getattr(error, 'problem', None) or error}", file=file, location=where,
            fix="correct the YAML at that position",
        ) from error
