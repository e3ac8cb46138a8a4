"""What a question asks and about what: intent, places, levels, departments, topic words.

The answer layer (``rag.answer.answerer``) composes a different answer for each intent — 牵头单位 for
"哪个部门牵头…", 指标 for "…达到多少", a 专栏 line-item for "济南发展什么" — so it needs to know
which kind of question it holds. Detection uses general cue words of the genre plus the corpus'
own vocabulary (``CorpusVocab``): document regions and levels, place names found in clause texts,
and the department names parsed into clause metadata. Nothing is keyed to one document.

A question naming something the corpus does not hold (a city, a department, a 《document》) is
flagged in ``Detection.unknown`` so the answer layer can refuse honestly instead of answering
about the nearest lookalike.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import accumulate

from rag.answer.kinds import ASKS, Kind, asked_kinds
from rag.answer.questions import written
from rag.answer.registry import CUES, Intent, Question, Route, route
from rag.answer.sentences import folded
from rag.answer.vocab import CorpusVocab, pos_tagger, short_place, spelled_out, word_freq
from rag.retrieval.base import Filter
from rag.retrieval.synonyms import ABROAD
from rag.retrieval.tokenize import Tokenizer

# Department-like names in a question (省卫健委, 市教育局, 市消防救援支队); the inner part excludes
# function characters so that "省里牵头单位是哪个局" is not read as a department.
_DEPT_LIKE = re.compile(r"[省市县区][^\s，。？！?、；：的是哪个么什里和与及或在对有了吗呢由谁牵头负责参与]{1,6}?(?:厅|局|委|办|署|支队|大队)")
# Everyday words that end in an office character but name no office (布局, 部署, 举办).
_NOT_OFFICE = re.compile(r"(?:布局|格局|大局|全局|结局|开局|当局|举办|创办|承办|主办|开办|兴办|申办|督办|代办|"
                         r"包办|操办|筹办|查办|经办|协办|怎么办|大厅|展厅|餐厅|客厅|部署|签署)$")
# a department as people shorten it, its level said or written (市文旅局, 县里的消防队): ``_spelled_out_by``
_SHORT_DEPT = re.compile(r"([省市县区])(?:里的?)?([\u4e00-\u9fff]{2,4}?(?:厅|局|委|办|队))")
_DEPT_CORE = re.compile(r"^[省市县区]|(?:厅|局|委员会|委|办公室|办)$")
_DIRECTIONS = frozenset("东南西北中内外上下前后左右")
_BOOK_TITLE = re.compile(r"《([^》]{2,60})》")
_FULL_WIDTH = str.maketrans("(),:;", "（），：；")

# Words that say *what kind* of answer is wanted, not what it is about; dropped from the topic.
ROLE_WORDS: frozenset[str] = frozenset(
    """
    牵头 负责 部门 单位 责任 责任单位 牵头单位 参与 配合 协同 协助 主管 由谁 谁 管 目标 达到 多少 数量 比例
    任务 哪些 工作 职责 文号 印发 发布 日期 时间 文件 依据 根据 标题 名称 全称 定位 重点 发展 方向 主攻
    落实 贯彻 对应 执行 衔接 承接 响应 对接 要求 省里 省级 全省 我省 省政府 市级 市里 全市 我市 市政府 省 市
    具体 主要 一下 相关 政策 规定 内容 提出 提到 计划 方案 措施 条款 文件 出台 怎么办 情况 目前 现在
    分别 两个 这两个 各自 这项 这件 这块 一块 那项 哪几 哪几个 哪几项 几项 打算 准备 怎么样 做法 程度
    提供 享受 给予 有关
    """.split()
)


_LEVEL_WORDS = {"province": frozenset("省里 省级 全省 我省 省政府 省".split()),
                "city": frozenset("市级 市里 全市 我市 市政府 市".split())}


@dataclass(frozen=True)
class Detection:
    """What ``detect`` found in one question.

    Attributes:
        text: The folded question (NFKC, simplified characters).
        intent: The detected ``Intent``.
        route: Its ``rag.answer.registry.Route`` (retrieval and composer).
        kinds: The kinds of fact asked (``rag.answer.kinds``): a time, an amount, a mechanism …
        places: Known place names mentioned (short form, e.g. ``聊城``).
        regions: Document regions those places name (``聊城市``).
        levels: Document levels the question is about (``province`` / ``city`` …).
        departments: Canonical department names found in the question.
        unknown: Names the corpus does not hold (a place, department, person or 《document》).
        topic: Content tokens of the question without role, place and question words.
        cross_level: The question names two levels (省里 … 聊城), so both are answered.
        weights: Topic word → weight (IDF over the clauses), set by the answer layer.
        after: The clauses that answered the ask before, when this one has no subject of its own
            (…能一起拿吗？一年最多拿多少？): what it asks is most likely said there too.
    """

    text: str
    intent: Intent
    route: Route | None = field(default=None, compare=False)
    kinds: tuple[Kind, ...] = ()
    places: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    cross_level: bool = False
    weights: Mapping[str, float] = field(default_factory=dict, compare=False)
    after: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def terms(self) -> Mapping[str, float]:
        """Topic words with their weights (IDF when the answer layer set them, else 1)."""
        return self.weights or dict.fromkeys(self.topic, 1.0)

    def filter(self) -> Filter | None:
        """The metadata filter the question implies, or ``None`` (also for cross-level ones)."""
        if self.cross_level:
            return None
        if self.regions:
            return Filter(regions=frozenset(self.regions))
        if self.levels:
            return Filter(levels=frozenset(self.levels))
        return None


_COUNTY = re.compile(r"([^\W\d_了的在和是里全各本该哪每这那些个把被给向从到对我你他她它们咱]{2})县")
# a city, district, township or town the tagger does not know (玳泉区, 珈岭乡, 瑄平市), written as a
# word of its own: its name and suffix begin and end words of the question, its suffix a word or the
# two of one word (not 新型城镇化's 型城镇, nor 4A級景區's 級景區)
# a two-character word jieba's dictionary holds this rarely (岞山, tagged vn, 3) is as good as none:
# before 县 or 市 it is a place's name
_RARE_NAME = 10
_COMMON_STEM = 1000  # (丘陵 2477, 沿海 3527 in jieba's dictionary; a place's name, 阿里 726, is rarer)
_TOWN = re.compile(r"(?=([^\W\d_了的在和是里全各本该哪每这那些个把被给向从到对我你他她它们咱]{2})([市区乡镇]))")


def _places(text: str, vocab: CorpusVocab, tagged: list) -> tuple[list[str], list[str]]:
    """Known and unknown place names in ``text`` (short forms, first-seen order); ``tagged`` is
    ``text`` tokenized with parts of speech (``pos_tagger``)."""
    known: dict[str, None] = {}
    unknown: dict[str, None] = {}
    for place in sorted(set(vocab.region_of_place) | vocab.column_places, key=len, reverse=True):
        if place in text:
            known[short_place(place)] = None
    for tok in tagged:
        # jieba's dictionary tags some direction compounds as places (东西 "thing", 南北); a word
        # made only of direction characters names no place, nor does a verb with its complement of
        # direction (上门来 of 多久能上门来修).
        if not tok.flag.startswith("ns") or len(tok.word) < 2 or set(tok.word) <= _DIRECTIONS or tok.word[-1] in "来去":
            continue
        if len(tok.word) == 2 and tok.word[0] in "省市县区镇乡村" and tok.word[1] in "里上":
            continue  # (镇里来人看了: a level, as 县里 and 村里 are, which jieba happens to tag a place)
        # (nor a kind of area named by a common word, 丘陵地区, 沿海地区, 山区: the land, not a jurisdiction)
        stem = tok.word[:-2] if tok.word.endswith("地区") else tok.word[:-1] if tok.word.endswith("区") else ""
        if stem and word_freq(stem) >= _COMMON_STEM and not any(w.flag.startswith("ns") for w in pos_tagger().lcut(stem)):
            continue
        name = short_place(tok.word)
        if name in known or any(name in k or k in name for k in known) or tok.word in ABROAD:
            continue  # (a place abroad is where a measure applies, 境外, not a jurisdiction the corpus lacks)
        (known if vocab.holds(name) else unknown)[name] = None
    # a county the tagger does not know (苓湾县, 梅岭县): two characters before 县 that are a place or
    # person name to jieba, or no word (or a rare one) of its dictionary, and no function word (拿了县里, 年底全县)
    starts = dict(zip(accumulate((len(tok.word) for tok in tagged), initial=0), tagged, strict=False))  # where each word begins
    for m in _COUNTY.finditer(text):
        name, tags = m.group(1), [w.flag for w in pos_tagger().lcut(m.group(1))]
        if getattr(starts.get(m.end() - 1), "word", "") == "县级":
            continue  # (评上县级节水型企业: 县 begins the level word, it ends no place name)
        if (name not in vocab.text and f"{name}县" not in vocab.text and not any(name in k or k in name for k in known)
                and ((len(tags) == 1 and tags[0][:2] in ("ns", "nr")) or word_freq(name) <= _RARE_NAME)):
            unknown.setdefault(f"{name}县", None)
    bounds = {0, *accumulate(len(tok.word) for tok in tagged)}  # where the question's words begin and end
    unknown_char = {at for at, tok in starts.items() if len(tok.word) == 1 and tok.flag in ("zg", "x")
                    and "\u4e00" <= tok.word <= "\u9fff"}  # (a name's rare character jieba knows no word of: 峂|口镇)
    for m in _TOWN.finditer(text):
        name, at = m.group(1), m.start()
        if (at in bounds and at + 3 in bounds and (at + 2 in bounds or not bounds & {at + 1, at + 2} or at in unknown_char)  # (not 級|景區)
                and name not in vocab.text
                and not any(name in k or k in name for k in (*known, *unknown))
                and ((len(tags := pos_tagger().lcut(name)) == 1 and tags[0].flag[:2] in ("ns", "nr")) or word_freq(name) <= _RARE_NAME)):
            unknown.setdefault(name + m.group(2), None)
    return list(known), list(unknown)


def _departments(text: str, vocab: CorpusVocab) -> tuple[list[str], list[str], str, str]:
    """Known canonical departments, unknown department-like names, the text without them, and
    the text with each one said as 部门 (the ask read across it: 修车的钱可以找部门报吗).

    A name is found whole (省公安厅), by alias (发改委), or by its core followed by 部门
    (农业农村部门 → every 农业农村 department).
    """
    found: dict[str, None] = {}
    rest = spoken = text
    for alias in sorted(vocab.departments, key=len, reverse=True):
        if alias in vocab.region_of_place or short_place(alias) in vocab.column_places:
            continue  # 云栖县 in a note (云栖县、石门县人民政府) is a place the question names
        if len(alias) >= 3 and alias in rest:
            names = sorted(vocab.departments[alias])
            at = rest.index(alias)
            written = rest[at - 1] if at else ""
            if written and written in "省市县区" and not alias.startswith(written):
                # 县应急管理局 is not the corpus' 市应急管理局: a level written before a level-free
                # alias must be the canonical name's level
                names = [n for n in names if n.startswith(written)]
                if not names:
                    continue
            if len(names) > 1:  # 发改委 without a level: prefer the level the question names
                level = "省" if CUES["province"].search(text) else "市" if (CUES["city"].search(text) or any(
                    short_place(folded(r)) in text for r, lv in vocab.level_of_region.items() if lv == "city")) else ""
                names = [n for n in names if n.startswith(level)] or names
            found.update(dict.fromkeys(names))
            rest, spoken = rest.replace(alias, "，"), spoken.replace(alias, "部门")
    for canon in sorted({c for names in vocab.departments.values() for c in names}):
        core = _dept_core(canon)
        if len(core) >= 2 and f"{core}部门" in rest:
            found[canon] = None
    for canon in found:
        rest, spoken = rest.replace(f"{_dept_core(canon)}部门", "，"), spoken.replace(f"{_dept_core(canon)}部门", "部门")
    for m in _SHORT_DEPT.finditer(rest):
        if (canon := _spelled_out_by(m.group(1), m.group(2), vocab)) is not None:
            found[canon] = None  # 市文旅局 → 市文化广电旅游局, 县里的消防队 → 县消防救援大队
            rest, spoken = rest.replace(m.group(0), "，"), spoken.replace(m.group(0), "部门")
    unknown = [m.group(0) for m in _DEPT_LIKE.finditer(rest)
               if not vocab.holds(m.group(0)) and not _NOT_OFFICE.search(m.group(0))]
    return list(found), unknown, rest, spoken


def _spelled_out_by(level: str, short: str, vocab: CorpusVocab) -> str | None:
    """The one corpus department of ``level`` whose name a short form people use spells out — its
    characters in order, the first and the office character kept (文旅局 of 文化广电旅游局, 消防队 of
    消防救援大队); None when the corpus holds the short form itself or no single such department."""
    if vocab.holds(level + short) or vocab.holds(short):
        return None
    spelled = re.compile(spelled_out(short))
    canons = {c for names in vocab.departments.values() for c in names}
    fits = [c for c in canons if c.startswith(level + short[0]) and c.endswith(short[-1]) and spelled.fullmatch(c[1:])]
    return fits[0] if len(fits) == 1 else None


def _by_its_field(name: str, vocab: CorpusVocab) -> bool:
    """Whether the corpus names the office ``name`` asks of (区科技局) by its level and field, as
    plans write offices below their own level: 区（县）科技主管部门, 县级科技部门. (A fact of a step that
    office does is asked so; what an office is charged with is asked of its own name.)"""
    core = re.sub(r"(?:管理)?(?:厅|局|委|办|署)$", "", name[1:])
    return len(core) >= 2 and vocab.text.search(re.compile(
        rf"{name[0]}(?:级|（[^）]{{1,6}}）)?{re.escape(core)}(?:主管|行政主管|管理)?部门")) is not None


def _dept_core(canon: str) -> str:
    """A department name without its level prefix and office suffix: 省教育厅 → 教育."""
    return _DEPT_CORE.sub("", _DEPT_CORE.sub("", canon))


# what a level written with 级 names when it names the government, not a grade of a thing
_LEVEL_ITSELF = re.compile(r"层面|部门|政府|财政|机关|文件|方案|计划|政策")


def _levels(text: str, vocab: CorpusVocab) -> list[str]:
    """Levels the question names by a word of its own (县级, 全省, 省行动计划), not as the start
    of a longer word of the corpus (县级物流配送中心) nor as the grade of a thing (省级重点实验室,
    评上省级的话: a title a plan of any level may reward; 省级财政 and 省级层面 name the level)."""
    def standalone(m: re.Match) -> bool:
        if m.group().endswith("级") and not _LEVEL_ITSELF.match(text, m.end()):
            return False
        return not any(text[m.start():m.end() + k] in vocab.text for k in (2, 3, 4))
    return [level for level in ("province", "city", "county") if any(map(standalone, CUES[level].finditer(text)))]


_QUESTION_WORD = re.compile(r"多|几|什么|哪|何")


def _spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where each of ``words`` stands in ``text`` (first occurrence after the previous one)."""
    out, at = [], 0
    for w in words:
        i = text.find(w, at)
        if i >= 0:
            out.append((i, i + len(w)))
            at = i + len(w)
    return out


def _inside(text: str, word: str, spans: list[tuple[int, int]], edge: bool = False) -> bool:
    """Whether ``word`` lies within one of ``spans`` of ``text`` (with ``edge``: and begins or ends it)."""
    i = text.find(word)
    return i >= 0 and any(a <= i and i + len(word) <= b and (not edge or i == a or i + len(word) == b) for a, b in spans)


QUANTITY = re.compile(r"\d+(?:\.\d+)?(?:万|亿|头|只|家|名|人|户|张|床|吨|亩|平方米|立方米|辆|台|套)")  # an amount a question states (5亿)
# (and a party the plans support telling what it did: 家电企业牵头创建了…中心, not 哪家企业牵头)
_OWN_ROLE = re.compile(r"(?:我们|咱们|我|我司|本公司|本单位|本企业|(?<![哪各每些家])(?:企业|公司|厂家|高校))"
                       r"(?:公司|单位|企业|厂)?(?:牵头|负责|主导|参与|配合)")


def detect(question: str, vocab: CorpusVocab, tokenizer: Tokenizer) -> Detection:
    """Detect the intent, places, levels, departments and topic words of ``question``.

    Args:
        question: The question as asked (traditional or full-width characters are folded).
        vocab: The corpus vocabulary (``CorpusVocab.build``).
        tokenizer: The tokenizer whose ``fold`` (NFKC, traditional → simplified) is used.

    Returns:
        A ``Detection``.
    """
    text = written(tokenizer.fold(question).strip())
    departments, unknown_depts, rest, spoken = _departments(text, vocab)
    tagged = pos_tagger().lcut(rest)  # (one tagging serves the places and the topic)
    places, unknown_places = _places(rest, vocab, tagged)
    unknown = [*unknown_places, *unknown_depts]
    # the question is folded to half-width punctuation, the corpus is not: （2024—2030年） is (2024—2030年)
    unknown += [m.group(1) for m in _BOOK_TITLE.finditer(text)
                if m.group(1) not in vocab.text and m.group(1).translate(_FULL_WIDTH) not in vocab.text]
    unknown += [m.group(0) for m in CUES["person"].finditer(rest) if m.group(0) not in vocab.text]
    regions = list(dict.fromkeys(r for p in places for r in vocab.region_of_place.get(p, ())))
    held = set(vocab.level_of_region.values())
    explicit = [lv for lv in _levels(rest, vocab) if lv in held]
    levels = list(dict.fromkeys([*(vocab.level_of_region[r] for r in regions), *explicit]))
    cross_level = len(levels) >= 2

    # A document's own region (聊城, 山东省) says which document, not what about; any other place
    # the corpus names (章丘区 in a city plan, a 专栏 line's city) is what the question is about.
    own = {p for p in places if p in vocab.region_of_place}
    # a level word names a document only where the corpus has one of that level (省级 in a corpus
    # of city plans is what the question is about: 省级领军人才)
    unheld = {w for lv, words in _LEVEL_WORDS.items() if lv not in held for w in words}
    stop = (ROLE_WORDS - unheld) | own | {f"{p}{suffix}" for p in own for suffix in "省市县区"} | set(regions)
    words = vocab.words(rest)
    # the measure a question word asks for (多长时间, 多少钱, 什么时间) says what kind of fact, not what about;
    # a cue word written as such (有效期, 开始施行, 补助标准) may stand in the answer and stays a topic word
    cued = [m for cue in ASKS.values() for m in cue.finditer(rest)]
    asked = [(m.start() + q.start(), m.end()) for m in cued if (q := _QUESTION_WORD.search(m.group()))]
    # and a word of the cue itself the corpus never uses (具备 of 得具备什么) is how it is asked, not what about
    cues = [m.span() for m in cued]
    # (inside a cue's gap, a noun is what is asked about, 创业 of 有没有创业培训补贴; a verb is how, 做到
    # of 规模要做到多大)
    tags = {w.word: w.flag for w in tagged}
    # (a piece the tokenizer cut from a place's name, 州市 of 璪|州市, is no word of the question's either)
    named = [m.span() for p in own for m in re.finditer(f"{re.escape(p)}[省市县区]?", rest)]
    topic = [t for t in words if t not in stop and not t.isdigit() and not _inside(rest, t, asked)
             and not _inside(rest, t, named)
             and not (t not in vocab.text and _inside(rest, t, cues, edge=not tags.get(t, "x").startswith("v")))]
    # an amount the question states (营收过了5亿) picks the tier of a measure that states it (首次突破5亿元的)
    topic += [q for q in QUANTITY.findall(rest) if q in vocab.text and q not in topic]

    column_places = [p for p in places if p in vocab.column_places]
    # Words of the document titles (行动计划) or absent from the corpus (哪几项) say nothing
    # about which task a department question is about.
    task_words = [t for t in topic if t in vocab.text and t not in vocab.titles]
    # the asker's own role (我们牵头起草了一项标准) is what they did, not a question of who leads
    asking = _OWN_ROLE.sub(lambda m: "，" * len(m.group()), rest)
    kinds = asked_kinds(spoken)
    reaching = any(k in kinds for k in (Kind.ADDRESS, Kind.CONTACT, Kind.EMAIL, Kind.PERSON))
    chosen = route(Question(asking, departments=bool(departments), task_words=bool(task_words), reaching=reaching,
                            claims=Kind.SUPPORT in kinds,
                            cross_level=cross_level, column_places=bool(column_places), regions=bool(regions),
                            words=tuple(_spans(rest, [w for w in words if len(w) >= 3 and w in vocab.text]))))
    if kinds and chosen.intent not in (Intent.LEAD, Intent.SUPPORT, Intent.DEPT_LOOKUP):
        # (材料交到区科技局以后，区里初审要几天 asks a fact of a step the 区（县）科技主管部门 does)
        unknown = [u for u in unknown if u not in unknown_depts or not _by_its_field(u, vocab)]
    return Detection(text=text, intent=chosen.intent, route=chosen, kinds=kinds, places=tuple(places), regions=tuple(regions),
                     levels=tuple(levels), departments=tuple(departments),
                     unknown=tuple(dict.fromkeys(unknown)), topic=tuple(dict.fromkeys(topic)),
                     cross_level=cross_level)
