"""Activity: who did what across the partner (customers, sign-ins, staff), filtered, exported."""
