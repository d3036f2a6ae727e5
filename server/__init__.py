"""Reference Partner API server: the backend Partner Desk runs against (see docs/api.md)."""

__version__ = "0.1.0"
