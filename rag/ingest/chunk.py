"""Normalized document → clauses: numbering hierarchy, 专栏 line-items, notice, preamble, lead-in.

The numbered body becomes an outline of blocks (``rag.ingest.outline``: one per numbered item at its
deepest level, 专栏 line-items, paragraphs under a title-only heading).

Around the numbered body:

* ``导语`` — a news lead-in before the official text (before 以下为原文 or before the notice);
* ``通知`` — the issuing notice (letterhead, 文号, 关于印发…的通知, addressees, signature, date);
* the plan's title line(s), skipped;
* ``前言`` — the paragraph(s) between the title and the first numbered heading.

A document without any numbering gives one clause per paragraph.

Every clause's ``text`` is ``normalize_text(raw[start:end])`` of its own raw span, so a citation
can always be checked against the source — except a row of a text table, which reads with the
table's header (``rag.ingest.normalize``): its cells are in its span, its note comes from the
header. Responsibilities (``rag.ingest.duties``), the 下同 carry-forward and targets
(``rag.ingest.targets``) are filled in here.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rag.ingest.corpus import CorpusFile
from rag.ingest.departments import canonical_department
from rag.ingest.duties import FIRST_LEADS, ROLE_LINE, Duties, parse_duties
from rag.ingest.linejoin import DATE_LINE, DOC_NUMBER, is_title_like
from rag.ingest.normalize import Normalized, normalize_text
from rag.ingest.numbering import numbering_of
from rag.ingest.outline import Block, answered_groups, outline_blocks, para_title
from rag.ingest.paragraphs import Para, document_paras
from rag.ingest.script import to_simplified
from rag.ingest.targets import UNIT_NOTE, column_units, deadline_years, extract_targets
from rag.model import Clause, Document

_SOURCE_MARKER = re.compile(r"^(?:以下(?:为|是)?(?:原文|全文)|(?:原文|全文)如下)[：:]?$")
_NOTICE_TITLE = re.compile(r"(?:关于|印发|转发).*(?:通知|决定|批复)$|通知$")
_ISSUER = re.compile(r"(?:人民政府|办公厅|办公室|委员会|政府|厅|局|部|委|文件)$")
_REMARK = re.compile(r"^（此件[^（）]{0,12}）$")
_STANDALONE_NOTE = re.compile(r"[（(](?:[^（）()]|[（(][^（）()]*[）)])+[）)]。?"
                              r"|" + ROLE_LINE.pattern + r"[^。]{2,200}。?")


# ---------------------------------------------------------------- front matter
def _front_matter(paras: list[Para], first_numbered: int, doc: Document) -> tuple[list[Block], int]:
    """Blocks for 导语 / 通知 / 前言 (or flat 段N) and the index where the numbered body starts."""
    blocks: list[Block] = []
    head = (doc.title,) if doc.title else ()
    start = 0
    marker = next((i for i in range(first_numbered) if _SOURCE_MARKER.match(paras[i].text)), None)
    notice = next(
        (i for i in range(marker + 1 if marker is not None else 0, first_numbered)
         if DOC_NUMBER.fullmatch(paras[i].text)
         or (_NOTICE_TITLE.search(paras[i].text) and is_title_like(paras[i].text, 80))),
        None,
    )
    if notice is not None:
        floor = marker + 1 if marker is not None else 0
        while notice > floor and _is_letterhead(paras[notice - 1].text):
            notice -= 1
    lead_end = marker if marker is not None else notice
    if lead_end:
        title = paras[0].text if is_title_like(paras[0].text) else "导语"
        blocks.append(Block("lead_in", ("导语",), head, title, 0, lead_end - 1))
    start = (marker + 1) if marker is not None else 0
    if notice is not None:
        end = _notice_end(paras, notice, first_numbered)
        title = next((p.text for p in paras[notice:end + 1] if _NOTICE_TITLE.search(p.text)), "印发通知")
        blocks.append(Block("notice", ("通知",), head, title, notice, end))
        start = end + 1
    while start < first_numbered and is_title_like(paras[start].text) and not numbering_of(paras[start].text):
        start += 1  # the plan's own title (and subtitle)
    if first_numbered == len(paras):  # no numbering at all: one clause per paragraph
        for n, (i, last) in enumerate(answered_groups(list(range(start, len(paras))), paras), 1):
            blocks.append(Block("paragraph", (f"段{n}",), head, para_title(paras[i].text), i, last))
    elif start < first_numbered:
        blocks.append(Block("preamble", ("前言",), head, "前言", start, first_numbered - 1))
    return blocks, first_numbered


def _is_letterhead(text: str) -> bool:
    return is_title_like(text, 30) and bool(_ISSUER.search(text))


def _notice_end(paras: list[Para], notice: int, limit: int) -> int:
    """Last paragraph of the notice: its date line (plus a （此件公开发布） remark)."""
    for i in range(notice, limit):
        if DATE_LINE.match(paras[i].text):
            return i + 1 if i + 1 < limit and _REMARK.match(paras[i + 1].text) else i
    # No signature date: stop before the next title line after the notice's own title.
    seen_title = False
    for i in range(notice, limit):
        text = paras[i].text
        if _NOTICE_TITLE.search(text) and not seen_title:
            seen_title = True
        elif seen_title and is_title_like(text) and not DOC_NUMBER.fullmatch(text):
            return i - 1
    return limit - 1


# ---------------------------------------------------------------- clauses
def chunk_document(doc: Document, raw: str) -> list[Clause]:
    """Split one document into clauses.

    Args:
        doc: The document's manifest entry (id and ``source_path`` go into every clause).
        raw: The raw file text, exactly as stored (offsets refer to it).

    Returns:
        Clauses in reading order; empty when the text normalizes to nothing.

    Raises:
        ValueError: ``raw`` is not a string or ``doc`` has no id.
    """
    if not isinstance(raw, str):
        raise ValueError(f"chunk_document expects raw text (str), got {type(raw).__name__}")
    if not doc.id:
        raise ValueError("chunk_document needs a document with a non-empty id")
    norm, paras = document_paras(raw)
    first_numbered = next((i for i, p in enumerate(paras) if numbering_of(p.text)), len(paras))
    blocks, body_start = _front_matter(paras, first_numbered, doc)
    if body_start < len(paras):
        blocks.extend(outline_blocks(paras, body_start))
    return _finish(doc, raw, norm, paras, blocks)


def _finish(doc: Document, raw: str, norm: Normalized, paras: list[Para], blocks: list[Block]) -> list[Clause]:
    clauses: list[Clause] = []
    seen: set[str] = set()
    note = Duties()  # the last note whose 下同 carries units forward
    note_part: tuple[str, ...] = ()  # the top section it stands in (二、重点任务), which it is for
    columns: dict[tuple[str, ...], tuple[str, ...]] = {}  # a box's column units, from a note line of its own
    for block in blocks:
        first, last = paras[block.first].start, paras[block.last].end
        start, end = norm.raw_span(first, last)
        if any(first <= a and b <= last for a, b in norm.table_rows):
            text = norm.text[first:last]  # a text table's row reads with the table's header
        else:
            text = normalize_text(raw[start:end])
        clause_id = f"{doc.id}:{'/'.join(block.labels)}"
        n = 2
        while clause_id in seen:
            clause_id = f"{doc.id}:{'/'.join(block.labels)}~{n}"
            n += 1
        seen.add(clause_id)
        if block.kind == "column" and block.path and (units := column_units(text)) and _UNIT_LINE.fullmatch(text.strip()):
            columns[block.path] = units  # （单位：利用林地面积 万亩；示范基地 个） before the box's lines
        duties = parse_duties(text)
        inherited: tuple[str, ...] = ()
        lead = duties.lead
        if block.kind == "item" and note.carried:
            own = {canonical_department(x) for x in (*duties.lead, *duties.support)}
            inherited = tuple(x for x in note.carried if canonical_department(x) not in own)
            if note.carried_leads and not lead:  # （牵头单位：市商务局，下同）: it leads the tasks below it
                lead, inherited = inherited, ()
            elif not lead and not duties.support and note.lead and block.labels[:1] == note_part:
                # a task with no note of its own after （X牵头，Y配合，下同） is one the whole note is for: X
                # leads it, and every unit of the note takes part (not the 保障措施 of another section)
                lead, inherited = note.lead, note.support
        if duties.carried:
            note, note_part = duties, block.labels[:1]
        clauses.append(Clause(
            id=clause_id, doc_id=doc.id, path=block.path, title=block.title, text=text,
            lead=lead, support=duties.support, support_inherited=inherited, roles=duties.roles,
            targets=extract_targets(text, _box_unit(block) or columns.get(block.path)), source_path=doc.source_path,
            start=start, end=end,
            kind=block.kind,
        ))
    clauses = _share_closing_notes(clauses, blocks, paras)
    clauses = _inherit_deadlines(clauses, blocks)
    return _first_unit_leads(clauses) if FIRST_LEADS.search(to_simplified(norm.text)) else clauses


_UNIT_LINE = re.compile(r"[（(]\s*单位\s*[：:][^（）()]{1,60}[）)]")  # a line that is only a unit note


def _box_unit(block: Block) -> str | None:
    """The unit a 专栏 box's title gives its bare numbers (专栏　2026年各市…任务（单位：万平方米））."""
    if block.kind != "column" or not block.path:
        return None
    m = UNIT_NOTE.search(to_simplified(block.path[-1]))
    return m.group(1) if m else None


def _inherit_deadlines(clauses: list[Clause], blocks: list[Block]) -> list[Clause]:
    """A target stated without a year takes the one deadline its parent states: under （二）主要目标
    / 到2027年，全市冷链物流基础设施网络基本完善 the goals 1.…2800辆 are the 2027 figures. A parent
    naming two years (到2025年…到2027年…) gives none; a child's own year always wins."""
    by_labels = {b.labels: c for b, c in zip(blocks, clauses, strict=True)}
    out = []
    for block, clause in zip(blocks, clauses, strict=True):
        parent = by_labels.get(block.labels[:-1]) if len(block.labels) > 1 else None
        years = deadline_years(parent.text) if parent is not None and parent.kind == "item" else set()
        if len(years) == 1 and any(t.year is None for t in clause.targets):
            year = years.pop()
            clause = replace(clause, targets=tuple(replace(t, year=year) if t.year is None else t
                                                   for t in clause.targets))
        out.append(clause)
    return out


def _first_unit_leads(clauses: list[Clause]) -> list[Clause]:
    """Where the document says 排在第一位的为牵头单位, a note listing only 责任单位 names its
    lead first: （责任单位：市科技局、市财政局） has lead 市科技局 and support 市财政局."""
    return [replace(c, lead=c.support[:1], support=c.support[1:]) if c.support and not c.lead else c
            for c in clauses]


def _share_closing_notes(clauses: list[Clause], blocks: list[Block], paras: list[Para]) -> list[Clause]:
    """A note standing as its own paragraph after a task's last sub-item — 1.建设算力枢纽。
    （1）…（2）…（3）… then （省发展改革委牵头，…按职责分工负责） — is the whole task's: its
    sub-items (and the task's own clause) without a note of their own take its units; so does a
    keyed line closing a section (…\n责任单位：县人力资源和社会保障局、县财政局)."""
    out = list(clauses)
    for i, block in enumerate(blocks):
        note = paras[block.last].text
        if block.kind != "item" or block.first == block.last or not _STANDALONE_NOTE.fullmatch(note):
            continue
        parent = block.labels[:-1]
        family = [j for j, b in enumerate(blocks) if b.kind == "item" and b.labels[:len(parent)] == parent
                  and len(b.labels) >= len(parent) and j != i]
        if not parent or not (out[i].lead or out[i].support) or any(out[j].lead or out[j].support for j in family):
            continue  # the siblings have notes of their own: this one is only the last item's
        for j in family:
            out[j] = replace(out[j], lead=out[i].lead, support=out[i].support, roles=out[i].roles)
    return out


def chunk_corpus(files: list[CorpusFile]) -> tuple[list[Document], list[Clause]]:
    """Chunk every manifest entry.

    Args:
        files: Entries from ``rag.ingest.corpus.load_manifest``.

    Returns:
        The documents in manifest order and all their clauses in reading order.
    """
    documents: list[Document] = []
    clauses: list[Clause] = []
    for f in files:
        documents.append(f.document)
        clauses.extend(chunk_document(f.document, f.read_text()))
    return documents, clauses
