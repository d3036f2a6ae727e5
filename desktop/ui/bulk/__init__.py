"""Bulk operations on the selected customers: plan, confirm, run, summary."""
