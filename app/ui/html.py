"""HTML fragments of the Gradio UI: cited-clause cards, the 原文 view, term highlighting.

Every piece of text from a document, an answer or the user is passed through ``html.escape``
before it is placed in markup, so a clause or question holding HTML shows as text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from rag.model import Clause, Document, Hit

LEVEL_NAMES = {"province": "省级", "city": "市级", "county": "县级", "national": "国家级", "other": "其他"}

CSS = """
.pqa-cite {border:1px solid var(--border-color-primary); border-radius:8px; padding:8px 10px;
  margin:0 0 8px 0; cursor:pointer; background:var(--background-fill-primary);}
.pqa-cite:hover, .pqa-cite.pqa-active {border-color:var(--color-accent); box-shadow:0 0 0 1px var(--color-accent);}
.pqa-head {font-size:0.95em;}
.pqa-num {display:inline-block; min-width:1.8em; font-weight:700; color:var(--color-accent);}
.pqa-docno {color:var(--body-text-color-subdued); font-size:0.85em; margin-left:4px;}
.pqa-path {color:var(--body-text-color-subdued); font-size:0.85em; margin:2px 0 4px 0;}
.pqa-badge {display:inline-block; border-radius:10px; padding:0 8px; margin:0 4px 3px 0; font-size:0.8em;}
.pqa-lead {background:#fecaca; color:#991b1b; font-weight:600;}
.pqa-support {background:#dbeafe; color:#1e3a8a;}
.pqa-inherited {background:#eef2ff; color:#3730a3; border:1px dashed #818cf8;}
.pqa-text {font-size:0.92em; line-height:1.6; max-height:9.6em; overflow:auto;}
.pqa-text mark, .pqa-doc mark.pqa-term {background:#fef08a; padding:0 1px;}
.pqa-chips {flex-wrap:wrap !important; gap:6px !important;}
.pqa-chip {flex:0 0 auto !important; border-radius:16px !important;}
.pqa-empty {color:var(--body-text-color-subdued); padding:8px;}
.pqa-dochead {font-weight:600; margin-bottom:4px;}
.pqa-doc {position:relative; white-space:pre-wrap; line-height:1.7; font-size:0.92em; max-height:460px;
  overflow:auto; border:1px solid var(--border-color-primary); border-radius:8px; padding:10px;}
.pqa-doc .pqa-focus {background:#fff3c4; outline:2px solid #f59e0b; border-radius:3px;}
"""

# Clicking a card in the sources panel selects the matching entry of the 原文 picker (a Radio),
# which runs the server-side handler; delegation survives the panel being re-rendered.
HEAD = """
<script>
document.addEventListener('click', function (e) {
  var card = e.target.closest ? e.target.closest('.pqa-cite[data-clause]') : null;
  if (!card) return;
  var id = card.getAttribute('data-clause');
  document.querySelectorAll('#pqa-cite-pick input[type=radio]').forEach(function (inp) {
    if (inp.value === id && !inp.checked) inp.click();
  });
  document.querySelectorAll('.pqa-cite').forEach(function (c) { c.classList.toggle('pqa-active', c === card); });
});
</script>
"""

# Run after the 原文 panel is filled: scroll its box (not the page) to the highlighted clause.
SCROLL_JS = """
() => { setTimeout(() => {
  const box = document.querySelector('#pqa-origin .pqa-doc');
  const el = box && box.querySelector('.pqa-focus');
  if (box && el) box.scrollTop = Math.max(0, el.offsetTop - 60);
}, 150); }
"""


def highlight(text: str, terms: Iterable[str], tag: str = "mark", cls: str = "") -> str:
    """Escape ``text`` and wrap every occurrence of a term in ``<tag>``.

    Matching is done on the raw text and each piece escaped afterwards, so a term can never
    match inside an HTML entity.

    Args:
        text: Plain text.
        terms: Words to mark; longer ones win where they overlap.
        tag: Element name to wrap matches in.
        cls: Optional class for the element.

    Returns:
        Safe HTML.
    """
    words = sorted({t for t in terms if t and t.strip()}, key=len, reverse=True)
    if not words:
        return html.escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words))
    attr = f' class="{cls}"' if cls else ""
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(html.escape(text[pos : m.start()]))
        out.append(f"<{tag}{attr}>{html.escape(m.group())}</{tag}>")
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _badges(clause: Clause) -> str:
    parts = [f'<span class="pqa-badge pqa-lead" title="牵头单位">牵头 {html.escape(n)}</span>' for n in clause.lead]
    parts += [f'<span class="pqa-badge pqa-support" title="责任单位">责任 {html.escape(n)}</span>' for n in clause.support]
    parts += [
        f'<span class="pqa-badge pqa-inherited" title="责任单位（由前文“下同”沿用）">责任 {html.escape(n)}（下同）</span>'
        for n in clause.support_inherited
        if n not in clause.support
    ]
    return f'<div class="pqa-badges">{"".join(parts)}</div>' if parts else ""


def citation_label(n: int, hit: Hit, documents: dict[str, Document]) -> str:
    """Plain-text label of citation ``n``: ``[n] 文件简称 › 路径``."""
    doc = documents.get(hit.clause.doc_id)
    name = (doc.short_name or doc.title) if doc else hit.clause.doc_id
    return f"[{n}] {name} › {hit.clause.breadcrumb or hit.clause.labels}"


def sources_html(citations: Sequence[Hit], documents: dict[str, Document], terms: Iterable[str]) -> str:
    """The sources panel: one card per cited clause, numbered as in the answer.

    Args:
        citations: The answer's citations in marker order.
        documents: Documents by id (for title and 文号).
        terms: Question terms to highlight in the clause text.

    Returns:
        Safe HTML.
    """
    if not citations:
        return '<div class="pqa-empty">没有引用条款。</div>'
    terms = list(terms)
    cards = []
    for n, hit in enumerate(citations, 1):
        c = hit.clause
        doc = documents.get(c.doc_id)
        name = html.escape((doc.short_name or doc.title) if doc else c.doc_id)
        number = f'<span class="pqa-docno">{html.escape(doc.number)}</span>' if doc and doc.number else ""
        cards.append(
            f'<div class="pqa-cite" data-clause="{html.escape(c.id, quote=True)}" title="点击查看原文">'
            f'<div class="pqa-head"><span class="pqa-num">[{n}]</span><b>{name}</b>{number}</div>'
            f'<div class="pqa-path">{html.escape(c.breadcrumb or c.labels)}</div>'
            f"{_badges(c)}"
            f'<div class="pqa-text">{highlight(c.text, terms)}</div></div>'
        )
    return "".join(cards)


def _locate(doc_text: str, clause: Clause) -> tuple[int, int]:
    """Where the clause sits in the normalized document text; (-1, -1) when not found."""
    for probe in (clause.text, clause.text[:40], clause.title):
        probe = probe.strip()
        if probe:
            i = doc_text.find(probe)
            if i >= 0:
                end = i + len(clause.text) if doc_text.startswith(clause.text, i) else i + len(probe)
                return i, end
    return -1, -1


def origin_html(document: Document, doc_text: str, clause: Clause, terms: Iterable[str]) -> str:
    """The 原文 panel: the whole normalized document with the cited clause marked.

    Args:
        document: The clause's document.
        doc_text: Its normalized full text.
        clause: The clause to mark (scrolled into view by ``SCROLL_JS``).
        terms: Question terms to highlight inside the clause.

    Returns:
        Safe HTML.
    """
    meta = " · ".join(html.escape(x) for x in (document.number, document.issuer, document.date) if x)
    head = (
        f'<div class="pqa-dochead">{html.escape(document.title)}</div>'
        f'<div class="pqa-path">{meta}</div>'
        f'<div class="pqa-path">条款 {html.escape(clause.id)} · {html.escape(clause.breadcrumb)}</div>'
        f"{_badges(clause)}"
    )
    start, end = _locate(doc_text, clause)
    if start < 0:  # offsets of a differently normalized text: show the clause above the document
        body = f'<span class="pqa-focus">{highlight(clause.text, terms)}</span>\n\n{html.escape(doc_text)}'
    else:
        body = (
            html.escape(doc_text[:start])
            + f'<span class="pqa-focus">{highlight(doc_text[start:end], terms, cls="pqa-term")}</span>'
            + html.escape(doc_text[end:])
        )
    return f'{head}<div class="pqa-doc">{body}</div>'


def answer_markdown(answer_text: str, labels: Sequence[str]) -> str:
    """Chat message for an answer: escaped text plus the numbered 参考 list."""
    body = _md_escape(answer_text)
    if labels:
        body += "\n\n**参考**\n\n" + "\n".join(f"- {_md_escape(label)}" for label in labels)
    return body


def _md_escape(text: str) -> str:
    """Escape HTML, then the Markdown characters that would restyle policy text."""
    return re.sub(r"([\\`*_~\[\]#|])", r"\\\1", html.escape(text))
