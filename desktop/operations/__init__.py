"""Suspend, re-enable, cancel and restore: followed to their end, outliving the windows
they were started from (center), remembered across crashes (outbox)."""
