"""Index: embeddings (embed) and the persisted, self-describing index (store, manifest, swap)."""
