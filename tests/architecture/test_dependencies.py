"""Dependencies point one way: faces -> cases -> directory, accounts -> deadlines, vocabulary.

Notifications is a leaf: it sends, and callers say what happens after. A package never
imports a face, and no two packages import each other. The checker reads every import of
src/regie (without importing it) and holds it against the table below.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

import regie
from tests.architecture.imports import Cycle, Import, Report, check, read_imports, room_of

SOURCE = Path(regie.__file__).parent

# The house as it is meant to be, top to bottom. A room may import only rooms in a lower
# layer; rooms in one layer never import each other. Rooms that do not exist yet are listed
# so that they land in the right place the day they are created.
#
# Three layers of the design doc's table are split in two, because one room of the layer
# uses another by design: the demo serves regie.wsgi, regie.tasks wraps regie.tick for
# Celery, and regie.settings reads the environment through regie.envparse.
LAYERS: list[list[str]] = [
    # 1. Entry points and wiring: they may reach anything below.
    ["regie.cli", "regie.celery", "regie.urls"],
    # 1b. The bulk generator (`regie generate`, bench): builds the demo world, then writes
    #     cases in bulk SQL past the write path, the one room allowed to.
    ["regie.generate"],
    # 2. The demo builds a whole world through the services and serves the application;
    #    `regie serve` runs the production server (gunicorn). Below cli, which calls both.
    ["regie.demo", "regie.serve"],
    # 3. The application objects that servers (and the demo) run. Wiring, split from layer 1.
    ["regie.wsgi", "regie.asgi"],
    # 4. Celery's thin wrappers around the background jobs. Split from layer 5.
    ["regie.tasks"],
    # 5. Background jobs: they may call services of any room below.
    ["regie.tick"],
    # 6. Faces: what people and other systems see. Faces never import each other.
    [
        "regie.web",
        "regie.intake",
        "regie.api",
        "regie.providers",
        "regie.reporting",
        "regie.directory.pages",
        "regie.beheer",
    ],
    # 7. The form kit, base templates, static files and error pages every face uses.
    ["regie.ui"],
    # 8. Rooms that read the register and keep their own records about it: the audit log
    #    and retention, learning (themes, trends, spikes, recommendations), and bulk imports
    #    (a file's batch and report; each row goes through the intake service).
    #    Documents: letters and the ombudsman dossier, written from a case.
    ["regie.privacy", "regie.learning", "regie.imports", "regie.documents"],
    # 9. The register itself.
    ["regie.cases"],
    # 10. Triage suggests a domain, kind and urgency from text; the intake asks it, so it
    #     sits below the register and reads no cases (training data is handed to it).
    ["regie.triage"],
    # 11. Who may do what.
    ["regie.accounts"],
    # 12. Municipalities, organisations, teams, responsibilities (the wegwijzer's data).
    ["regie.directory"],
    # 13. A leaf: it sends, and callers say what happens after.
    ["regie.notifications"],
    # 14. Settings, read from the environment. Split from the bottom layer.
    ["regie.settings"],
    # 15. Bottom: pure building blocks. `regie` is regie/__init__.py only.
    [
        "regie.vocabulary",
        "regie.limits",
        "regie.deadlines",
        "regie.envparse",
        "regie.client_address",
        "regie.deidentify",
        "regie.replica",
        "regie.redis_cache",
        "regie.db_cache",
        "regie.task_sender",
        "regie",
    ],
]


def findings(items: Sequence[object]) -> str:
    return f"{len(items)} finding(s):\n" + "\n".join(str(item) for item in items)


def fail_on(items: Sequence[object]) -> None:
    # pytest.fail rather than assert: the findings are the message, not a repr of the list.
    if items:
        pytest.fail(findings(items), pytrace=False)


def test_imports_point_one_way() -> None:
    fail_on(check(SOURCE, LAYERS).forbidden)


def test_no_cycles_between_rooms() -> None:
    fail_on(check(SOURCE, LAYERS).cycles)


def test_every_module_belongs_to_a_room() -> None:
    fail_on(check(SOURCE, LAYERS).homeless)


# Tests of the test: the checker must see what it claims to see.


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the real source tree to plant imports in."""
    target = tmp_path / "regie"
    shutil.copytree(SOURCE, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def plant(file: Path, statement: str) -> int:
    """Append `statement` inside a function at the end of `file`; return its line number."""
    text = file.read_text(encoding="utf-8").rstrip("\n")
    text += f"\n\n\ndef _planted() -> None:\n    {statement}  # planted\n"
    file.write_text(text, encoding="utf-8")
    return len(text.splitlines())


def test_a_planted_upward_import_is_reported_with_file_and_line(tree: Path) -> None:
    before = set(check(tree, LAYERS).forbidden)
    models = tree / "cases" / "models.py"
    line = plant(models, "from regie.web import urls")

    new = [edge for edge in check(tree, LAYERS).forbidden if edge not in before]

    assert len(new) == 1, findings(new)
    (edge,) = new
    assert (edge.edge.file, edge.edge.line) == (models, line)
    assert edge.edge.importer == "regie.cases.models"
    assert edge.edge.imported == "regie.web.urls"
    assert (edge.importer_room, edge.importer_layer) == ("regie.cases", layer("regie.cases"))
    assert (edge.imported_room, edge.imported_layer) == ("regie.web", layer("regie.web"))
    assert f"models.py:{line}: regie.cases.models imports regie.web.urls" in str(edge)


def layer(room: str) -> int:
    return next(n for n, rooms in enumerate(LAYERS, start=1) if room in rooms)


def test_a_planted_loop_is_reported_as_a_cycle(tree: Path) -> None:
    # Both directions are planted, so the test does not rely on today's cases -> notifications.
    plant(tree / "cases" / "models.py", "from regie.notifications import models")
    plant(tree / "notifications" / "models.py", "from regie.cases import models")

    cycles = check(tree, LAYERS).cycles

    loop = next((c for c in cycles if {"regie.cases", "regie.notifications"} == set(c.rooms)), None)
    assert loop is not None, findings(cycles)
    assert len(loop.examples) == 2
    for (source, target), example in zip(pairs(loop), loop.examples, strict=True):
        assert room_of(example.importer, [source]) == source
        assert room_of(example.imported, [target]) == target
        assert example.file.is_file()
        assert example.line > 0


def pairs(cycle: Cycle) -> list[tuple[str, str]]:
    return list(zip(cycle.rooms, (*cycle.rooms[1:], cycle.rooms[0]), strict=True))


def test_a_loop_through_three_rooms_is_reported_whole(tmp_path: Path) -> None:
    # However the table is drawn, the layer check sees only the edge that points up;
    # the cycle check shows the whole loop, with an example for every edge.
    write(tmp_path, "pkg/__init__.py", "")
    write(tmp_path, "pkg/a.py", "import pkg.b\n")
    write(tmp_path, "pkg/b.py", "import pkg.c\n")
    write(tmp_path, "pkg/c.py", "import pkg.a\n")

    report = check(tmp_path / "pkg", [["pkg.a"], ["pkg.b"], ["pkg.c"], ["pkg"]])

    assert [c.rooms for c in report.cycles] == [("pkg.a", "pkg.b", "pkg.c")]
    assert [(e.importer_room, e.imported_room) for e in report.forbidden] == [("pkg.c", "pkg.a")]


def write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


SYNTHETIC_LAYERS = [
    ["pkg.web"],
    ["pkg.directory.pages"],
    ["pkg.cases"],
    ["pkg.directory"],
    ["pkg.notifications"],
    ["pkg.deadlines", "pkg"],
]


@pytest.fixture
def synthetic(tmp_path: Path) -> Path:
    write(tmp_path, "pkg/__init__.py", "__version__ = '1'\n")
    write(tmp_path, "pkg/deadlines/__init__.py", "")
    write(tmp_path, "pkg/notifications.py", "")
    write(tmp_path, "pkg/directory/__init__.py", "")
    write(tmp_path, "pkg/directory/pages/__init__.py", "")
    write(tmp_path, "pkg/directory/pages/views.py", "")
    write(tmp_path, "pkg/web/__init__.py", "from .views import home\n")
    write(tmp_path, "pkg/web/views.py", "")
    write(tmp_path, "pkg/cases/__init__.py", "")
    write(tmp_path, "pkg/cases/models.py", "")
    write(
        tmp_path,
        "pkg/cases/calc.py",
        "from pkg import deadlines as calc\n"  # line 1: a package imported by name
        "from pkg import __version__\n"  # line 2: a plain name of the root package
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    import pkg.directory.pages.views\n"  # line 5: the longest prefix wins
        "try:\n"
        "    from pkg.directory import models\n"  # line 7: not a module -> pkg.directory
        "except ImportError:\n"
        "    pass\n",
    )
    write(tmp_path, "pkg/cases/services/__init__.py", "")
    write(
        tmp_path,
        "pkg/cases/services/intake.py",
        "def send() -> None:\n"
        "    from ... import notifications\n"  # line 2: up two packages, then a module
        "    from ..models import Case\n"  # line 3: same room
        "    from . import intake\n",  # line 4: same package
    )
    write(tmp_path, "pkg/deadlines/due.py", "from ..cases import models\n")  # upward
    write(tmp_path, "pkg/cases/migrations/0001_initial.py", "from pkg.web import views\n")
    return tmp_path / "pkg"


def test_named_and_relative_imports_resolve_to_the_right_module(synthetic: Path) -> None:
    seen = {(i.importer, i.line, i.imported) for i in read_imports(synthetic)}

    assert seen == {
        ("pkg.cases.calc", 1, "pkg.deadlines"),
        ("pkg.cases.calc", 2, "pkg"),
        ("pkg.cases.calc", 5, "pkg.directory.pages.views"),
        ("pkg.cases.calc", 7, "pkg.directory"),
        ("pkg.cases.services.intake", 2, "pkg.notifications"),
        ("pkg.cases.services.intake", 3, "pkg.cases.models"),
        ("pkg.cases.services.intake", 4, "pkg.cases.services.intake"),
        ("pkg.deadlines.due", 1, "pkg.cases.models"),
        ("pkg.web", 1, "pkg.web.views"),
    }  # and nothing from migrations/


def test_imports_land_in_the_right_rooms(synthetic: Path) -> None:
    report = check(synthetic, SYNTHETIC_LAYERS)

    # Cases may import pkg.deadlines, pkg and pkg.directory; only these two edges are wrong.
    rooms = {(e.importer_room, e.imported_room) for e in report.forbidden}
    assert rooms == {
        ("pkg.cases", "pkg.directory.pages"),  # not pkg.directory, which cases may use
        ("pkg.deadlines", "pkg.cases"),
    }
    # The upward edge from deadlines closes a loop with cases -> deadlines.
    assert [c.rooms for c in report.cycles] == [("pkg.cases", "pkg.deadlines")]
    assert not report.homeless


def test_the_root_room_does_not_swallow_its_subpackages() -> None:
    rooms = ["regie", "regie.cases", "regie.directory", "regie.directory.pages"]
    assert room_of("regie", rooms) == "regie"
    assert room_of("regie.cases.models", rooms) == "regie.cases"
    assert room_of("regie.casework", rooms) is None
    assert room_of("regie.directory.pages.views", rooms) == "regie.directory.pages"
    assert room_of("regie.directory.models", rooms) == "regie.directory"
    assert room_of("regie.newthing", rooms) is None


def test_a_package_without_a_rule_is_reported(tree: Path) -> None:
    before = {h.module for h in check(tree, LAYERS).homeless}
    write(tree, "newthing/__init__.py", "")
    write(tree, "newthing/helpers.py", "from regie.cases.models import Case\n")
    write(tree, "stray.py", "")

    report: Report = check(tree, LAYERS)

    new = {h.module for h in report.homeless} - before
    assert new == {"regie.newthing", "regie.newthing.helpers", "regie.stray"}
    assert "matches no room" in str(report.homeless[0])


def test_a_room_listed_twice_is_a_mistake_in_the_table() -> None:
    with pytest.raises(ValueError, match="listed twice"):
        check(SOURCE, [*LAYERS, ["regie.cases"]])


def test_the_examples_point_at_real_lines() -> None:
    # Every import the checker reports exists at the file and line it names.
    imports: list[Import] = read_imports(SOURCE)
    assert imports
    for found in imports:
        text = found.file.read_text(encoding="utf-8").splitlines()[found.line - 1]
        assert "import" in text, found
