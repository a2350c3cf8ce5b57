"""Pure computation: E-model, packet statistics, playout model, reports.

Only the standard library and numpy are imported here; no clock reads, no I/O.
Time and data are arguments.
"""
