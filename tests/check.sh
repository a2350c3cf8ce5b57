#!/usr/bin/env bash
# The one check: lint, format, types, layer contracts, the test suite, and the suite again in an
# environment without PySide6. Run `bash packaging/setup.sh test` first (the README says so).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
venv="$root/.venv"
export QT_QPA_PLATFORM=offscreen
export PYTHONDONTWRITEBYTECODE=1

step() { printf '\n==> %s\n' "$*"; }

step "ruff (lint)"
"$venv/bin/ruff" check desktop tests
step "ruff (format)"
"$venv/bin/ruff" format --check desktop tests
step "mypy --strict"
"$venv/bin/mypy"
step "import-linter (layers)"
"$venv/bin/lint-imports"

step "pytest"
"$venv/bin/pytest" -q "$@"

step "pytest without PySide6 (core, cli)"
# What an environment without Qt can break is an import or a command: the import test loads
# every module of core, engine, server and cli there, and the CLI's tests run its commands (the
# engine's call tests ran above; import-linter keeps Qt out of the engine). A command's long
# calls (marked long_call) ran above too: here each command runs once, in its quicker tests.
CALLCHECK_EXPECT_NO_QT=1 "$root/.venv-noqt/bin/pytest" -q -m "not gui and not long_call" \
    -p no:cacheprovider tests/core tests/cli tests/test_no_qt.py
