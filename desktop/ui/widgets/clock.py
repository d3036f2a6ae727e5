"""A server's time as this person reads it, for the ui's pages and dialogs.

Defined in desktop/clock.py, below the ui, where the operations' words use the same functions.
"""

from desktop.clock import local_clock, local_date, local_time, unbroken

__all__ = ["local_clock", "local_date", "local_time", "unbroken"]
