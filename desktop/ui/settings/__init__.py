"""Settings: the server address, auto-close, language, theme."""
