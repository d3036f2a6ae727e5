"""Account: your password and two-factor sign-in (set-up with its QR code, recovery codes)."""
