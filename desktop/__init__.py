"""Partner Desk: the Partner Control Panel as a desktop app."""

__version__ = "0.1.0"
APP_NAME = "Partner Desk"
