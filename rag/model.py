"""The small data model every pipeline stage passes on.

A ``Clause`` is one citable unit of a policy document (one numbered task at its deepest level,
one 专栏 line-item, the 印发通知, a preamble paragraph). It keeps its provenance — document id,
numbering path, character offsets into the raw file — so citations are built from it and never
re-parsed from strings.

Clause ids are ``"{doc_id}:{labels}"`` where ``labels`` joins the numbering labels, without their
punctuation, with ``/``: ``shandong-nev-2023:二/六/1`` (二、 › （六） › 1.),
``liaocheng-nev-2024:四/九`` (四、 › (九)), ``shandong-nev-2023:二/一/专栏1/新能源乘用车`` (a 专栏
line-item, labelled by the words before its colon), ``…:通知`` (the issuing notice), ``…:前言``
(the preamble), ``…:导语`` (a news lead-in before the official text), and ``…:一/段2`` for the
second paragraph of an item whose body has several unnumbered paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Administrative levels from the top down; ``other`` is a document of no known level. The one
# ordering every stage uses (answers list the province before the city, views sort by it).
LEVELS = ("national", "province", "city", "county", "other")


def level_rank(level: str) -> int | None:
    """0 for national … 3 for county; ``None`` for ``other`` or an unknown level."""
    return LEVELS.index(level) if level in LEVELS[:-1] else None
STATUSES = ("current", "repealed")


@dataclass(frozen=True)
class Document:
    """One policy document as listed in the corpus manifest.

    Attributes:
        id: Stable short id, e.g. ``shandong-nev-2023``.
        title: Full title (标题).
        number: 文号, e.g. ``鲁政字〔2023〕236号``; empty when unknown.
        issuer: 发文机关, e.g. ``山东省人民政府``.
        date: Issue date as ``YYYY-MM-DD``; empty when unknown.
        level: One of ``LEVELS``.
        region: Region name, e.g. ``山东省`` or ``聊城市``.
        source_path: Raw file path relative to the repository root.
        short_name: Name used in citations, e.g. ``山东省行动计划``; defaults to the title.
        status: ``current`` or ``repealed`` (废止), one of ``STATUSES``.
        superseded_by: Id of the document that replaces this one; such a document is no longer
            in force even when its status says ``current``.
        expires: Last day in force as ``YYYY-MM-DD`` (有效期至); empty when open-ended.
        published: Day a site published it as ``YYYY-MM-DD`` (a page's 发布日期, often days after
            the 成文日期 in ``date``); empty when unknown.
    """

    id: str
    title: str
    number: str = ""
    issuer: str = ""
    date: str = ""
    level: str = "other"
    region: str = ""
    source_path: str = ""
    short_name: str = ""
    status: str = "current"
    superseded_by: str = ""
    expires: str = ""
    published: str = ""

    def in_force(self, today: str) -> bool:
        """Whether the document still applies on ``today`` (``YYYY-MM-DD``): not repealed, not
        superseded, not past its 有效期."""
        return self.status != "repealed" and not self.superseded_by and not (self.expires and self.expires < today)

    @property
    def label(self) -> str:
        """Short citation label: short name (or title) plus 文号 when known."""
        name = self.short_name or self.title
        return f"{name}（{self.number}）" if self.number else name


@dataclass(frozen=True)
class Target:
    """A quantitative target (指标) stated in a clause.

    Attributes:
        value: Numeric value, e.g. ``100.0`` for 100万辆.
        unit: Unit as written, e.g. ``万辆``, ``%``, ``万元``, ``家``.
        year: Deadline year when the sentence names one (到2025年), else ``None``.
        text: The sentence the target is stated in.
        raw: The matched words, e.g. ``100万辆左右``.
    """

    value: float
    unit: str
    year: int | None
    text: str
    raw: str = ""


@dataclass(frozen=True)
class Clause:
    """One citable clause of a document.

    Attributes:
        id: ``"{doc_id}:{labels}"`` (see module docstring).
        doc_id: Id of the owning ``Document``.
        path: Titles of the enclosing headings, outermost first, e.g.
            ``("二、重点任务", "（六）实施基础设施“提速提效”行动")``.
        title: The clause's own title (``1.加快建设充电基础设施``); may be empty.
        text: Normalized clause text, equal to ``normalize(raw[start:end])``.
        lead: 牵头单位 named in the clause's note (or in the closing note its task's sub-items
            share: （1）…（2）… then a note standing as its own paragraph).
        support: 责任单位 named in the clause's own (or shared closing) note.
        support_inherited: 责任单位 carried forward from an earlier note by 下同.
        roles: ``(role word as the document writes it, unit)`` for the clause's own units —
            ``("协办", "县医保局")``, ``("配合单位", "市燃气集团")``, ``("会同", "县财政局")`` — which
            ``lead`` / ``support`` map to the two roles the views use.
        targets: Quantitative targets stated in the clause.
        source_path: Raw file path relative to the repository root.
        start: Offset of the clause's first character in the raw file.
        end: Offset just past the clause's last character in the raw file.
        kind: ``item`` (numbered task), ``column`` (专栏 line-item), ``notice`` (印发通知),
            ``preamble``, ``paragraph`` or ``lead_in`` (news text before the official one).
    """

    id: str
    doc_id: str
    path: tuple[str, ...]
    title: str
    text: str
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    support_inherited: tuple[str, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()
    targets: tuple[Target, ...] = ()
    source_path: str = ""
    start: int = 0
    end: int = 0
    kind: str = "item"

    @property
    def labels(self) -> str:
        """The numbering part of the id, e.g. ``二/六/1``."""
        return self.id.split(":", 1)[1] if ":" in self.id else self.id

    @property
    def breadcrumb(self) -> str:
        """Hierarchy path and own title joined with ``›`` for citations."""
        parts = [*self.path, self.title] if self.title else list(self.path)
        return " › ".join(p for p in parts if p)

    @property
    def index_text(self) -> str:
        """Text used for indexing: the title path plus the clause text, so a child clause is
        found by its parents' words."""
        return "\n".join([*self.path, self.text])

    @property
    def all_support(self) -> tuple[str, ...]:
        """Own and inherited 责任单位, own first, without repeats."""
        return tuple(dict.fromkeys([*self.support, *self.support_inherited]))


@dataclass(frozen=True)
class Hit:
    """A clause returned by retrieval with its fused score and rank (1-based)."""

    clause: Clause
    score: float
    rank: int = 0
    scores: dict[str, float] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Answer:
    """What the answer layer returns for one question.

    Attributes:
        question: The question as asked.
        answer: The short answer (one or two sentences) with citation markers like ``[1]``.
        answerable: ``False`` when the corpus holds no relevant clause.
        intent: Detected intent name (see ``rag.answer.answerer``).
        citations: Hits whose clauses support the answer, in marker order.
        took_ms: Wall time in milliseconds.
    """

    question: str
    answer: str
    answerable: bool
    intent: str
    citations: tuple[Hit, ...] = ()
    took_ms: float = 0.0
