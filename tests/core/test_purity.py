"""`core` imports only the standard library and numpy, and reads no clock (DESIGN.md, Layers)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import callcheck.core

CORE = Path(callcheck.core.__file__).parent
ALLOWED_THIRD_PARTY = {"numpy", "callcheck"}
FORBIDDEN_CALLS = {"time.time", "time.monotonic", "time.perf_counter", "datetime.now", "open"}


def _imports(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_core_imports_only_stdlib_and_numpy() -> None:
    for path in sorted(CORE.rglob("*.py")):
        for name in _imports(ast.parse(path.read_text(), str(path))):
            assert name in sys.stdlib_module_names or name in ALLOWED_THIRD_PARTY, (path, name)


def test_core_reads_no_clock_and_opens_no_file() -> None:
    for path in sorted(CORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call):
                func = ast.unparse(node.func)
                assert func not in FORBIDDEN_CALLS, (path, node.lineno, func)
