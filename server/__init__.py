"""Reference Partner API server: the backend Partner Desk runs against (see shared/API.md)."""

__version__ = "0.1.0"
