"""Overview: the partner's customers counted by status, and what is billed."""
