"""Citation parsing and verification: nothing unverified is shown as fact."""
