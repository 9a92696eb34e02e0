"""Rebound: turn a job rejection into a relationship plan and ready-to-send notes."""

__version__ = "0.1.0"

#: The name handed to platformdirs. Never change it: existing users' data
#: directories are found by this name.
APP_NAME = "Rebound"
