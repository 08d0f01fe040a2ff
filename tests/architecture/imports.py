"""Reads every import of a package and checks it against a layered table of rooms.

A room is a module prefix (``regie.cases``); the longest matching prefix wins, so
``regie.directory.pages`` can be a room of its own inside ``regie.directory``. The table is
a list of layers, top to bottom. An import between two rooms is allowed only downwards,
to a strictly lower layer. Cycles between rooms are found separately, from the room graph
itself, so a wrong table cannot hide one.

Pure stdlib on purpose: the check reads source text and never imports the package.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

Layers = Sequence[Sequence[str]]

# A tangled graph has exponentially many loops; past this many, more would not help anyone.
MAX_CYCLES = 100


@dataclass(frozen=True)
class Import:
    file: Path
    line: int
    importer: str  # dotted module name of the importing file
    imported: str  # dotted module name, resolved to a submodule where one exists

    @property
    def where(self) -> str:
        return f"{_shown(self.file)}:{self.line}"


@dataclass(frozen=True)
class ForbiddenEdge:
    edge: Import
    importer_room: str
    importer_layer: int  # 1 = top, as numbered in the rules table
    imported_room: str
    imported_layer: int

    def __str__(self) -> str:
        why = (
            "rooms in the same layer never import each other"
            if self.importer_layer == self.imported_layer
            else "that points upwards; a room may import only rooms in lower layers"
        )
        return (
            f"{self.edge.where}: {self.edge.importer} imports {self.edge.imported}\n"
            f"    room {self.importer_room} (layer {self.importer_layer}) -> "
            f"room {self.imported_room} (layer {self.imported_layer}): {why}. Move what it "
            f"needs down a layer, or let the caller pass it in."
        )


@dataclass(frozen=True)
class Cycle:
    rooms: tuple[str, ...]  # rooms[i] imports rooms[i + 1]; the last imports the first
    examples: tuple[Import, ...]  # one import per edge, in the same order

    def __str__(self) -> str:
        loop = " -> ".join((*self.rooms, self.rooms[0]))
        edges = "".join(f"\n    {e.importer} -> {e.imported}  ({e.where})" for e in self.examples)
        return f"cycle {loop}; break one of these edges:{edges}"


@dataclass(frozen=True)
class Homeless:
    file: Path
    module: str

    def __str__(self) -> str:
        return f"{_shown(self.file)}: module {self.module} matches no room; add it to the table."


@dataclass(frozen=True)
class Report:
    forbidden: list[ForbiddenEdge]
    cycles: list[Cycle]
    homeless: list[Homeless]


def check(root: Path, layers: Layers) -> Report:
    """Check the package whose directory is ``root`` (e.g. ``src/regie``)."""
    layer_of = {room: n for n, rooms in enumerate(layers, start=1) for room in rooms}
    if len(layer_of) != sum(len(rooms) for rooms in layers):
        raise ValueError("a room is listed twice in the rules table")
    homeless = [
        Homeless(file, module)
        for file, module in _modules(root)
        if room_of(module, layer_of) is None
    ]
    forbidden: list[ForbiddenEdge] = []
    graph: dict[str, dict[str, Import]] = {}  # room -> imported room -> first example
    for edge in read_imports(root):
        source, target = room_of(edge.importer, layer_of), room_of(edge.imported, layer_of)
        if source is None or target is None or source == target:
            continue  # homeless modules are reported above; inside a room anything goes
        graph.setdefault(source, {}).setdefault(target, edge)
        if layer_of[source] >= layer_of[target]:
            forbidden.append(
                ForbiddenEdge(edge, source, layer_of[source], target, layer_of[target])
            )
    return Report(forbidden, _cycles(graph), homeless)


def room_of(module: str, rooms: Iterable[str]) -> str | None:
    """The longest room prefix of ``module``, or None."""
    root_package = module.split(".")[0]
    matches = [
        room
        for room in rooms
        # The root package is a room for its ``__init__`` only: as a prefix it would swallow
        # every module, and a new top-level package would never be reported.
        if module == room or (room != root_package and module.startswith(room + "."))
    ]
    return max(matches, key=len, default=None)


def read_imports(root: Path) -> list[Import]:
    """Every import of the package itself, anywhere in a file (functions, try, TYPE_CHECKING)."""
    found: list[Import] = []
    for file, module in _modules(root):
        package = module if file.name == "__init__.py" else module.rpartition(".")[0]
        targets: set[tuple[int, str]] = set()
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"), str(file))):
            if isinstance(node, ast.Import):
                targets.update((node.lineno, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = _absolute(node, package)
                if base is None or base.split(".")[0] != root.name:
                    continue
                # `from regie import deadlines` imports the package regie.deadlines, not regie.
                targets.update(
                    (node.lineno, _submodule(root, f"{base}.{alias.name}") or base)
                    for alias in node.names
                )
        found.extend(
            Import(file, line, module, name)
            for line, name in sorted(targets)
            if name.split(".")[0] == root.name  # only the package's own imports
        )
    return found


def _modules(root: Path) -> Iterator[tuple[Path, str]]:
    for file in sorted(root.rglob("*.py")):
        parts = file.relative_to(root.parent).with_suffix("").parts
        if "migrations" in parts:
            continue  # generated, and Django wires them by app label, not by layer
        yield file, ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(node: ast.ImportFrom, package: str) -> str | None:
    """The absolute module a `from ... import` reads from; None if it climbs out of the tree."""
    if node.level == 0:
        return node.module
    parts = package.split(".")
    if node.level - 1 >= len(parts):
        return None
    base = parts[: len(parts) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _submodule(root: Path, name: str) -> str | None:
    path = root.parent.joinpath(*name.split("."))
    return name if path.is_dir() or path.with_suffix(".py").is_file() else None


def _cycles(graph: dict[str, dict[str, Import]]) -> list[Cycle]:
    """Every simple loop of rooms, searched inside each strongly connected component."""
    cycles: list[Cycle] = []
    for component in _components(graph):
        for start in sorted(component):
            # Only rooms sorting after `start` may follow it, so each loop is found once.
            stack = [[start]]
            while stack and len(cycles) < MAX_CYCLES:
                path = stack.pop()
                for nxt in sorted(graph.get(path[-1], {}), reverse=True):
                    if nxt == start:
                        pairs = zip(path, [*path[1:], start], strict=True)
                        examples = tuple(graph[a][b] for a, b in pairs)
                        cycles.append(Cycle(tuple(path), examples))
                    elif nxt in component and nxt > start and nxt not in path:
                        stack.append([*path, nxt])
    return cycles


def _components(graph: dict[str, dict[str, Import]]) -> list[set[str]]:
    """Strongly connected components of more than one room: rooms that reach each other.

    Quadratic, and plain: a house has a few dozen rooms.
    """
    reach = {room: _reachable(graph, room) for room in graph}
    components = {frozenset(b for b in reach if b in reach[a] and a in reach[b]) for a in reach}
    return sorted((set(c) for c in components if len(c) > 1), key=min)


def _reachable(graph: dict[str, dict[str, Import]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), {}):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _shown(file: Path) -> str:
    """A path relative to the working directory when possible, so editors can jump to it."""
    try:
        return str(file.relative_to(Path.cwd()))
    except ValueError:
        return str(file)
