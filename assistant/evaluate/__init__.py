"""Question sets, metrics and runs for measuring the assistant."""
