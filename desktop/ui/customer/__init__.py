"""Edit Customer: the dialog, its form and tabs, and the confirmations it asks for."""
