"""CallCheck: a softphone call-quality tester."""

__version__ = "0.1.0"
