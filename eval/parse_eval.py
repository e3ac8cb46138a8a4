"""Score the parser on a parse gold set: items as their own clauses, titles, role units, metadata.

A parse set is a folder with ``docs/`` (raw files as a user would ingest them) and ``gold/``
(one JSON per file: title, 文号, issuer, date, level, region and every item with its label, title,
a verbatim quote of its body and its 牵头 / 配合 units; see ``eval/blind/README.md``). Each file
goes through the real ingest path (``rag.ingest.add.ingest_files`` into a scratch corpus, no
metadata given), then its clauses are matched to the gold items by quote:

* an item is *its own clause* when exactly one clause holds its quote and that clause holds no
  other item's quote;
* its *title* is right when the clause's title, without its numbering label, starts with the gold
  title (or the gold title with it);
* *role units* are ``(item, lead | support, unit)`` triples; a clause's support is its own and
  inherited (下同) units; recall and precision over the set;
* *metadata* is right field by field (title, number, issuer, date, level, region).

``policyqa eval --parse DIR`` prints the result; ``make eval`` writes it into ``eval/report.md``.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from rag.ingest.add import ingest_files
from rag.ingest.chunk import chunk_document
from rag.ingest.corpus import load_manifest
from rag.ingest.normalize import normalize_text
from rag.model import Clause

META_FIELDS = ("title", "number", "issuer", "date", "level", "region")
_LABEL = re.compile(r"^\s*(?:第[一二三四五六七八九十百零〇\d]+[章节条]|[（(][^）)]{1,4}[）)]|[一二三四五六七八九十百]+[、.．]"
                    r"|\d{1,3}[.．、]|[①-⑳])\s*")


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", normalize_text(text))


def _title(text: str) -> str:
    return _LABEL.sub("", _plain(text)).rstrip("。.：:；;")


def score_file(doc_path: Path, gold: dict) -> dict:
    """Ingest one file into a scratch corpus and score its parse against ``gold``.

    Returns:
        ``{"file", "error", "meta": {field: (got, want)}, "items": n, "own": n, "titles": n,
        "roles_gold": n, "roles_got": n, "roles_right": n, "misses": [...]}``.
    """
    out = {"file": gold["file"], "error": "", "meta": {}, "items": len(gold["items"]), "own": 0,
           "titles": 0, "roles_gold": 0, "roles_got": 0, "roles_right": 0, "misses": []}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        try:
            ingest_files([doc_path], corpus)
        except ValueError as exc:
            out["error"] = str(exc)
            return out
        (entry,) = load_manifest(corpus)
        doc = entry.document
        clauses = chunk_document(doc, entry.read_text())
    out["meta"] = {f: (getattr(doc, f), gold.get(f, "")) for f in META_FIELDS}
    texts = [_plain(c.text) for c in clauses]
    quotes = [_plain(item["quote"]) for item in gold["items"]]
    for n, item in enumerate(gold["items"]):
        holders = [i for i, t in enumerate(texts) if quotes[n] in t]
        clause: Clause | None = clauses[holders[0]] if len(holders) == 1 else None
        own = clause is not None and not any(q in texts[holders[0]] for m, q in enumerate(quotes) if m != n)
        want = {("lead", _plain(u)) for u in item.get("lead", [])} | {("support", _plain(u)) for u in item.get("support", [])}
        got: set[tuple[str, str]] = set()
        if clause is not None:
            got = {("lead", _plain(u)) for u in clause.lead} | {("support", _plain(u)) for u in clause.all_support}
        out["own"] += own
        gold_title, clause_title = _title(item["title"]), _title(clause.title) if clause else ""
        title_ok = bool(clause_title) and (clause_title.startswith(gold_title) or gold_title.startswith(clause_title))
        out["titles"] += title_ok
        out["roles_gold"] += len(want)
        out["roles_got"] += len(got)
        out["roles_right"] += len(want & got)
        if not own or not title_ok or want != got:
            out["misses"].append({"label": item["label"], "title": item["title"], "own": own,
                                  "clause": clause.id if clause else f"{len(holders)} clauses",
                                  "clause_title": clause.title if clause else "",
                                  "missing": sorted(want - got), "extra": sorted(got - want)})
    return out


def score_parse_set(folder: Path) -> dict:
    """Score every gold file of a parse set folder (``docs/`` + ``gold/``).

    Returns:
        ``{"files": [score_file results], "total": {...}}`` with the share of items that are their
        own clause, titles right, role recall and precision, and metadata fields right.
    """
    folder = Path(folder)
    files = []
    for gold_path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        files.append(score_file(folder / "docs" / gold["file"], gold))
    items = sum(f["items"] for f in files)
    meta = [got == want for f in files for got, want in f["meta"].values()] or [False]
    meta_total = len(files) * len(META_FIELDS)
    total = {
        "files": len(files),
        "items": items,
        "own_clause": sum(f["own"] for f in files) / max(items, 1),
        "titles": sum(f["titles"] for f in files) / max(items, 1),
        "role_recall": sum(f["roles_right"] for f in files) / max(sum(f["roles_gold"] for f in files), 1),
        "role_precision": sum(f["roles_right"] for f in files) / max(sum(f["roles_got"] for f in files), 1),
        "metadata": sum(meta) / max(meta_total, 1),
        "refused": sum(bool(f["error"]) for f in files),
    }
    return {"files": files, "total": total}


def render_parse(result: dict) -> str:
    """The parse score as a Markdown section: totals, per file, and every miss."""
    t = result["total"]
    lines = ["| files | items | own clause | titles | role recall | role precision | metadata fields | refused files |",
             "|---|---|---|---|---|---|---|---|",
             f"| {t['files']} | {t['items']} | {t['own_clause']:.1%} | {t['titles']:.1%} | {t['role_recall']:.1%} | "
             f"{t['role_precision']:.1%} | {t['metadata']:.1%} | {t['refused']} |", "",
             "| file | items | own clause | titles | roles right / gold / got | metadata wrong |",
             "|---|---|---|---|---|---|"]
    for f in result["files"]:
        wrong = "; ".join(f"{k}: {got!r} ≠ {want!r}" for k, (got, want) in f["meta"].items() if got != want)
        lines.append(f"| {f['file']} | {f['items']} | {f['own']} | {f['titles']} | "
                     f"{f['roles_right']} / {f['roles_gold']} / {f['roles_got']} | {f['error'] or wrong or '—'} |")
    misses = [(f["file"], m) for f in result["files"] for m in f["misses"]]
    if misses:
        lines += ["", "Misses:", ""]
        for file, m in misses:
            lines.append(f"- {file} {m['label']} {m['title']}: own={m['own']} clause={m['clause']} "
                         f"title={m['clause_title']!r} missing={m['missing']} extra={m['extra']}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    print(render_parse(score_parse_set(Path(sys.argv[1] if len(sys.argv) > 1 else "eval/blind/parse"))))
