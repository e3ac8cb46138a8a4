"""JSON shapes shared by the CLI and the HTTP API, built from the data model (never re-parsed)."""

from __future__ import annotations

from collections.abc import Mapping

from rag.model import Answer, Clause, Document, Hit, Target
from rag.retrieval.current import today_iso


def target_to_dict(target: Target) -> dict:
    return {"value": target.value, "unit": target.unit, "year": target.year, "text": target.text, "raw": target.raw}


def clause_to_dict(clause: Clause) -> dict:
    """The clause shape of ``policyqa clauses --json`` and ``GET /api/clauses/{id}``."""
    return {
        "clause_id": clause.id,
        "doc_id": clause.doc_id,
        "kind": clause.kind,
        "path": list(clause.path),
        "title": clause.title,
        "breadcrumb": clause.breadcrumb,
        "text": clause.text,
        "lead": list(clause.lead),
        "support": list(clause.support),
        "support_inherited": list(clause.support_inherited),
        "roles": [{"role": role, "unit": unit} for role, unit in clause.roles],
        "targets": [target_to_dict(t) for t in clause.targets],
        "source_path": clause.source_path,
        "start": clause.start,
        "end": clause.end,
    }


def document_to_dict(doc: Document) -> dict:
    return {
        "doc_id": doc.id,
        "title": doc.title,
        "short_name": doc.short_name or doc.title,
        "number": doc.number,
        "issuer": doc.issuer,
        "date": doc.date,
        "level": doc.level,
        "region": doc.region,
        "source_path": doc.source_path,
        "status": doc.status,
        "superseded_by": doc.superseded_by,
        "expires": doc.expires,
        "published": doc.published,
        "in_force": doc.in_force(today_iso()),
    }


def hit_to_dict(hit: Hit, documents: Mapping[str, Document]) -> dict:
    """The hit shape of search results and answer citations."""
    c = hit.clause
    doc = documents.get(c.doc_id)
    return {
        "rank": hit.rank,
        "clause_id": c.id,
        "doc_id": c.doc_id,
        "doc_title": doc.title if doc else "",
        "doc_number": doc.number if doc else "",
        "doc_level": doc.level if doc else "",
        "path": list(c.path),
        "title": c.title,
        "breadcrumb": c.breadcrumb,
        "text": c.text,
        "score": round(float(hit.score), 6),
        "scores": {k: round(float(v), 6) for k, v in hit.scores.items()},
        "lead": list(c.lead),
        "support": list(c.support),
        "support_inherited": list(c.support_inherited),
    }


def answer_to_dict(answer: Answer, documents: Mapping[str, Document]) -> dict:
    """The shape of ``policyqa ask --json`` and ``POST /api/ask``."""
    return {
        "question": answer.question,
        "answer": answer.answer,
        "answerable": answer.answerable,
        "intent": answer.intent,
        "citations": [hit_to_dict(h, documents) for h in answer.citations],
        "took_ms": round(answer.took_ms, 2),
    }


def search_result_to_dict(result, documents: Mapping[str, Document]) -> dict:
    """The shape of ``policyqa search --json`` and ``POST /api/search``: the query, hits, time."""
    return {
        "query": result.query,
        "hits": [hit_to_dict(h, documents) for h in result.hits],
        "took_ms": round(float(result.took_ms), 2),
    }
