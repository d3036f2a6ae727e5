"""Branding: the partner's logo, checked before upload, and the sidebar preview."""
