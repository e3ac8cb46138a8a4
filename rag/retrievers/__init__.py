"""Retrievers (BM25, dense, Milvus) behind one Protocol, and their fusion."""
