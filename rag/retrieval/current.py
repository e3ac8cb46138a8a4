"""Documents in force first: a repealed, superseded or expired document's hits rank after the others'.

A library keeps the plans it replaced — officials still look things up in them — but an answer
should rest on what applies today. ``CurrentFirst`` wraps a search function (the hybrid
searcher's, the one the answer layer is given too) and ranks, within the hits it returns, those
of documents no longer in force (``Document.in_force``) as if they scored ``_OUTDATED_WEIGHT`` of
their score: behind current clauses of comparable relevance. It demotes, it never drops, so a
question only an old plan answers is still answered from it. ``outdated_note`` is the sentence ``rag.service.PolicyQA.ask`` appends when an answer cites
such a document anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from rag.model import Document, Hit

_OUTDATED_WEIGHT = 0.6  # an outdated document's hit ranks as if it scored this share


def today_iso() -> str:
    """Today's date as ``YYYY-MM-DD`` (the server's local date)."""
    return date.today().isoformat()


class CurrentFirst:
    """A search function whose hits of documents no longer in force come last.

    Args:
        search: ``search(*args, **kwargs) -> list[Hit]`` (e.g. ``HybridSearcher.search``).
        documents: The corpus documents.
        today: Returns today's date ``YYYY-MM-DD``; asked on every call, so a plan whose 有效期
            ends while the server runs is demoted from the next day on.
    """

    def __init__(self, search: Callable[..., list[Hit]], documents: Iterable[Document],
                 today: Callable[[], str] = today_iso):
        self._search = search
        self.documents = {d.id: d for d in documents}
        self._today = today
        self._outdated: tuple[str, frozenset[str]] = ("", frozenset())

    def outdated(self) -> frozenset[str]:
        """Ids of the documents not in force today (worked out once a day)."""
        today = self._today()
        if self._outdated[0] != today:
            self._outdated = (today, frozenset(i for i, d in self.documents.items() if not d.in_force(today)))
        return self._outdated[1]

    def __call__(self, *args, **kwargs) -> list[Hit]:
        hits = self._search(*args, **kwargs)
        old = self.outdated()
        if not old or not any(h.clause.doc_id in old for h in hits):
            return hits
        # an outdated clause yields to a current one of comparable relevance, not to every one: a
        # question only the old plan answers well is still answered from it first
        ordered = sorted(hits, key=lambda h: -h.score * (_OUTDATED_WEIGHT if h.clause.doc_id in old else 1.0))
        return [h if h.rank == n else replace(h, rank=n) for n, h in enumerate(ordered, 1)]


def outdated_note(citations: Sequence[Hit], documents: Mapping[str, Document], today: str) -> str:
    """The note for an answer citing documents no longer in force, or ``""``.

    Args:
        citations: The answer's cited hits.
        documents: ``{id: Document}`` of the corpus.
        today: ``YYYY-MM-DD``.

    Returns:
        E.g. ``注：所引《山东省旧办法》已废止（已由《山东省新办法》取代），请以现行文件为准。``
    """
    parts = []
    for doc_id in dict.fromkeys(h.clause.doc_id for h in citations):
        doc = documents.get(doc_id)
        if doc is None or doc.in_force(today):
            continue
        name = f"《{doc.short_name or doc.title}》"
        successor = documents.get(doc.superseded_by) if doc.superseded_by else None
        if doc.status == "repealed" or doc.superseded_by:
            by = f"（已由《{successor.short_name or successor.title}》取代）" if successor else ""
            parts.append(f"{name}已废止{by}")
        else:
            parts.append(f"{name}已于{doc.expires}到期")
    return f"注：所引{'；'.join(parts)}，请以现行文件为准。" if parts else ""
