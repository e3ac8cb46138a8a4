"""Ingest: raw files → text (loaders, safety) → normalized text (markup, linejoin, normalize) →
clauses (outline, chunk, duties, targets); the corpus folder and its manifest (corpus, add)."""
