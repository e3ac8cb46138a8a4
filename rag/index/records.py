"""Clauses as the index stores them: JSON records of every ``Clause`` field and back, and the
text indexed per clause."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from rag.model import Clause, Document, Target

_CLAUSE_FIELDS = tuple(f.name for f in dataclasses.fields(Clause))


def _plain(value):
    """``value`` as JSON-ready data; nested dataclasses become dicts."""
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def clause_to_record(clause: Clause) -> dict:
    """A JSON-ready dict of every ``Clause`` field (as ``dataclasses.asdict`` gives, without its
    deep copy of every string: 100,000 clauses are written in a second, not ten)."""
    return {name: _plain(getattr(clause, name)) for name in _CLAUSE_FIELDS}


def clause_from_record(record: dict) -> Clause:
    """Inverse of ``clause_to_record``."""
    data = dict(record)
    for name in ("path", "lead", "support", "support_inherited"):
        data[name] = tuple(data.get(name, ()))
    data["roles"] = tuple(tuple(r) for r in data.get("roles", ()))
    data["targets"] = tuple(Target(**t) for t in data.get("targets", ()))
    return Clause(**data)


def index_texts(documents: Sequence[Document], clauses: Sequence[Clause], doc_context: bool) -> list[str]:
    """What is indexed per clause: ``Clause.index_text`` (title path + text), led by the
    document's region and short name when ``doc_context`` — clauses rarely repeat the name of
    the place they govern, questions often do (聊城市…谁牵头)."""
    if not doc_context:
        return [c.index_text for c in clauses]
    heads = {d.id: " ".join(dict.fromkeys(x for x in (d.region, d.short_name or d.title) if x)) for d in documents}
    return [f"{heads[c.doc_id]}\n{c.index_text}" if heads.get(c.doc_id) else c.index_text
            for c in clauses]
