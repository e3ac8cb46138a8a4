"""The scale-out retriever: the same BM25 + dense hybrid search, held in Milvus.

One collection per index holds, per clause, its id, doc id, level and region (for filters), the
indexing text (``Clause.index_text``), a sparse vector that Milvus fills itself from the text with
its BM25 function and jieba analyzer, and the dense embedding (``milvus_schema``). The URI picks
the deployment: a local ``*.db`` path runs Milvus Lite inside this process, ``http://host:19530``
talks to a Milvus server or cluster through the very same calls (``milvus_client``).

Milvus tokenizes the text itself, with jieba. ``jieba_analyzer`` hands that analyzer what our
``rag.retrieval.tokenize.Tokenizer`` knows — the corpus's domain words, search mode and the stopwords — so
both backends cut 省工业和信息化厅 or 充电基础设施 the same way; callers should index and query
folded text (``Tokenizer.fold``), as the local backend does.

What Milvus returns as scores (``MilvusIndex.search``):

* ``bm25`` — Milvus's own BM25 (k1=1.5, b=0.75 as locally) over its jieba tokens; close to, not
  equal to, the local backend's BM25 (jieba-rs emits slightly different sub-words). Milvus Lite
  reports it as a negative distance; it is returned here as the positive score.
* ``dense`` — the cosine similarity (COSINE metric).
* ``hybrid`` — the fused score. With ``ranker="client"`` (default) each side is fetched from
  Milvus (``k * depth`` candidates) and fused here by ``rag.retrieval.fuse`` exactly as the local
  backend fuses (min-max weighted or RRF); with ``ranker="milvus"`` one ``hybrid_search`` call
  fuses inside Milvus (``RRFRanker`` or ``WeightedRanker``, whose arctan score normalization ranks
  differently from ours). ``search_with_scores`` adds the raw per-side scores
  ``{"bm25", "dense"}``: cosine from the stored vectors, BM25 by one extra sparse search
  restricted to the hits' ids (0.0 when no query term occurs in the clause).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from rag.model import Clause, Document
from rag.retrieval.base import MODES
from rag.retrieval.fuse import FusionMode
from rag.retrieval.milvus_client import connect, lite_path, pymilvus_module, release_lite
from rag.retrieval.milvus_schema import DEFAULT_ANALYZER
from rag.retrieval.milvus_search import MilvusSearch
from rag.retrieval.milvus_write import VERSION_KEY, RowSource, rebuild, sync, target, write_rows

RANKERS = ("client", "milvus")


class MilvusIndex(MilvusSearch):
    """A clause index in one Milvus collection; implements the ``Retriever`` Protocol.

    Args:
        uri: A local path ending in ``.db`` (Milvus Lite, embedded; e.g. ``index/milvus.db``) or
            ``http://host:19530`` (a Milvus server or cluster).
        collection: The name searches use: an alias of the collection ``build`` wrote
            (``rag.retrieval.milvus_write``).
        dim: Dimension of the dense vectors (the embedder's ``dim``).
        token: Auth token for a server (``user:password`` or an API key).
        mode: Default search mode, one of ``MODES``.
        fusion: Hybrid ranker, ``rrf`` (``RRFRanker(rrf_k)``) or ``weighted`` (``FusionMode``).
        weights: ``(w_bm25, w_dense)`` for the weighted ranker.
        rrf_k: The RRF constant.
        depth: Each side of a hybrid search fetches ``k * depth`` candidates.
        ranker: Where hybrid lists are fused, one of ``RANKERS``: ``client`` (here, with
            ``rag.retrieval.fuse``, as the local backend) or ``milvus`` (one server call).
        analyzer: ``analyzer_params`` of the text field for a collection this object creates
            (default plain jieba; see ``jieba_analyzer``). An existing collection keeps its own.
        timeout: Seconds allowed for connecting and the start-up probe, so an unreachable
            server fails fast at start-up (later calls have no deadline: a big build may be slow).

    Raises:
        ValueError: A bad argument (named with what is allowed).
        ImportError: pymilvus / milvus-lite are not installed.
        MilvusConnectionError: The URI cannot be reached or opened.
    """

    name = "milvus"

    def __init__(self, uri: str | Path, collection: str = "policyqa_clauses", *, dim: int,
                 token: str | None = None, mode: str = "hybrid", fusion: str | FusionMode = "rrf",
                 weights: tuple[float, float] = (0.5, 0.5), rrf_k: int = 60, depth: int = 10,
                 ranker: str = "client", analyzer: Mapping | None = None, timeout: float = 5.0):
        uri = str(uri)
        if not uri:
            raise ValueError("uri is empty; give a local *.db path or http://host:19530")
        if not collection.replace("_", "").isalnum() or not collection.isascii():
            raise ValueError(f"collection {collection!r} must be ASCII letters, digits and _")
        if not isinstance(dim, int) or dim <= 0:
            raise ValueError(f"dim {dim!r} must be a positive int")
        if mode not in MODES:
            raise ValueError(f"mode {mode!r} is not one of {', '.join(MODES)}")
        if len(weights) != 2 or any(w < 0 for w in weights) or sum(weights) <= 0:
            raise ValueError(f"weights {weights!r} must be two non-negative numbers, not both 0")
        if rrf_k <= 0 or depth < 1 or timeout <= 0:
            raise ValueError(f"rrf_k {rrf_k}, depth {depth} and timeout {timeout} must be positive")
        if ranker not in RANKERS:
            raise ValueError(f"ranker {ranker!r} is not one of {', '.join(RANKERS)}")
        self.ranker, self.analyzer = ranker, dict(analyzer or DEFAULT_ANALYZER)
        self.uri, self.collection, self.dim = uri, collection, dim
        self.mode, self.fusion, self.weights = mode, FusionMode.from_str(fusion), tuple(weights)
        self.rrf_k, self.depth, self.timeout = rrf_k, depth, timeout
        self._lite_path = lite_path(uri)
        self._pm = pymilvus_module()
        self._client = connect(self._pm, uri, self._lite_path, token, timeout)
        self._loaded = self._checked = False

    # ----------------------------------------------------------------- lifecycle
    def close(self) -> None:
        """Close the connection; for Milvus Lite, stop its server when no other index uses it."""
        client, self._client = getattr(self, "_client", None), None
        if client is None:
            return
        try:
            client.close()
        finally:
            release_lite(self._lite_path)

    def __enter__(self) -> MilvusIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def client(self):
        """The live ``MilvusClient``; ``RuntimeError`` after ``close()``."""
        if self._client is None:
            raise RuntimeError(f"MilvusIndex for {self.uri!r} is closed")
        return self._client

    # ----------------------------------------------------------------- building
    def build(self, clauses: Sequence[Clause], documents: Sequence[Document], vectors: np.ndarray,
              drop_existing: bool = True, version: str = "", batch_size: int = 512,
              texts: Sequence[str] | None = None, analyzer_digest: str | None = None, fold=None) -> None:
        """Write the clauses: into a new collection that then replaces the one behind the
        alias (``drop_existing``, or when there is none yet), else upserted into the current one.

        Args:
            clauses: Clauses to index; ids must be unique.
            documents: Their documents (for level and region).
            vectors: ``(len(clauses), dim)`` dense embeddings, row ``i`` for ``clauses[i]``.
            drop_existing: Replace the collection (``milvus_write.rebuild``: no reader ever
                sees it half-filled); otherwise rows are upserted into it.
            version: Index version stored with the collection (read back by ``version()``).
            batch_size: Rows per insert call.
            texts: The text Milvus tokenizes for BM25, one per clause (e.g. folded
                ``index_text``); defaults to ``Clause.index_text``.
            analyzer_digest: Fingerprint of ``self.analyzer`` to store with a new collection.
            fold: Instead of ``texts``: turns ``Clause.index_text`` into the text Milvus
                tokenizes (``Tokenizer.fold``); rows are then hashed as ``sync`` hashes them.

        Raises:
            ValueError: Mismatched vectors or texts, duplicate clause ids, a clause of an
                unknown document, or a bad ``batch_size``.
        """
        text = {"texts": texts} if texts is not None else {"fold": fold} if fold is not None else {}
        source = self._source(clauses, documents, vectors, batch_size, **text)
        if drop_existing or not self.exists():
            rebuild(self._pm, self.client, self.collection, self.dim, self.analyzer, source, version=version,
                    analyzer_digest=analyzer_digest, batch_size=batch_size)
            self._loaded = self._checked = False
            return
        self._check_dim()  # upserting into a collection of another embedder would fail obscurely
        write_rows(self.client, self.collection, source, range(len(source)), batch_size, upsert=True)
        self.client.flush(self.collection)
        if version:  # set last, so a build that failed half-way never looks current
            self.client.alter_collection_properties(target(self.client, self.collection) or self.collection,
                                                    {VERSION_KEY: version})

    def sync(self, clauses: Sequence[Clause], documents: Sequence[Document], vectors: np.ndarray,
             version: str = "", batch_size: int = 512, fold=lambda t: t) -> dict:
        """Bring the collection up to these clauses in place: upsert only rows that changed,
        delete rows of clauses that are gone (``milvus_write.sync``).

        Returns:
            ``{"upserted": n, "deleted": n}``.
        """
        self._load()  # a reopened Milvus Lite holds every collection released
        self._check_dim()
        source = self._source(clauses, documents, vectors, batch_size, fold=fold)
        return sync(self.client, self.collection, source, version=version, batch_size=batch_size)

    def _source(self, clauses, documents, vectors, batch_size: int, **text) -> RowSource:
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.shape != (len(clauses), self.dim):
            raise ValueError(f"vectors shape {vectors.shape} must be ({len(clauses)}, {self.dim})")
        if batch_size < 1:
            raise ValueError(f"batch_size {batch_size} must be positive")
        if len({c.id for c in clauses}) != len(clauses):
            raise ValueError("clause ids must be unique")
        return RowSource(clauses, documents, vectors, **text)

    def compatible(self) -> bool:
        """Whether the collection exists, holds row hashes and vectors of this dim (else it
        must be rebuilt rather than synced)."""
        if not self.exists():
            return False
        fields = {f["name"]: f for f in self.client.describe_collection(self.collection)["fields"]}
        dim = int(fields.get("dense", {}).get("params", {}).get("dim", 0))
        return "row_hash" in fields and dim == self.dim

    def properties(self) -> dict:
        """The collection's stored properties (index version, analyzer digest); ``{}`` when none."""
        if not self.exists():
            return {}
        return dict(self.client.describe_collection(self.collection).get("properties") or {})

    def _load(self) -> None:
        if not self._loaded:
            self.client.load_collection(self.collection)
            self._loaded = True

    def _check_dim(self) -> None:
        """Refuse a collection built with another embedder with one clear message."""
        if self._checked:
            return
        fields = self.client.describe_collection(self.collection)["fields"]
        dims = [int(f.get("params", {}).get("dim", 0)) for f in fields if f["name"] == "dense"]
        if dims != [self.dim]:
            raise ValueError(f"collection {self.collection!r} at {self.uri!r} holds dense vectors "
                             f"of dim {dims[0] if dims else '?'}, not {self.dim}; rebuild it")
        self._checked = True

    # ----------------------------------------------------------------- facts
    def exists(self) -> bool:
        """Whether the collection exists."""
        return bool(self.client.has_collection(self.collection, timeout=self.timeout))

    def count(self) -> int:
        """Number of clauses in the collection (0 when it does not exist)."""
        if not self.exists():
            return 0
        self._load()
        rows = self.client.query(self.collection, filter="", output_fields=["count(*)"])
        return int(rows[0]["count(*)"])

    def version(self) -> str:
        """The ``version`` given to the last ``build`` or ``sync`` (``""`` when none or no collection)."""
        return str(self.properties().get(VERSION_KEY, ""))

    def drop(self) -> None:
        """Delete the alias and the collection behind it (no error when there is none)."""
        behind = target(self.client, self.collection)
        if behind is not None:
            self.client.drop_alias(self.collection)
            self.client.drop_collection(behind)
        elif self.exists():
            self.client.drop_collection(self.collection)
        self._loaded = self._checked = False
