"""Writing the clause collection: a full rebuild behind an alias, or an incremental sync.

Searches always go to the configured name (``POLICYQA_MILVUS_COLLECTION``, default
``policyqa_clauses``), which is an *alias*. The collection behind it is named
``{alias}_{YYYYmmddHHMMSS}_{random}``.

* ``rebuild`` writes every row into a new collection, flushes, indexes and loads it, stamps it
  with the index version, and only then points the alias at it (``alter_alias``, one metadata
  operation) and drops the old one: a reader never meets a missing or half-filled collection.
  (Collections made by older versions under the plain name are replaced once, with a short
  window: a name cannot be an alias while a collection holds it.)
* ``sync`` brings the aliased collection up to the local index in place: every row carries a
  ``row_hash`` of what it holds (ids, level, region, text, vector), so it upserts only rows
  whose hash differs and deletes rows whose clause is gone, then stamps the new version. A
  second process — or a restart — that finds the version current writes nothing.

While a sync runs, a reader may briefly see a changed document's new rows next to its old ones;
``rag.retrieval.hybrid`` skips ids its own index does not know. ``open_milvus_index`` decides
which of the two a start-up needs (or neither).
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Mapping, Sequence

import numpy as np

from rag.model import Clause, Document
from rag.retrieval.milvus_schema import clip_bytes, create_collection, ids_expr

VERSION_KEY = "policyqa.version"
ANALYZER_KEY = "policyqa.analyzer"
STRAY_AGE_S = 3600  # a non-aliased collection older than this was left by a killed rebuild


def row_hash(clause: Clause, document: Document, text: str, vector: np.ndarray) -> str:
    """A digest of everything a row holds (ids, level, region, the text — or what it is folded
    from — and the vector), so a sync can tell a changed row from an unchanged one."""
    digest = hashlib.sha256(json.dumps([clause.id, clause.doc_id, document.level, document.region, text],
                                       ensure_ascii=False).encode())
    digest.update(np.ascontiguousarray(vector, np.float32).tobytes())
    return digest.hexdigest()[:32]


class RowSource:
    """The rows of a collection, hashed up front and turned into Milvus rows only when written
    (a row holds a 384-float list: building all of them for a sync that writes 40 would cost
    seconds and a gigabyte at 100,000 clauses).

    Args:
        clauses: The clauses, in index order.
        documents: Their documents (``{id: Document}`` or a list).
        vectors: ``(len(clauses), dim)`` vectors.
        fold: Turns ``Clause.index_text`` into the text Milvus tokenizes (``Tokenizer.fold``).
        texts: The texts themselves, one per clause, instead of ``fold``.

    Raises:
        ValueError: A clause of an unknown document, or vectors or texts of another length.
    """

    def __init__(self, clauses: Sequence[Clause], documents, vectors: np.ndarray, fold=lambda t: t,
                 texts: Sequence[str] | None = None):
        self.clauses = list(clauses)
        self.documents = dict(documents) if isinstance(documents, Mapping) else {d.id: d for d in documents}
        missing = sorted({c.doc_id for c in self.clauses} - self.documents.keys())
        if missing:
            raise ValueError(f"clauses of unknown documents {missing}; pass their Document")
        if len(vectors) != len(self.clauses):
            raise ValueError(f"{len(vectors)} vectors for {len(self.clauses)} clauses")
        if texts is not None and len(texts) != len(self.clauses):
            raise ValueError(f"{len(texts)} texts for {len(self.clauses)} clauses; give one per clause")
        self.vectors, self.fold, self.texts = vectors, fold, None if texts is None else list(texts)
        # Hashed over the unfolded text unless texts are given: folding 100,000 texts for a sync
        # that writes 40 rows would waste seconds (fold is a fixed function of the text).
        self.hashes = [row_hash(c, self.documents[c.doc_id], self.texts[i] if self.texts else c.index_text, v)
                       for i, (c, v) in enumerate(zip(self.clauses, vectors, strict=True))]

    def __len__(self) -> int:
        return len(self.clauses)

    def rows(self, indices: Sequence[int]) -> list[dict]:
        """Milvus rows of these positions (``text`` clipped to Milvus's VARCHAR limit)."""
        out = []
        for i in indices:
            clause, doc = self.clauses[i], self.documents[self.clauses[i].doc_id]
            out.append({"clause_id": clause.id, "doc_id": clause.doc_id, "level": doc.level, "region": doc.region,
                        "text": clip_bytes(self.texts[i] if self.texts else self.fold(clause.index_text)),
                        "dense": np.asarray(self.vectors[i], np.float32).tolist(), "row_hash": self.hashes[i]})
        return out


def target(client, alias: str) -> str | None:
    """The collection ``alias`` points at; ``None`` when it is no alias (missing, or a plain collection)."""
    # Asked of our own collections first: describing an alias that does not exist makes pymilvus
    # log a full traceback at ERROR level before it raises.
    for name in client.list_collections():
        if name.startswith(f"{alias}_"):
            found = client.list_aliases(collection_name=name)
            if alias in (found.get("aliases", []) if isinstance(found, dict) else found):
                return name
    if not client.has_collection(alias):  # neither an alias nor a collection: nothing to describe
        return None
    try:  # an alias pointing elsewhere, or a plain collection of an older version
        return client.describe_alias(alias)["collection_name"]
    except Exception:  # pymilvus raises MilvusException when the name is no alias
        return None


def _stamp(client, collection: str, version: str, analyzer_digest: str | None) -> None:
    props = {VERSION_KEY: version}
    if analyzer_digest is not None:
        props[ANALYZER_KEY] = analyzer_digest
    client.alter_collection_properties(collection, props)


def write_rows(client, collection: str, source: RowSource, indices: Sequence[int], batch_size: int,
               upsert: bool) -> None:
    """Insert (or upsert) the rows of these positions in batches."""
    write = client.upsert if upsert else client.insert
    for start in range(0, len(indices), batch_size):
        write(collection, source.rows(indices[start:start + batch_size]))


def drop_strays(client, alias: str, keep: Sequence[str] = ()) -> list[str]:
    """Drop ``{alias}_…`` collections no alias points at and older than ``STRAY_AGE_S`` (what a
    killed rebuild left; a younger one may be another process's rebuild in progress)."""
    live = {target(client, alias), *keep}
    dropped = []
    for name in client.list_collections():
        if not name.startswith(f"{alias}_") or name in live:
            continue
        stamp = name[len(alias) + 1:].split("_")[0]
        try:
            age = time.time() - time.mktime(time.strptime(stamp, "%Y%m%d%H%M%S"))
        except ValueError:
            continue  # not one of ours
        if age > STRAY_AGE_S:
            client.drop_collection(name)
            dropped.append(name)
    return dropped


def rebuild(pm, client, alias: str, dim: int, analyzer: Mapping, source: RowSource, version: str = "",
            analyzer_digest: str | None = None, batch_size: int = 512) -> str:
    """Write ``rows`` into a new collection, then point ``alias`` at it and drop the old one.

    Args:
        pm: The ``pymilvus`` module.
        client: An open ``MilvusClient``.
        alias: The name searches use.
        dim: Dense vector dimension.
        analyzer: ``analyzer_params`` of the text field.
        source: The rows to write.
        version: Index version stamped on the new collection (set before the switch).
        analyzer_digest: Fingerprint of ``analyzer``, stamped too.
        batch_size: Rows per insert call.

    Returns:
        The new collection's name.
    """
    new = f"{alias}_{time.strftime('%Y%m%d%H%M%S')}_{uuid.uuid4().hex[:6]}"
    drop_strays(client, alias)
    create_collection(pm, client, new, dim, analyzer)
    try:
        write_rows(client, new, source, range(len(source)), batch_size, upsert=False)
        # Sealed segments are indexed as a whole; Milvus Lite otherwise scores unflushed rows
        # with BM25 statistics of only the rows that pass a filter.
        client.flush(new)
        _stamp(client, new, version, analyzer_digest)
        client.load_collection(new)
        old = target(client, alias)
        if old is not None:
            client.alter_alias(new, alias)
        else:
            if client.has_collection(alias):  # an older version's plain collection holds the name
                client.drop_collection(alias)
            client.create_alias(new, alias)
    except BaseException:
        client.drop_collection(new)  # the alias still points at the complete old collection
        raise
    if old is not None and old != new:
        client.drop_collection(old)
    return new


def existing_hashes(client, alias: str, batch_size: int = 4096) -> dict[str, str]:
    """``{clause_id: row_hash}`` of every row behind ``alias``."""
    found: dict[str, str] = {}
    iterator = client.query_iterator(alias, batch_size=batch_size, filter="", output_fields=["clause_id", "row_hash"])
    try:
        while batch := iterator.next():
            found.update((r["clause_id"], r.get("row_hash") or "") for r in batch)
    finally:
        iterator.close()
    return found


def sync(client, alias: str, source: RowSource, version: str = "", batch_size: int = 512) -> dict:
    """Make the collection behind ``alias`` hold exactly ``source``'s rows: upsert the rows whose hash
    differs, delete the clause ids no row has, flush, and stamp ``version``.

    Returns:
        ``{"upserted": n, "deleted": n}``.
    """
    have = existing_hashes(client, alias)
    changed = [i for i, (c, h) in enumerate(zip(source.clauses, source.hashes, strict=True)) if have.get(c.id) != h]
    keep = {c.id for c in source.clauses}
    gone = [cid for cid in have if cid not in keep]
    write_rows(client, alias, source, changed, batch_size, upsert=True)
    for start in range(0, len(gone), batch_size):
        client.delete(alias, filter=ids_expr(gone[start:start + batch_size]))
    if changed or gone:
        client.flush(alias)
    _stamp(client, target(client, alias) or alias, version, None)
    return {"upserted": len(changed), "deleted": len(gone)}


def open_milvus_index(loaded, searcher, uri: str, token: str | None = None,
                      collection: str = "policyqa_clauses", full: bool = False):
    """Connect to Milvus and bring its collection up to the loaded local index.

    The collection fuses like the local searcher and tokenizes with jieba plus the index's own
    domain words and stopwords, so both backends rank alike. It is *rebuilt* — written anew behind
    the alias, no reader ever sees it half-filled — when missing, of an older layout or another
    dim, or when ``full``; otherwise, when its stamped version differs from the local index's,
    it is *synced*: only changed rows are upserted and removed ones deleted (its analyzer then
    stays the one it was created with; ``policyqa build --full`` renews it). When the version
    matches nothing is written: a second process on the same Milvus and corpus serves at once.

    Args:
        loaded: The local index (``rag.index.store.LoadedIndex``): clauses, documents, vectors.
        searcher: Its ``HybridSearcher`` (tokenizer, fusion mode, weights, depth).
        uri: A Milvus Lite ``*.db`` path or ``http://host:19530``.
        token: Auth token of a Milvus server.
        collection: The alias searches use.
        full: Rebuild even when a sync would do.

    Returns:
        An open ``rag.retrieval.milvus.MilvusIndex`` holding every clause, its ``sync_report``
        saying what was written (``{"mode": "none" | "sync" | "rebuild", …}``); the caller closes it.

    Raises:
        rag.retrieval.milvus.MilvusConnectionError: Milvus at ``uri`` is unreachable.
    """
    from rag.retrieval.milvus import MilvusIndex
    from rag.retrieval.milvus_schema import jieba_analyzer

    tokenizer = searcher.tokenizer
    analyzer = jieba_analyzer(tokenizer.domain_words, tokenizer.stopwords)
    milvus = MilvusIndex(uri, collection, dim=loaded.vectors.shape[1], token=token, fusion=searcher.fusion,
                         weights=(searcher.weights.get("bm25", 1.0), searcher.weights.get("dense", 1.0)),
                         rrf_k=searcher.rrf_k, depth=searcher.depth_factor, analyzer=analyzer)
    try:
        digest = hashlib.sha256(json.dumps(analyzer, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
        t0 = time.perf_counter()
        if full or not milvus.compatible():
            milvus.build(loaded.clauses, loaded.documents, loaded.vectors, version=loaded.version,
                         fold=tokenizer.fold, analyzer_digest=digest)
            report = {"mode": "rebuild", "upserted": len(loaded.clauses), "deleted": 0}
        elif milvus.version() != loaded.version:
            report = {"mode": "sync", **milvus.sync(loaded.clauses, loaded.documents, loaded.vectors,
                                                    version=loaded.version, fold=tokenizer.fold)}
        else:
            report = {"mode": "none", "upserted": 0, "deleted": 0}
        report.update(seconds=round(time.perf_counter() - t0, 3),
                      analyzer_current=milvus.properties().get(ANALYZER_KEY) == digest)
        milvus.sync_report = report
    except BaseException:
        milvus.close()
        raise
    return milvus
