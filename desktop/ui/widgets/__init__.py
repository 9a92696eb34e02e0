"""Editors, lists and formatting used inside views and dialogs."""
