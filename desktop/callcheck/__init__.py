"""CallCheck: a softphone call-quality tester."""

import importlib

__version__ = "0.1.0"


def _build_id() -> str:
    # A frozen build carries its build id (git hash or date) in a module that the installer
    # build generates (packaging/callcheck.spec); a source checkout says so instead.
    try:
        module = importlib.import_module("_callcheck_build")
    except ImportError:
        return "source"
    return str(getattr(module, "BUILD", "unknown"))


__build__ = _build_id()
