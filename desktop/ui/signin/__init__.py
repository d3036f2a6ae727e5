"""Signing in, and signing in again when the session has expired."""
