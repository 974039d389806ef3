"""Index storage: Chroma for vectors, BM25 for keywords, a manifest tying them together."""
