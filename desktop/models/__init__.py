"""Partner Desk desktop client."""
