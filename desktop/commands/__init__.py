"""The ``rebound`` commands that work without a window, one function each.

``desktop.cli`` parses the command line and calls them. Like the window, they
write only through ``desktop.operations`` and load Qt never.
"""
