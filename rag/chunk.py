"""Normalized document → clauses: numbering hierarchy, 专栏 line-items, notice, preamble, lead-in.

One clause per numbered item at its deepest level (一、 / （一） / 1. / （1） / ① / 第一章 …
第一条); headings that only carry a title (二、重点任务) become path entries. The nesting of the
numbering styles is learned from the document itself: a style seen inside another is its child,
a style already open closes everything below it (so Liaocheng's (一)…(十八), numbered across
sections, still nest under their 一、…八、).

Around the numbered body:

* ``导语`` — a news lead-in before the official text (before 以下为原文 or before the notice);
* ``通知`` — the issuing notice (letterhead, 文号, 关于印发…的通知, addressees, signature, date);
* the plan's title line(s), skipped;
* ``前言`` — the paragraph(s) between the title and the first numbered heading.

A 专栏 box (专栏1 整车发展重点) is split into one clause per line-item (``济南：…``), filed under
the section it sits in. A title-only heading with several unnumbered paragraphs gives one clause
per paragraph (``一/段2``); a document without any numbering gives one clause per paragraph.

Every clause's ``text`` is ``normalize_text(raw[start:end])`` of its own raw span, so a citation
can always be checked against the source. Responsibilities (``rag.duties``), the 下同
carry-forward and targets (``rag.targets``) are filled in here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.corpus import CorpusFile
from rag.duties import canonical_department, parse_duties
from rag.model import Clause, Document
from rag.normalize import (
    CN_NUM,
    DATE_LINE,
    DOC_NUMBER,
    Normalized,
    is_title_like,
    normalize,
    normalize_text,
)
from rag.targets import extract_targets

_LEVELS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("part", rf"^第(?:{CN_NUM}|\d+)编"),
        ("chapter", rf"^第(?:{CN_NUM}|\d+)章"),
        ("section", rf"^第(?:{CN_NUM}|\d+)节"),
        ("article", rf"^第(?:{CN_NUM}|\d+)条"),
        ("cn", rf"^({CN_NUM})、"),
        ("paren_cn", rf"^[（(]({CN_NUM})[）)]"),
        ("arabic", r"^(\d{1,2})[.．、](?!\d)"),
        ("paren_arabic", r"^[（(](\d{1,2})[）)]"),
        ("circled", r"^([①-⑳])"),
    )
)
_COLUMN = re.compile(r"^专栏\s*(\d*)")
_COLUMN_ITEM = re.compile(r"^([^，。；：,;:（）()]{1,15})[：:]")
_SOURCE_MARKER = re.compile(r"^(?:以下(?:为|是)?(?:原文|全文)|(?:原文|全文)如下)[：:]?$")
_NOTICE_TITLE = re.compile(r"(?:关于|印发|转发).*(?:通知|决定|批复)$|通知$")
_ISSUER = re.compile(r"(?:人民政府|办公厅|办公室|委员会|政府|厅|局|部|委|文件)$")
_REMARK = re.compile(r"^（此件[^（）]{0,12}）$")
_SENTENCE_END = "。！？；"


@dataclass
class _Para:
    start: int
    end: int
    text: str


@dataclass
class _Node:
    kind: str
    label: str
    heading: int | None  # paragraph index of the heading line; None for the root
    title: str = ""       # own title for citations (1.加快建设充电基础设施)
    path_title: str = ""  # how the node appears in its children's path
    inline: bool = False  # the heading line carries body text
    paras: list[int] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)


@dataclass
class _Block:
    kind: str
    labels: tuple[str, ...]
    path: tuple[str, ...]
    title: str
    first: int
    last: int


# ---------------------------------------------------------------- headings
def _numbering(text: str) -> tuple[str, str, str] | None:
    """``(kind, label, marker)`` of a numbered heading, e.g. ``("paren_cn", "六", "（六）")``."""
    for kind, pattern in _LEVELS:
        m = pattern.match(text)
        if m:
            marker = m.group(0)
            if kind in ("part", "chapter", "section", "article"):
                label = marker
            elif kind == "circled":
                label = str(ord(marker) - 0x245F)
            else:
                label = m.group(1)
            return kind, label, marker
    return None


def _first_sentence(text: str, limit: int = 40) -> tuple[str, bool]:
    """The text up to the first sentence end and whether more text follows it."""
    idx = min((text.find(p) for p in _SENTENCE_END if p in text), default=-1)
    if idx < 0:
        return text, False
    return text[:idx], idx + 1 < len(text) and len(text[:idx]) <= limit


def _heading(text: str, kind: str, marker: str) -> tuple[str, bool]:
    """Own title and whether the heading line also carries body text."""
    rest = text[len(marker):].lstrip()
    sentence, more = _first_sentence(rest)
    if more:
        return f"{marker}{sentence}", True
    if is_title_like(rest, max_len=60) or not rest:
        return text, False
    # A long first sentence (第一条 为了规范…，制定本办法。): cite by the label alone.
    return marker.strip(), True


# ---------------------------------------------------------------- front matter
def _front_matter(paras: list[_Para], first_numbered: int, doc: Document) -> tuple[list[_Block], int]:
    """Blocks for 导语 / 通知 / 前言 (or flat 段N) and the index where the numbered body starts."""
    blocks: list[_Block] = []
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
        blocks.append(_Block("lead_in", ("导语",), head, title, 0, lead_end - 1))
    start = (marker + 1) if marker is not None else 0
    if notice is not None:
        end = _notice_end(paras, notice, first_numbered)
        title = next((p.text for p in paras[notice:end + 1] if _NOTICE_TITLE.search(p.text)), "印发通知")
        blocks.append(_Block("notice", ("通知",), head, title, notice, end))
        start = end + 1
    while start < first_numbered and is_title_like(paras[start].text) and not _numbering(paras[start].text):
        start += 1  # the plan's own title (and subtitle)
    if first_numbered == len(paras):  # no numbering at all: one clause per paragraph
        for n, i in enumerate(range(start, len(paras)), 1):
            blocks.append(_Block("paragraph", (f"段{n}",), head, _para_title(paras[i].text), i, i))
    elif start < first_numbered:
        blocks.append(_Block("preamble", ("前言",), head, "前言", start, first_numbered - 1))
    return blocks, first_numbered


def _is_letterhead(text: str) -> bool:
    return is_title_like(text, 30) and bool(_ISSUER.search(text))


def _notice_end(paras: list[_Para], notice: int, limit: int) -> int:
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


def _para_title(text: str) -> str:
    sentence, more = _first_sentence(text.lstrip("—-●■◆▲•· "), limit=30)
    return sentence if more else ""


# ---------------------------------------------------------------- numbered body
def _build_tree(paras: list[_Para], start: int) -> _Node:
    root = _Node("root", "", None)
    stack: list[_Node] = [root]
    columns = 0
    for i in range(start, len(paras)):
        text = paras[i].text
        numbering = _numbering(text)
        column = _COLUMN.match(text)
        if numbering:
            kind, label, marker = numbering
            while stack[-1].kind == "column":
                stack.pop()
            kinds = [n.kind for n in stack]
            if kind in kinds:
                del stack[kinds.index(kind):]
            title, inline = _heading(text, kind, marker)
            node = _Node(kind, label, i, title, title if inline else text, inline)
            stack[-1].children.append(node)
            stack.append(node)
        elif column and is_title_like(text):
            columns += 1
            while len(stack) > 1 and (stack[-1].inline or stack[-1].kind == "column"):
                stack.pop()
            node = _Node("column", f"专栏{column.group(1) or columns}", i, text, text)
            stack[-1].children.append(node)
            stack.append(node)
        else:
            stack[-1].paras.append(i)
    return root


def _tree_blocks(node: _Node, labels: tuple[str, ...], path: tuple[str, ...], paras: list[_Para]) -> list[_Block]:
    blocks: list[_Block] = []
    if node.kind == "column":
        seen: set[str] = set()
        for n, i in enumerate(node.paras, 1):
            m = _COLUMN_ITEM.match(paras[i].text)
            label = m.group(1).strip() if m else f"段{n}"
            label = label if label not in seen else f"{label}~{n}"
            seen.add(label)
            blocks.append(_Block("column", (*labels, label), path, m.group(1).strip() if m else "", i, i))
        return blocks
    if node.heading is None:  # the root: the body starts at a heading, so it owns no text
        pass
    elif node.inline or len(node.paras) == 1 or (not node.paras and not node.children):
        last = node.paras[-1] if node.paras else node.heading
        blocks.append(_Block("item", labels, path[:-1], node.title, node.heading, last))
    elif node.paras:
        for n, i in enumerate(node.paras, 1):
            blocks.append(_Block("paragraph", (*labels, f"段{n}"), path, _para_title(paras[i].text), i, i))
    for child in node.children:
        blocks.extend(_tree_blocks(child, (*labels, child.label), (*path, child.path_title), paras))
    return blocks


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
    norm = normalize(raw)
    paras = [_Para(s, e, norm.text[s:e]) for s, e in norm.paragraphs()]
    first_numbered = next((i for i, p in enumerate(paras) if _numbering(p.text)), len(paras))
    blocks, body_start = _front_matter(paras, first_numbered, doc)
    if body_start < len(paras):
        root = _build_tree(paras, body_start)
        blocks.extend(_tree_blocks(root, (), (), paras))
    return _finish(doc, raw, norm, paras, blocks)


def _finish(doc: Document, raw: str, norm: Normalized, paras: list[_Para], blocks: list[_Block]) -> list[Clause]:
    clauses: list[Clause] = []
    seen: set[str] = set()
    carry: tuple[str, ...] = ()
    for block in blocks:
        start, end = norm.raw_span(paras[block.first].start, paras[block.last].end)
        text = normalize_text(raw[start:end])
        clause_id = f"{doc.id}:{'/'.join(block.labels)}"
        n = 2
        while clause_id in seen:
            clause_id = f"{doc.id}:{'/'.join(block.labels)}~{n}"
            n += 1
        seen.add(clause_id)
        duties = parse_duties(text)
        inherited: tuple[str, ...] = ()
        if block.kind == "item" and carry:
            own = {canonical_department(x) for x in (*duties.lead, *duties.support)}
            inherited = tuple(x for x in carry if canonical_department(x) not in own)
        if duties.carried:
            carry = duties.carried
        clauses.append(Clause(
            id=clause_id, doc_id=doc.id, path=block.path, title=block.title, text=text,
            lead=duties.lead, support=duties.support, support_inherited=inherited,
            targets=extract_targets(text), source_path=doc.source_path, start=start, end=end,
            kind=block.kind,
        ))
    return clauses


def chunk_corpus(files: list[CorpusFile]) -> tuple[list[Document], list[Clause]]:
    """Chunk every manifest entry.

    Args:
        files: Entries from ``rag.corpus.load_manifest``.

    Returns:
        The documents in manifest order and all their clauses in reading order.
    """
    documents: list[Document] = []
    clauses: list[Clause] = []
    for f in files:
        documents.append(f.document)
        clauses.extend(chunk_document(f.document, f.read_text()))
    return documents, clauses
