"""Moving data in and out of Rebound: exports other programs open, and imports.

Pure Python with no Qt, so the UI and the command line share the same code.
"""
