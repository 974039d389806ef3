"""Text normalisation shared by indexing, retrieval and answering."""
