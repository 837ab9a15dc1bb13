"""Read YAML keeping the line of every key and item, so problems can point at the line to fix."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from compactwatch.core.validation import Problem

Location = tuple[str, int]
KeyPath = tuple[str | int, ...]


@dataclass
class LocatedData:
    """Plain Python data from YAML, and where each part of it was written."""

    data: dict[str, Any] = field(default_factory=dict)
    locations: dict[KeyPath, Location] = field(default_factory=dict)

    def locate(self, path: KeyPath) -> Location | None:
        """The location of `path`, or of its nearest written ancestor."""
        while True:
            if path in self.locations:
                return self.locations[path]
            if not path:
                return None
            path = path[:-1]


def format_path(path: KeyPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _construct(node: yaml.Node, file: str, path: KeyPath, locations: dict[KeyPath, Location]) -> Any:
    locations[path] = (file, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(_scalar(key_node))
            if key in result:
                raise DuplicateKey(key, file, key_node.start_mark.line + 1, path)
            result[key] = _construct(value_node, file, (*path, key), locations)
            locations[(*path, key)] = (file, key_node.start_mark.line + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, file, (*path, index), locations) for index, item in enumerate(node.value)]
    return _scalar(node)


_SCALARS = yaml.SafeLoader("")


def _scalar(node: yaml.Node) -> Any:
    return _SCALARS.construct_object(node, deep=True)


class DuplicateKey(Exception):
    def __init__(self, key: str, file: str, line: int, path: KeyPath) -> None:
        super().__init__(f"key {key!r} appears twice")
        self.problem = Problem(
            code="duplicate-key",
            message=f"key {key!r} appears twice in the same mapping",
            file=file,
            line=line,
            path=format_path((*path, key)),
        )


def read_located(files: list[Path], base: Path | None = None) -> tuple[LocatedData, list[Problem]]:
    """Merge the top-level mappings of `files` into one, refusing a section written twice."""
    merged = LocatedData()
    problems: list[Problem] = []
    for path in files:
        name = str(path.relative_to(base)) if base else str(path)
        try:
            node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark else None
            problems.append(Problem("yaml-syntax", f"not valid YAML: {error}", file=name, line=line))
            continue
        except UnicodeDecodeError as error:
            problems.append(Problem("encoding", f"not UTF-8 text: {error}", file=name))
            continue
        if node is None:
            continue
        if not isinstance(node, yaml.MappingNode):
            problems.append(
                Problem("not-a-mapping", "the file must be a mapping of sections", file=name, line=1)
            )
            continue
        locations: dict[KeyPath, Location] = {}
        try:
            data = _construct(node, name, (), locations)
        except DuplicateKey as duplicate:
            problems.append(duplicate.problem)
            continue
        for section, value in data.items():
            if section in merged.data:
                first = merged.locations[(section,)]
                problems.append(
                    Problem(
                        "duplicate-section",
                        f"section {section!r} is already written in {first[0]} line {first[1]}",
                        file=name,
                        line=locations[(section,)][1],
                        path=section,
                    )
                )
                continue
            merged.data[section] = value
            merged.locations.update({key: loc for key, loc in locations.items() if key and key[0] == section})
    return merged, problems
