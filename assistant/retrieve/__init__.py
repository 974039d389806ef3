"""Hybrid retrieval: dense + BM25, fused by reciprocal rank, then a relevance gate."""
