"""The facade the apps use: open (build if needed) the index, then search, ask and look up.

``PolicyQA.open`` is the only place that ties the pipeline together: corpus manifest → chunker
(only when the index must be built) → persisted index → retriever (local BM25 + faiss, or Milvus)
→ answer layer. Everything is passed in explicitly; the app layer reads settings and calls this.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from threadpoolctl import threadpool_limits

from rag.ingest.corpus import corpus_checksums, load_manifest
from rag.model import Answer, Clause, Document, Hit
from rag.retrieval.base import Filter
from rag.retrieval.current import CurrentFirst, outdated_note, today_iso

BACKENDS = ("local", "milvus")
REBUILD = ("if-needed", "always", "never")


@dataclass(frozen=True)
class SearchResult:
    """Ranked hits for one query and the wall time it took."""

    query: str
    hits: list[Hit]
    took_ms: float


class PolicyQA:
    """One opened corpus + index, safe to share between threads for reads."""

    def __init__(self, documents: list[Document], clauses: list[Clause], searcher, answerer,
                 index_version: str, corpus_dir: Path):
        self.documents = documents
        self.clauses = clauses
        self.index_version = index_version
        self.corpus_dir = Path(corpus_dir)
        self._searcher = searcher
        self._answerer = answerer
        self._docs = {d.id: d for d in documents}
        self._clauses = {c.id: c for c in clauses}
        self._texts: dict[str, str] = {}
        self._owned: list = []  # connections close() releases (a MilvusIndex)
        self._search = searcher.search if searcher is not None else None
        self.milvus_sync: dict | None = None  # what open() wrote into Milvus (see open_milvus_index)
        self.build_record: dict = {}  # the index manifest's record of its last build

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, corpus_dir: Path, index_dir: Path, embedder: str = "e5", backend: str = "local",
             milvus_uri: str | None = None, llm_url: str | None = None, rebuild: str = "if-needed",
             progress: bool = False, milvus_token: str | None = None,
             milvus_collection: str = "policyqa_clauses", milvus_full: bool = False) -> PolicyQA:
        """Open the index for ``corpus_dir``, building it first when missing or stale.

        Args:
            corpus_dir: Folder with the raw documents and ``documents.toml``.
            index_dir: Folder of the persisted local index (manifest, clauses, arrays).
            embedder: Embedder spec, ``e5`` (bundled) or ``st:NAME_OR_PATH``.
            backend: ``local`` (BM25 + faiss in process) or ``milvus``.
            milvus_uri: Milvus Lite file path or ``http://host:19530``; needed for ``milvus``.
                The Milvus collection is brought up to the local index when it differs
                (``open_milvus_index``).
            llm_url: Optional OpenAI-compatible endpoint that phrases answers.
            rebuild: ``if-needed`` (missing/stale index is rebuilt), ``always`` or ``never``.
            progress: Show a progress bar while embedding.
            milvus_token: Auth token of a Milvus server (``user:password`` or an API key).
            milvus_collection: The Milvus name searches use (an alias; see ``open_milvus_index``).
            milvus_full: Write a new Milvus collection even when syncing the current one would do.

        Raises:
            ValueError: A bad backend or rebuild value.
            rag.index.manifest.CorruptIndexError: The index files fail their checksums (never served).
            rag.index.manifest.StaleIndexError: ``rebuild="never"`` and the index is missing or stale.
            rag.retrieval.milvus.MilvusConnectionError: Milvus at ``milvus_uri`` is unreachable.
        """
        from rag.index.build import build
        from rag.index.embed import get_embedder
        from rag.index.manifest import CorruptIndexError, StaleIndexError, index_status
        from rag.index.store import load_index

        if backend not in BACKENDS:
            raise ValueError(f"backend {backend!r} is not one of {', '.join(BACKENDS)}")
        if rebuild not in REBUILD:
            raise ValueError(f"rebuild {rebuild!r} is not one of {', '.join(REBUILD)}")
        if backend == "milvus" and not milvus_uri:
            raise ValueError("backend 'milvus' needs a milvus_uri (a file path or http://host:19530)")
        corpus_dir, index_dir = Path(corpus_dir), Path(index_dir)
        # One BLAS thread: a question's vector products are small, and idle BLAS threads spinning
        # after each one take the cores from the embedder's own threads (on two cores a 100k
        # library's ask p50 went from 41 to 21 ms).
        threadpool_limits(1, user_api="blas")
        emb = get_embedder(embedder)
        files = load_manifest(corpus_dir)
        checksums = corpus_checksums(files)
        status = index_status(index_dir, emb.name, checksums)
        if status == "corrupt" and rebuild != "always":
            load_index(index_dir, emb, checksums)  # raises CorruptIndexError with the reason
            raise CorruptIndexError(f"index in {index_dir} is corrupt; run `policyqa build`")
        if rebuild == "always" or status in ("missing", "stale"):
            if rebuild == "never":
                raise StaleIndexError(f"index in {index_dir} is {status}; run `policyqa build`")
            build(corpus_dir, index_dir, emb, progress=progress)
        loaded = load_index(index_dir, emb, checksums)
        searcher = loaded.searcher(emb)  # the tokenizer the BM25 side was built with
        milvus = None
        if backend == "milvus":
            from rag.retrieval.milvus_write import (
                open_milvus_index,  # pymilvus is an optional extra
            )

            milvus = open_milvus_index(loaded, searcher, milvus_uri, milvus_token, milvus_collection, milvus_full)
        try:
            qa = cls._assemble(loaded, searcher, corpus_dir, milvus, llm_url)
        except BaseException:
            if milvus is not None:
                milvus.close()
            raise
        if milvus is not None:
            qa._owned.append(milvus)
        return qa

    @classmethod
    def _assemble(cls, loaded, searcher, corpus_dir, milvus, llm_url) -> PolicyQA:
        from rag.answer.answerer import Answerer

        if milvus is not None:
            searcher = searcher.with_backend(milvus)
        generator = None
        if llm_url:
            from rag.answer.generate import OpenAIChatGenerator

            generator = OpenAIChatGenerator(llm_url)
        # Hits of repealed, superseded or expired documents rank after the others', for the
        # answer layer and for search alike (``rag.retrieval.current``).
        search = CurrentFirst(searcher.search, loaded.documents)
        # The answer layer gets the alignment lazily through the facade (``qa`` is bound below), so
        # it is computed once, on the first alignment question or view, and shared by both.
        answerer = Answerer(loaded.documents, loaded.clauses, search, generator=generator,
                            alignment=lambda: qa.alignment(), tokenizer=searcher.tokenizer,
                            term_rows=searcher.candidate_rows)
        qa = cls(loaded.documents, loaded.clauses, searcher, answerer, loaded.version, corpus_dir)
        qa._search = search
        qa.milvus_sync = getattr(milvus, "sync_report", None)
        qa.build_record = loaded.manifest.get("build", {})
        return qa

    def close(self) -> None:
        """Release what ``open`` connected (the Milvus client; Milvus Lite's embedded server).
        The local backend holds nothing to release; closing twice is harmless."""
        while self._owned:
            self._owned.pop().close()

    def readiness(self) -> dict[str, str | None]:
        """Checked now: ``{"index": …, "milvus": …}`` (each connection ``open`` made), ``None`` = fine."""
        checks: dict[str, str | None] = {"index": None if self.clauses else "the index holds no clause"}
        for backend in self._owned:  # a round trip: a dead server fails here, not on the next question
            try:
                checks[backend.name] = None if backend.exists() else "the collection is missing"
            except Exception as exc:  # noqa: BLE001 — whatever the failure, it means not ready
                checks[backend.name] = f"{type(exc).__name__}: {exc}"
        return checks

    def __enter__(self) -> PolicyQA:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ----------------------------------------------------------------- lookups
    def document(self, doc_id: str) -> Document:
        """The document with this id; ``KeyError`` when unknown."""
        return self._docs[doc_id]

    def clause(self, clause_id: str) -> Clause:
        """The clause with this id; ``KeyError`` when unknown."""
        return self._clauses[clause_id]

    def doc_clauses(self, doc_id: str) -> list[Clause]:
        """Clauses of one document in reading order; ``KeyError`` when the document is unknown."""
        self.document(doc_id)
        return [c for c in self.clauses if c.doc_id == doc_id]

    def document_text(self, doc_id: str) -> str:
        """The normalized full text of a document (the text clause offsets are cut from)."""
        from rag.ingest.normalize import normalize_text

        if doc_id not in self._texts:
            raw = (self.corpus_dir.parent / self.document(doc_id).source_path).read_text(encoding="utf-8")
            self._texts[doc_id] = normalize_text(raw)
        return self._texts[doc_id]

    @property
    def _department_index(self) -> dict[str, list[tuple[Clause, str]]]:
        # the answer layer's index, built once with it (``rag.ingest.departments.department_index``)
        return self._answerer.composer.duties

    def departments(self) -> list[tuple[str, int]]:
        """Canonical department names with the number of clauses naming them, most first."""
        counts = Counter({name: len({c.id for c, _ in rows}) for name, rows in self._department_index.items()})
        return counts.most_common()

    def department_clauses(self, name: str) -> list[tuple[Clause, str]]:
        """Clauses a department leads or supports, with the role; ``KeyError`` when unknown."""
        from rag.ingest.departments import canonical_department

        return list(self._department_index[canonical_department(name)])

    # ----------------------------------------------------------------- officials' views
    @cached_property
    def _department_matrix(self) -> list:
        from rag.views.tables import department_matrix

        return department_matrix(self.documents, self.clauses, self._department_index)

    def department_matrix(self) -> list:
        """The department responsibility matrix (``rag.views.tables.DepartmentRow``s), computed once."""
        return list(self._department_matrix)

    def targets(self, doc_id: str | None = None, year: int | None = None) -> list:
        """Quantitative targets (指标) as ``rag.views.tables.TargetRow``s, optionally filtered.

        Raises:
            ValueError: Unknown ``doc_id`` or implausible ``year`` (see ``rag.views.tables.targets_table``).
        """
        from rag.views.tables import targets_table

        return targets_table(self.documents, self.clauses, doc_id=doc_id, year=year)

    def clause_vectors(self) -> dict | None:
        """``{clause_id: unit vector}`` of the index's dense side (``None`` without one)."""
        from rag.views.align import vectors_by_id

        dense = getattr(self._searcher, "dense", None)
        return vectors_by_id(dense.ids, dense.vectors) if dense is not None else None

    @property
    def tokenizer(self):
        """The tokenizer the index was built with (``rag.retrieval.tokenize.Tokenizer``)."""
        return getattr(self._searcher, "tokenizer", None)

    @cached_property
    def _alignment(self):
        from rag.views.align import align

        # The index's own vectors and tokenizer: nothing is embedded or tokenized twice.
        return align(self.documents, self.clauses, self.clause_vectors(),
                     embedder=getattr(self._searcher, "embedder", None), tokenizer=self.tokenizer)

    def alignment(self):
        """Province ↔ city alignment (``rag.views.align.Alignment``) with the default thresholds, computed once."""
        return self._alignment

    # ----------------------------------------------------------------- queries
    def clear_query_cache(self) -> None:
        """Forget prepared questions, so the next search of a question pays for embedding it again."""
        clear = getattr(self._searcher, "clear_cache", None)
        if clear is not None:
            clear()

    def search(self, query: str, top_k: int = 5, mode: str = "hybrid", where: Filter | None = None) -> SearchResult:
        """Rank clauses for ``query``; see ``HybridSearcher.search`` for the modes."""
        from rag.retrieval.synonyms import expanded_text

        t0 = time.perf_counter()
        # the same colloquial -> official expansion the answer layer searches with
        text = expanded_text(query, self._answerer.holds)
        hits = self._search(text, top_k=top_k, mode=mode, where=where)
        return SearchResult(query, hits, (time.perf_counter() - t0) * 1000)

    def ask(self, question: str, top_k: int = 5, where: Filter | None = None, history: Sequence[str] = ()) -> Answer:
        """Answer a question from the clauses, with citations (see ``rag.answer.answerer``);
        ``history`` holds the conversation's earlier questions, oldest first. An answer citing a
        repealed, superseded or expired document says so in a closing note."""
        answer = self._answerer.ask(question, top_k=top_k, where=where, history=history)
        note = outdated_note(answer.citations, self._docs, today_iso())
        return replace(answer, answer=f"{answer.answer}\n{note}") if note and answer.answerable else answer
