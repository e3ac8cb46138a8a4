"""QA sets as evaluators write them: JSON Lines or CSV, gold clauses by id or by a quoted phrase.

Someone who never saw a clause id can write a set: each question names its answer by a phrase
quoted from the clause (``gold_quotes``), which ``resolve_quotes`` turns into the clause ids of
the corpus being evaluated (every clause holding the phrase, after folding width, whitespace and
traditional script). Only ``question`` is required; an item is answerable unless it says
``answerable: false`` (CSV: ``no``/``false``/``0``/``否``), and an answerable one needs 1–3
``gold_keywords`` and a gold clause (by id or quote). ``user``, ``intent``, ``docs``, ``tags`` and
``id`` are optional (``id`` defaults to the line number).

CSV columns (header row, UTF-8, any order): ``question``, ``keywords`` (``;`` or ``；`` or ``|``
between keywords), ``gold`` (clause ids or quoted phrases, ``|`` between them), ``answerable``,
and optionally ``id``, ``intent``, ``user``. The format is in README ("Bring your own QA set").
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path

from eval.jsonl import read_jsonl
from eval.metrics import fold
from rag.ingest.metadata import iso_date

INTENTS = ("lead", "support", "target", "policy", "region", "doc_fact", "dept_lookup", "open", "alignment")
_CLAUSE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*:\S+$")
_KEYWORD_SEP = re.compile(r"[;；|]")
_A_DAY = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_CELL_GAP = re.compile(r"\s*\|\s*|\s{2,}|\t|\u3000+")  # the gap between two cells of a table (text or Markdown)
_FALSE = frozenset({"false", "no", "0", "否", "n"})


def validate_item(item: dict, where: str = "item") -> None:
    """Check one normalized QA record.

    Args:
        item: A record as ``normalize_item`` returns it, or a ``qa.jsonl`` line (missing
            ``gold_quotes`` / ``gold_clause_ids`` / ``docs`` count as empty).
        where: Position used in error messages, e.g. ``qa.jsonl:12``.

    Raises:
        ValueError: A field has the wrong type or an unknown value, or answerability disagrees
            with the gold (answerable items need a gold clause and 1–3 keywords, unanswerable
            ones neither).
    """
    item = {"gold_quotes": [], "gold_clause_ids": [], "docs": [], **item}
    for key, kind in (("id", str), ("question", str), ("answerable", bool), ("gold_clause_ids", list),
                      ("gold_quotes", list), ("gold_keywords", list), ("docs", list)):
        if not isinstance(item.get(key), kind):
            raise ValueError(f"{where}: field {key!r} must be a {kind.__name__}, got {item.get(key)!r}")
    if not item["question"].strip():
        raise ValueError(f"{where}: empty question")
    if item.get("user") is not None and not isinstance(item["user"], str):  # who asks: a free label (resident …)
        raise ValueError(f"{where}: field 'user' must be a str, got {item['user']!r}")
    if not isinstance(item.get("intent", ""), str):
        # a label of the report's per-intent table: the evaluator's own (procedure, penalty) are kept
        raise ValueError(f"{where}: field 'intent' must be a str, got {item['intent']!r}")
    gold, quotes, keywords = item["gold_clause_ids"], item["gold_quotes"], item["gold_keywords"]
    if item["answerable"]:
        if not (gold or quotes) or not 1 <= len(keywords) <= 3:
            raise ValueError(f"{where}: an answerable item needs gold_clause_ids or gold_quotes and 1-3 gold_keywords")
        bad = [g for g in gold if not _CLAUSE_ID.match(g)]
        if bad:
            raise ValueError(f"{where}: gold ids {bad} are not '<doc_id>:<labels>'")
        if item["docs"]:
            bad = [g for g in gold if g.split(":", 1)[0] not in item["docs"]]
            if bad:
                raise ValueError(f"{where}: gold ids {bad} are not '<doc_id>:<labels>' of a doc in 'docs'")
    elif gold or quotes or keywords:
        raise ValueError(f"{where}: an unanswerable item must have no gold clause and no gold_keywords")


def normalize_item(raw: dict, n: int) -> dict:
    """A record with every field present: defaults for the optional ones, ``gold`` split into ids
    and quotes, CSV strings turned into lists and booleans."""
    def listed(value) -> list[str]:
        if value is None or value == "":
            return []
        if isinstance(value, str):
            return [v.strip() for v in value.split("|") if v.strip()]
        return list(value) if isinstance(value, list) else value

    keywords = raw.get("gold_keywords", raw.get("keywords"))
    if isinstance(keywords, str):
        keywords = [k.strip() for k in _KEYWORD_SEP.split(keywords) if k.strip()]
    answerable = raw.get("answerable", True)
    if isinstance(answerable, str):
        answerable = answerable.strip().lower() not in _FALSE
    ids, quotes = listed(raw.get("gold_clause_ids")), listed(raw.get("gold_quotes"))
    for g in listed(raw.get("gold")):
        (ids if _CLAUSE_ID.match(g) else quotes).append(g)
    return {**raw, "id": str(raw.get("id") or f"row{n}"), "question": raw.get("question") or "",
            "user": raw.get("user") or "evaluator", "intent": raw.get("intent") or "",
            "answerable": answerable, "gold_clause_ids": ids, "gold_quotes": quotes,
            "gold_keywords": keywords if keywords is not None else [], "docs": listed(raw.get("docs")),
            "tags": listed(raw.get("tags"))}


def _csv_rows(path: Path) -> Iterable[tuple[int, dict]]:
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    if not reader.fieldnames or "question" not in reader.fieldnames:
        raise ValueError(f"{path}: a CSV QA set needs a header row with a 'question' column; got {reader.fieldnames}")
    for n, row in enumerate(reader, 2):
        if any((v or "").strip() for v in row.values()):
            yield n, {k: (v or "").strip() for k, v in row.items() if k}


def load_qa(path: Path | str) -> list[dict]:
    """Read, normalize and validate a QA set (``.jsonl`` or ``.csv``).

    Raises:
        FileNotFoundError: ``path`` does not exist.
        ValueError: A line is not JSON, fails ``validate_item``, or repeats an id.
    """
    path = Path(path)
    rows = _csv_rows(path) if path.suffix.lower() == ".csv" else read_jsonl(path)
    items: list[dict] = []
    seen: set[str] = set()
    for n, raw in rows:
        if not isinstance(raw, dict):
            raise ValueError(f"{path.name}:{n}: a QA item must be a JSON object")
        item = normalize_item(raw, n)
        validate_item(item, f"{path.name}:{n}")
        if item["id"] in seen:
            raise ValueError(f"{path.name}:{n}: duplicate id {item['id']!r}")
        seen.add(item["id"])
        items.append(item)
    return items


def _days(doc) -> tuple[str, ...]:
    """A document's issue and publication days as its data holds them (YYYY-MM-DD)."""
    return tuple(str(getattr(doc, k, "") or "") for k in ("date", "published"))


def resolve_quotes(items: list[dict], clauses: Iterable, documents: Iterable = ()) -> list[dict]:
    """Turn every item's ``gold_quotes`` into the ids of the clauses that hold them.

    A quote only a section heading holds names the clauses under it. A quote no clause holds but a
    document's own data does (its 文号, title, issuer, issue or publication day — 2024年04月18日 is
    2024-04-18 —, read from a header or a site's metadata list) names that document: its first
    clause stands for it.

    Args:
        items: Normalized records.
        clauses: The evaluated corpus' clauses (``.id``, ``.doc_id``, ``.text``), in order.
        documents: Its documents (``.id``, ``.title``, ``.number``, ``.issuer``, ``.date``).

    Returns:
        New records whose ``gold_clause_ids`` include the resolved ids and whose ``docs`` default
        to the gold clauses' documents.

    Raises:
        ValueError: A quote neither a clause nor a document holds (the message names the item
            and the quote).
    """
    clauses = list(clauses)
    folded = [(c, fold(c.text)) for c in clauses]
    first = {}
    for c in clauses:
        first.setdefault(c.doc_id, c.id)
    own = [(d.id, fold(" ".join(str(v or "") for v in (d.title, d.number, d.issuer, *_days(d))))) for d in documents]
    out = []
    for item in items:
        ids = list(item["gold_clause_ids"])
        for quote in item["gold_quotes"]:
            found = [c.id for c, text in folded if fold(quote) in text]
            cells = [fold(p) for p in _CELL_GAP.split(quote.strip()) if p.strip()]  # 任务  牵头单位, | 类别 | 标准 |
            if not found and cells and cells != [fold(quote.strip())]:
                # copied across a text table's cells (任务  牵头单位), or one cell with its bars
                # (| 区商务局、区财政局 |): the row holding every cell
                found = [c.id for c, text in folded if all(p in text for p in cells)]
            # a section's heading (（一）完善冷链物流设施网络) names the clauses under it
            found = found or [c.id for c in clauses if any(fold(quote) in fold(h) for h in getattr(c, "path", ()))]
            day = iso_date(quote) if _A_DAY.fullmatch(quote.strip()) else ""  # 2024年04月18日 is 2024-04-18
            found = found or [first[d] for d, text in own if (fold(day or quote) in text) and d in first]
            if not found:
                raise ValueError(f"{item['id']}: no clause of the corpus holds the quoted phrase {quote!r}")
            ids += found
        ids = list(dict.fromkeys(ids))
        docs = item["docs"] or list(dict.fromkeys(g.split(":", 1)[0] for g in ids))
        out.append({**item, "gold_clause_ids": ids, "docs": docs})
    return out
