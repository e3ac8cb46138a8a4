"""Retrieval: the tokenizer and query expansion, retrievers (BM25, dense, Milvus) behind one
Protocol, and their fusion into hybrid search."""
