"""The deadlines package is pure Python: batch jobs and other tools use it without Django."""

import ast
import subprocess
import sys
from pathlib import Path

import regie.deadlines

PACKAGE_DIR = Path(regie.deadlines.__file__).parent


def imported_modules(source: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def test_no_module_of_the_package_imports_django() -> None:
    sources = sorted(PACKAGE_DIR.glob("*.py"))
    assert sources
    for source in sources:
        top_levels = {name.split(".")[0] for name in imported_modules(source)}
        assert "django" not in top_levels, source.name
        assert "rest_framework" not in top_levels, source.name


def test_importing_and_using_the_package_loads_no_django() -> None:
    script = (
        "import sys, datetime, regie.deadlines as d, regie.deadlines.cli;"
        "d.compute_due('awb-klacht', datetime.date(2026, 3, 24));"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(PACKAGE_DIR.parent.parent)},
    )
    assert result.stdout.strip() == "[]"
