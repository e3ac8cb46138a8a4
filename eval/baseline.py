"""The generic-RAG baseline: fixed 500-character windows + BM25, as common RAG stacks do it.

Each document is normalized with our own ``rag.ingest.normalize.normalize`` (a generic stack gets clean
text too, so the comparison isolates the chunking) and cut into consecutive windows of ``window``
normalized characters (no overlap by default) with no regard for its structure. Each window keeps
the raw span it came from (the normalizer's offset map), the same coordinates as
``Clause.start``/``Clause.end``. Tokens are jieba search-mode words of the NFKC-folded window
minus punctuation and the stopwords our own tokenizer drops.

A window counts as a hit for a question when it overlaps the ``[start, end)`` raw span of any of
the question's gold clauses; Hit@k / MRR@10 / nDCG@10 then use the same functions as the clause
retrievers, with "gold" being the set of overlapping windows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import jieba
from rank_bm25 import BM25Okapi

from eval.metrics import aggregate, hit_at_k, ndcg_at_k, reciprocal_rank
from rag.model import Clause

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Window:
    """A fixed-size slice of one document: ``text`` and its raw span ``[start, end)``."""

    id: str
    doc_id: str
    start: int
    end: int
    text: str


def fixed_windows(doc_id: str, raw: str, window: int = 500, overlap: int = 0) -> list[Window]:
    """Cut ``raw`` into windows of ``window`` characters, each starting ``window - overlap`` after
    the previous one; the last window may be shorter.

    Args:
        doc_id: Owning document id (window ids are ``{doc_id}#w{n}``).
        raw: The raw document text.
        window: Window length in characters (500 for the report's baseline).
        overlap: Characters shared by consecutive windows (0 or e.g. 50).

    Returns:
        The windows in document order (none for an empty text).

    Raises:
        ValueError: ``window`` < 1 or ``overlap`` outside ``[0, window)``.
    """
    if window < 1:
        raise ValueError(f"window must be at least 1 character, got {window}")
    if not 0 <= overlap < window:
        raise ValueError(f"overlap must be in [0, {window}), got {overlap}")
    step = window - overlap
    out: list[Window] = []
    for n, start in enumerate(range(0, len(raw), step)):
        end = min(start + window, len(raw))
        out.append(Window(f"{doc_id}#w{n}", doc_id, start, end, raw[start:end]))
        if end == len(raw):
            break
    return out


def document_windows(doc_id: str, raw: str, window: int = 500, overlap: int = 0) -> list[Window]:
    """Windows over the normalized text of ``raw``, each carrying its raw ``[start, end)`` span.

    Args:
        doc_id: Owning document id.
        raw: The raw document text.
        window: Window length in normalized characters.
        overlap: Characters shared by consecutive windows.

    Returns:
        The windows in document order.
    """
    from rag.ingest.normalize import normalize

    norm = normalize(raw)
    out = []
    for w in fixed_windows(doc_id, norm.text, window, overlap):
        start, end = norm.raw_span(w.start, w.end)
        out.append(Window(w.id, doc_id, start, end, w.text))
    return out


def _stopwords() -> frozenset[str]:
    try:
        from rag.retrieval.tokenize import STOPWORDS
    except ImportError:  # the tokenizer module is optional for the baseline
        return frozenset()
    return STOPWORDS


def baseline_tokens(text: str, stopwords: frozenset[str] = frozenset()) -> list[str]:
    """Plain jieba search-mode tokens of folded text, punctuation and ``stopwords`` dropped."""
    folded = _SPACE.sub("", unicodedata.normalize("NFKC", text)).lower()
    return [t for t in jieba.lcut_for_search(folded) if _WORD.search(t) and t not in stopwords]


class WindowBM25:
    """BM25 (rank-bm25 Okapi, default parameters) over fixed windows."""

    def __init__(self, windows: Sequence[Window]):
        if not windows:
            raise ValueError("WindowBM25 needs at least one window")
        self.windows = list(windows)
        self._stop = _stopwords()
        self._bm25 = BM25Okapi([baseline_tokens(w.text, self._stop) or ["∅"] for w in self.windows])

    def search(self, question: str, k: int = 10) -> list[Window]:
        """The ``k`` best windows for ``question``, best first (ties keep document order)."""
        scores = self._bm25.get_scores(baseline_tokens(question, self._stop))
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        return [self.windows[i] for i in order[:k]]


def gold_windows(windows: Iterable[Window], spans: Iterable[tuple[str, int, int]]) -> set[str]:
    """Ids of the windows overlapping any ``(doc_id, start, end)`` span."""
    spans = list(spans)
    return {w.id for w in windows
            if any(w.doc_id == d and w.start < end and start < w.end for d, start, end in spans)}


def run_baseline(raw_texts: Mapping[str, str], clauses: Iterable[Clause], qa_items: Sequence[dict],
                 window: int = 500, overlap: int = 0, k: int = 10) -> dict:
    """Score the fixed-window BM25 baseline on the answerable QA items.

    Args:
        raw_texts: ``{doc_id: raw text}`` for every document (normalized here).
        clauses: The clause chunker's output; only ids and raw offsets are used, to map gold
            clause ids to raw spans.
        qa_items: QA records (``eval.runner.load_qa``); unanswerable ones are skipped.
        window: Window length in characters.
        overlap: Overlap between consecutive windows.
        k: Ranking depth (MRR@k, nDCG@k).

    Returns:
        ``{"hit@1", "hit@5", "mrr@10", "ndcg@10", "chars@5", "n", "window", "overlap", "n_windows",
        "unknown_gold", "description"}``; ``unknown_gold`` lists gold ids with no clause (they
        cannot be mapped to a span and are left out of the gold set).
    """
    windows = [w for doc_id, raw in raw_texts.items() for w in document_windows(doc_id, raw, window, overlap)]
    index = WindowBM25(windows)
    spans = {c.id: (c.doc_id, c.start, c.end) for c in clauses}
    rows, unknown = [], []
    for item in qa_items:
        if not item["answerable"]:
            continue
        unknown += [g for g in item["gold_clause_ids"] if g not in spans]
        gold = gold_windows(windows, (spans[g] for g in item["gold_clause_ids"] if g in spans))
        top = index.search(item["question"], k)
        ranked = [w.id for w in top]
        rows.append({"hit@1": hit_at_k(ranked, gold, 1), "hit@5": hit_at_k(ranked, gold, 5),
                     "mrr@10": reciprocal_rank(ranked, gold, k), "ndcg@10": ndcg_at_k(ranked, gold, k),
                     "chars@5": float(sum(len(w.text) for w in top[:5]))})
    clause_count = len(spans)
    return {**aggregate(rows), "n": len(rows), "window": window, "overlap": overlap,
            "n_windows": len(windows), "unknown_gold": sorted(set(unknown)),
            "description": (f"normalized text cut into {window}-character windows with {overlap} "
                            "overlap (mapped back to raw spans), "
                            "BM25 (rank-bm25 Okapi) over jieba search-mode tokens; a window is a hit "
                            "when it overlaps a gold clause's raw span. Lenient: "
                            f"{len(windows)} windows cover {clause_count} clauses, so one window "
                            "holds several clauses and the reader gets far more text per hit.")}


def run_baseline_on_corpus(corpus_dir: Path, qa_items: Sequence[dict],
                           clauses: Sequence[Clause] | None = None, window: int = 500,
                           overlap: int = 0) -> dict:
    """``run_baseline`` on a corpus folder; clauses default to the chunker's output.

    Args:
        corpus_dir: Folder with ``documents.toml`` and the raw files.
        qa_items: QA records.
        clauses: Clauses with raw offsets; ``None`` runs ``rag.ingest.chunk.chunk_corpus``.
        window: Window length in characters.
        overlap: Overlap between consecutive windows.
    """
    from rag.ingest.corpus import load_manifest

    files = load_manifest(Path(corpus_dir))
    if clauses is None:
        from rag.ingest.chunk import chunk_corpus

        _, clauses = chunk_corpus(files)
    raw = {f.document.id: f.read_text() for f in files}
    return run_baseline(raw, clauses, qa_items, window=window, overlap=overlap)
