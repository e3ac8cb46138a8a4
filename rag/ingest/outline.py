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

from rag.ingest.normalize import CN_NUM, is_title_like

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
_SENTENCE_END = "。！？；"


@dataclass
class Para:
    """One paragraph of the normalized text: its span and text."""

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
class Block:
    """A future clause: kind, id labels, hierarchy path, title and its first and last paragraph."""

    kind: str
    labels: tuple[str, ...]
    path: tuple[str, ...]
    title: str
    first: int
    last: int


# ---------------------------------------------------------------- headings
def numbering_of(text: str) -> tuple[str, str, str] | None:
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


def _heading(text: str, marker: str) -> tuple[str, bool]:
    """Own title and whether the heading line also carries body text."""
    rest = text[len(marker):].lstrip()
    sentence, more = _first_sentence(rest)
    if more:
        return f"{marker}{sentence}", True
    if is_title_like(rest, max_len=60) or not rest:
        return text, False
    if len(sentence) <= 30 and len(rest) == len(sentence) + 1 and "，" not in sentence:
        # A heading that is one short phrase with a full stop (1.建设算力枢纽节点。), as over
        # sub-items; an article's one-sentence body (第一条 为了…，制定本办法。) is not a title.
        return f"{marker}{sentence}", False
    # A long first sentence (第一条 为了规范…，制定本办法。): cite by the label alone.
    return marker.strip(), True


def para_title(text: str) -> str:
    """The first sentence of a short-led paragraph as its title, else ``""``."""
    sentence, more = _first_sentence(text.lstrip("—-●■◆▲•· "), limit=30)
    return sentence if more else ""


# ---------------------------------------------------------------- numbered body
def _build_tree(paras: list[Para], start: int) -> _Node:
    root = _Node("root", "", None)
    stack: list[_Node] = [root]
    columns = 0
    for i in range(start, len(paras)):
        text = paras[i].text
        numbering = numbering_of(text)
        column = _COLUMN.match(text)
        if numbering:
            kind, label, marker = numbering
            while stack[-1].kind == "column":
                stack.pop()
            kinds = [n.kind for n in stack]
            if kind in kinds:
                del stack[kinds.index(kind):]
            title, inline = _heading(text, marker)
            node = _Node(kind, label, i, title, title if inline else text.rstrip(_SENTENCE_END), inline)
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
    if node.heading is None:  # the root: the body starts at a heading, so it owns no text
        pass
    elif node.inline or len(node.paras) == 1 or (not node.paras and not node.children):
        last = node.paras[-1] if node.paras else node.heading
        blocks.append(Block("item", labels, path[:-1], node.title, node.heading, last))
    elif node.paras:
        for n, i in enumerate(node.paras, 1):
            blocks.append(Block("paragraph", (*labels, f"段{n}"), path, para_title(paras[i].text), i, i))
    for child in node.children:
        blocks.extend(_tree_blocks(child, (*labels, child.label), (*path, child.path_title), paras))
    return blocks


def outline_blocks(paras: list[Para], start: int) -> list[Block]:
    """Blocks of the numbered body that starts at paragraph ``start``, in reading order."""
    return _tree_blocks(_build_tree(paras, start), (), (), paras)
