"""The numbered body of a document as an outline: headings nested by their numbering styles.

One block per numbered item at its deepest level (一、 / （一） / 1. / （1） / ① / 第一章 … 第一条);
headings that only carry a title (二、重点任务) become path entries. The nesting of the numbering
styles is learned from the document itself: a style seen inside another is its child, a style
already open closes everything below it (so Liaocheng's (一)…(十八), numbered across sections,
still nest under their 一、…八、). A 专栏 box (专栏1 整车发展重点) gives one block per line-item
(``济南：…``), filed under the section it sits in; a title-only heading with several unnumbered
paragraphs gives one block per paragraph (``一/段2``). ``rag.ingest.chunk`` turns blocks into clauses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.ingest.duties import IN_NOTE
from rag.ingest.linejoin import DATE_LINE, is_title_like
from rag.ingest.numbering import numbering_of, value_of
from rag.ingest.paragraphs import Para

_COLUMN = re.compile(r"^(?:专栏|專欄)\s*(?:(\d{1,2})(?![\d年]))?")  # either script; not a year (专栏　2026年各市…)
_PAREN_NOTE = re.compile(r"[（(][^（）()]{0,20}[）)]")  # a parenthesised note in a title: （单位：万平方米）
_COLUMN_ITEM = re.compile(r"^([^，。；：,;:（）()]{1,15})[：:]")
_SENTENCE_END = "。！？；"
# 附件 / 附件2 / 附件：2025年重点任务分工表 — an attachment after the signature (a bare 附件 line
# anywhere): a new top-level part of the document, not a child of the body's last item.
_ANNEX = re.compile(r"^附件\s*(\d{0,2})\s*[：:]?\s*(.{0,40})$")
# 附件：重点任务分工表 (a table or a list by its title) opens the annex even in a plan without a
# signature (a Markdown export); before a signature it is the 通知's list of its attachments
_ANNEX_TABLE = re.compile(r"(?:表|清单|一览)$")
_TRAILING_NOTE = re.compile(rf"[（(]{IN_NOTE}*(?:牵头|责任|配合|主办|协办){IN_NOTE}*[）)]。?$")
_ISSUER_LINE = re.compile(r"(?:人民政府|办公厅|办公室|委员会|政府|厅|局|委)$")


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
class Block:
    """A future clause: kind, id labels, hierarchy path, title and its first and last paragraph."""

    kind: str
    labels: tuple[str, ...]
    path: tuple[str, ...]
    title: str
    first: int
    last: int


# ---------------------------------------------------------------- headings
def _first_sentence(text: str, limit: int = 40) -> tuple[str, bool]:
    """The text up to the first sentence end outside brackets (a ； inside a note ends nothing)
    and whether more text follows it."""
    depth, idx = 0, -1
    for i, ch in enumerate(text):
        depth += ch in "（(" and 1 or 0
        depth -= ch in "）)" and depth > 0 and 1 or 0
        if depth == 0 and ch in _SENTENCE_END:
            idx = i
            break
    if idx < 0:
        return text, False
    return text[:idx], idx + 1 < len(text) and len(text[:idx]) <= limit


def _heading(text: str, marker: str) -> tuple[str, bool]:
    """Own title and whether the heading line also carries body text."""
    rest = text[len(marker):].lstrip()
    sentence, more = _first_sentence(rest)
    if more:
        return f"{marker}{sentence}", True
    if is_title_like(rest, max_len=60) or not rest:
        return text, False
    if ASKED.match(rest):  # 五、问：租住保障性租赁住房的，提取额度怎么算？ — the question names it
        return f"{marker}{re.split(r'[？?]', rest, maxsplit=1)[0][:60]}", False
    if len(sentence) <= 30 and len(rest) == len(sentence) + 1 and "，" not in sentence:
        # A heading that is one short phrase with a full stop (1.建设算力枢纽节点。), as over
        # sub-items; an article's one-sentence body (第一条 为了…，制定本办法。) is not a title.
        return f"{marker}{sentence}", False
    note = _TRAILING_NOTE.search(rest)
    if note and not any(p in rest[:note.start()] for p in _SENTENCE_END):
        # a task written as one phrase and its note (a row of a task table): the phrase names it
        return f"{marker}{rest[:note.start()]}", True
    # A long first sentence (第一条 为了规范…，制定本办法。): its first phrase names it.
    phrase = re.split(r"[，,；;。：:]", rest, maxsplit=1)[0][:30]
    gap = " " if marker.endswith(("条", "章", "节")) else ""
    return (f"{marker}{gap}{phrase}" if len(phrase) >= 4 else marker.strip()), True


ASKED = re.compile(r"^\s*(?:问|问题|提问|Q)\s*\d*\s*[：:]", re.I)  # a 解读's question: 问：…？


def answered_groups(indices: list[int], paras: list[Para]) -> list[tuple[int, int]]:
    """Paragraphs as clauses: one each, except that a question of a 政策解读 (问：…？) and the
    paragraphs answering it (答：…, and what follows until the next 问) are one clause."""
    groups: list[tuple[int, int]] = []
    asking = False
    for i in indices:
        if ASKED.match(paras[i].text):
            groups.append((i, i))
            asking = True
        elif asking and groups and groups[-1][1] == i - 1:
            groups[-1] = (groups[-1][0], i)
        else:
            groups.append((i, i))
            asking = False
    return groups


def para_title(text: str) -> str:
    """The first sentence of a short-led paragraph as its title (a 解读's question: the question),
    else ``""``."""
    sentence, more = _first_sentence(text.lstrip("—-●■◆▲•· "), limit=30)
    if ASKED.match(text):
        return re.split(r"(?<=[？?])", text.strip(), maxsplit=1)[0][:60]
    return sentence if more else ""


# ---------------------------------------------------------------- numbered body
def _build_tree(paras: list[Para], start: int) -> _Node:
    root = _Node("root", "", None)
    stack: list[_Node] = [root]
    columns = 0
    expected: dict[str, int] = {}  # the value each numbering kind takes next (12.100个… is item 12)
    owner: _Node = root  # the node the previous paragraph went to
    closed = False  # a signature date has ended the body
    # (no signature date after a 附件：…分工表 line: it is no attachment list of a 通知 but the annex)
    signed = max((n for n, p in enumerate(paras) if DATE_LINE.match(p.text)), default=-1)
    skip = -1
    for i in range(start, len(paras)):
        if i == skip:
            continue
        text = paras[i].text
        numbering = numbering_of(text, expected)
        column = _COLUMN.match(text)
        annex = _ANNEX.match(text)
        if numbering:
            kind, label, marker = numbering
            expected[kind] = value_of(kind, label) + 1
            while stack[-1].kind == "column":
                stack.pop()
            kinds = [n.kind for n in stack]
            if kind in kinds:
                del stack[kinds.index(kind):]
            title, inline = _heading(text, marker)
            node = _Node(kind, label, i, title, title if inline else text.rstrip(_SENTENCE_END), inline)
            stack[-1].children.append(node)
            stack.append(node)
            rest = text[len(marker):].strip()
            boxed = _COLUMN.match(rest)
            if boxed and len(rest) <= 40 and not any(ch in rest for ch in _SENTENCE_END):
                # 三、专栏：各市重点项目 — a numbered heading opening a 专栏 box
                columns += 1
                node = _Node("column", f"专栏{boxed.group(1) or columns}", i, rest, rest)
                stack[-1].children.append(node)
                stack.append(node)
        elif column and is_title_like(_PAREN_NOTE.sub("", text)):  # (专栏　2026年各市改造任务（单位：万平方米）)
            columns += 1
            while len(stack) > 1 and (stack[-1].inline or stack[-1].kind == "column"):
                stack.pop()
            node = _Node("column", f"专栏{column.group(1) or columns}", i, text, text)
            stack[-1].children.append(node)
            stack.append(node)
        elif annex and (closed or not annex.group(2) or (i > signed and _ANNEX_TABLE.search(annex.group(2)))):
            title = annex.group(2)
            nxt = paras[i + 1].text if i + 1 < len(paras) else ""
            if not title and nxt and is_title_like(nxt, 60) and not numbering_of(nxt):
                title, skip = nxt, i + 1  # 附件 / 2025年重点任务分工表: the table's title names it
            node = _Node("annex", f"附件{annex.group(1)}", i, text, f"附件{annex.group(1)}：{title}" if title else text)
            root.children.append(node)
            stack = [root, node]
        elif DATE_LINE.match(text) and len(stack) > 1 and stack[-1].kind != "closing":
            # the signature date closes the body; the issuer line just before it goes with it
            first = i
            if owner.paras and owner.paras[-1] == i - 1 and is_title_like(paras[i - 1].text, 30) \
                    and _ISSUER_LINE.search(paras[i - 1].text):
                first = owner.paras.pop()
            node = _Node("closing", "落款", first, "", "", False, [first, i] if first < i else [i])
            root.children.append(node)
            stack = [root, node]
            closed = True
        else:
            stack[-1].paras.append(i)
        owner = stack[-1]
    return root


def _tree_blocks(node: _Node, labels: tuple[str, ...], path: tuple[str, ...], paras: list[Para]) -> list[Block]:
    blocks: list[Block] = []
    if node.kind == "column":
        seen: set[str] = set()
        for n, i in enumerate(node.paras, 1):
            m = _COLUMN_ITEM.match(paras[i].text)
            label = m.group(1).strip() if m else f"段{n}"
            label = label if label not in seen else f"{label}~{n}"
            seen.add(label)
            blocks.append(Block("column", (*labels, label), path, m.group(1).strip() if m else "", i, i))
        return blocks
    if node.kind == "closing":
        return [Block("paragraph", labels, path[:-1], "", node.paras[0], node.paras[-1])]
    if node.heading is None:  # the root: the body starts at a heading, so it owns no text
        pass
    elif node.inline or len(node.paras) == 1 or (not node.paras and not node.children):
        last = node.paras[-1] if node.paras else node.heading
        blocks.append(Block("item", labels, path[:-1], node.title, node.heading, last))
    elif node.paras:
        for n, (i, last) in enumerate(answered_groups(node.paras, paras), 1):
            blocks.append(Block("paragraph", (*labels, f"段{n}"), path, para_title(paras[i].text), i, last))
    for child in node.children:
        blocks.extend(_tree_blocks(child, (*labels, child.label), (*path, child.path_title), paras))
    return blocks


def outline_blocks(paras: list[Para], start: int) -> list[Block]:
    """Blocks of the numbered body that starts at paragraph ``start``, in reading order."""
    return _tree_blocks(_build_tree(paras, start), (), (), paras)
