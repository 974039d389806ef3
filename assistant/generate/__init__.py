"""Answer writers: the extractive evidence answer (no model) and, later, the local LLM."""
