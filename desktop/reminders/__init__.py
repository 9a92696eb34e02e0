"""Reminders that reach the user while Rebound is closed: what is due, and asking
the system to wake Rebound for it."""
