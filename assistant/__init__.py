"""Question answering over Hong Kong's I&T Development Blueprint and commentary on it."""

__version__ = "0.1.0"
