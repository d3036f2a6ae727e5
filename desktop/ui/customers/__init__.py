"""My Customers: the list page, its table, context menu and CSV export."""
