"""Embedders: one interface, one module per backend, a factory in `wiring`."""
