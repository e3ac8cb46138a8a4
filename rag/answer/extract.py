"""The backbone of every answer: extractive QA over the clauses retrieved for the question.

Each retrieved clause is split into sentences (its body without the title line; a table row's
non-role columns such as 完成时限 count as sentences of their own). Each sentence is scored by:

* the question's topic words it holds, weighted by rarity (``Detection.terms``), and those of the
  clause's heading, which place the sentence under the asked task;
* the kind of answer asked (``rag.answer.kinds``): a sentence that states a time for a "when"
  question, an amount for "how much", a mechanism for "by what mechanism" — only the kinds the
  question asks count, and a sentence stating each of them outranks one stating none;
* the clause's place in the ranking (the fused retrieval score);
* for a condition asked, a sentence saying what the applicant must be or do (须具有…, 应同时符合以下
  条件) over a support's own threshold (对…以上的…给予); for a level asked (省级), a sentence naming only
  other levels (国家级…) counts less;
* for a second ask without a subject of its own (…能同时拿吗？一年最多拿多少？), the clause that
  answered the first ask, by the share of the asked kinds its sentence states (``after``).

Notice boilerplate — addressee lines, 现将…印发给你们, 请认真贯彻执行 —, bare headings and
questions (a 政策解读's 问：…？) are never quoted. ``extract`` returns the scored evidence best first; ``pick`` chooses the sentences that
together state every kind asked (the best one, then the best for a kind it lacks); ``lacks``
says that the question asks a specific kind of fact (an amount, a rent, a telephone number, a
procedure) that no sentence on its subject states — the backbone's reason to refuse.

Some facts a document writes once for all its measures (``for_every_measure``): its 申报程序 (how,
where and when to apply), its eligibility rule (享受本措施…须具有独立法人资格) and its stacking
rule (就高不重复); they answer for a measure that does not repeat them. A list every item of which
holds (申报条件：（一）…；（二）…。) is one sentence whatever clauses it was chunked into
(``opens_whole_list``; the composer quotes it whole).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from rag.answer.kinds import ASKS, NUMBER, SPECIFIC, STATES, Kind, states
from rag.answer.sentences import body_text, coverage, folded, heading, sentences
from rag.ingest.numbering import strip_label
from rag.ingest.outline import ASKED
from rag.model import Clause, Hit

# Lines of a notice that answer nothing: the addressees, the forwarding formula, the request.
_BOILERPLATE = re.compile(r"^(?:各[^，。；]{0,60}[：:]$|现将|请(?:认真|结合|各|遵照)|特此通知|（此件|此件|印发给你们)"
                          r"|来源[：:]|发布时间[：:]|浏览次数|(?:现将|特将|现就)[^。]{0,30}(?:通知|明确|说明)如下"
                          r"|^[\u4e00-\u9fff]{2,20}(?:人民政府|办公厅|办公室)\s*\d{4}年\d{1,2}月\d{1,2}日")  # a signature
_NOTE = re.compile(r"[（(]((?:[^（）()]|[（(][^（）()]*[）)])*[：:](?:[^（）()]|[（(][^（）()]*[）)])*)[）)]")  # (各区（县）人民政府 inside)
_NOTE_KEY = re.compile(r"([\u4e00-\u9fff]{2,6})[：:]([^；;，,]+)")
_KEY_VALUE = re.compile(r"^[\u4e00-\u9fff]{2,6}[：:]\s*[^\s：:]")
_ROLE_KEY = re.compile(r"牵头|责任|配合|协办|主办|参与|协同|主责|支持")
_LISTED = 8  # items of a list quoted after the sentence that opens it
_IN_PARTS = re.compile(r"[：:][^：:。]+[；;]$")  # 分三期发放：到岗后发放40%； — a sentence's first part
FIRST_ITEM = re.compile(r"[：:]\s*(?:[（(][一1][）)]|[一1][、.．]|①)")  # 以下条件：（一）…
_ITEM = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[、.．](?!\d)|[①-⑳])")
# a document's own procedure clause (十四、申报程序), which holds for every measure of it
# (十一、申报和兑现 and 申报与拨付 head a document's procedure as 申报程序 does)
PROCEDURE_HEAD = re.compile(r"(?:申报|申请|办理|兑现)(?:时间|地点)?[和及与、]?(?:程序|流程|方式|指南|要求|兑现|拨付|受理)")
_APPLYING = frozenset({Kind.CHANNEL, Kind.PROCEDURE, Kind.WHEN})
# a document's inquiry line for all its measures (政策咨询电话：0593-8627314, 咨询热线)
DOC_CONTACT = re.compile(r"(?:政策)?咨询(?:电话|热线)|联系电话|服务热线|联系方式")
# a sentence giving the document's application window wherever it stands (十二、其他事项…申报时间为每年4月1日至
# 4月30日, 第十条 后补助每年申报一次，受理时间为…, 十三、附则…申报每年集中开展两次, 应当于每年6月1日至
# 6月30日，向…提出申请)
APPLY_WINDOW = re.compile(r"(?:申报|申请|受理)(?:时间|日期|期限)[为是：:]|每年[^，。；]{0,30}(?:集中)?(?:申报|受理)|(?:申报|受理)(?:工作)?每年|"
                          r"每年\d{1,2}月\d{1,2}日至\d{1,2}月\d{1,2}日[^。；]{0,30}(?:申报|申请|受理)")
# a condition written as what the applicant must be or do (须具有独立法人资格, 养殖场须配套建设…,
# 应同时符合以下条件) answers 要满足啥条件 before a grant's threshold (对库容5000立方米以上的…给予)
_REQUIRED = re.compile(r"(?<![无必])须|必须|应当|应(?:具有|具备|符合|满足|同时|为)|(?:以下|下列)(?:条件|要求)")
_REQUIRED_BONUS = 0.5
_MATERIALS_HEAD = re.compile(r"(?:申报|申请|提交|所需)材料|材料清单")
_APPLY = re.compile(r"申报|申请|提交|受理")
# Who qualifies for any measure of a document and whether its supports add up are written once,
# for the whole document: under a heading of their own (十一、申报条件, 其他事项) or in a sentence
# naming the document itself (享受本措施奖补的企业须…具有独立法人资格; 同时符合本措施和…的，就高不重复).
DOC_WIDE = frozenset({Kind.CONDITION, Kind.STACKING})
_GENERAL_HEAD = re.compile(r"(?:申报|申请|享受|支持|补助|补贴|奖补|资助|奖励)(?:条件|对象|范围)|基本条件|其他事项|附则|其他规定")
ITSELF = re.compile(r"本(?:措施|办法|政策|细则|方案|通知|规定|指南|意见|条例|实施办法|若干措施)")
_ELIGIBLE = re.compile(r"(?:须|应|应当|必须)(?:同时)?(?:在|具有|具备|符合|为|是|满足)|(?:以下|下列)(?:条件|要求)|适用于|"
                       r"(?:支持|适用|申报|补贴|奖励|扶持)对象(?:包括|为|是)")  # (支持对象包括…企业、…人员)
# A list every item of which holds — 申报条件：, 应同时符合以下条件：, 提交以下材料： — is one
# sentence, whatever clauses its items were chunked into; a schedule one row of which applies
# (按照以下标准给予补贴：, 有下列情形之一的：) or a division of duties (按照下列职责分工：) is not.
_LIST_WORD = r"(?:条件|材料|要求|资格|资料)"
LIST_OPENER = re.compile(rf"{_LIST_WORD}[^，。；：:]{{0,6}}[：:]$")
LIST_HEADING = re.compile(rf"[\u4e00-\u9fff]{{0,6}}{_LIST_WORD}")  # 六、申报材料 over its items
_SCHEDULE = re.compile(r"标准|分工|职责|之一")
LIST_KINDS = frozenset({Kind.CONDITION, Kind.FORM})
_LIST_NEAR = 0.85  # a list opener scoring this share of the best sentence answers a list kind
# what a list opener lists: the word right before its colon (以下条件：, 提交下列材料：)
_LIST_OF = {Kind.CONDITION: re.compile(r"(?:条件|要求|资格)[^，。；]{0,6}$"), Kind.FORM: re.compile(r"(?:材料|资料)[^，。；]{0,6}$")}
_QUESTION = re.compile(r"[？?]\s*$")
# the levels an award or a platform is recognised at: a question asking one is not answered by
# a sentence naming only others (国家级…500万元 for 省级重点实验室能奖多少)
_RUNGS = ("国家级", "省级", "市级", "县级", "区级")
_ORDINAL = re.compile(r"(首|第[一二三四五六七八九十\d]+)(套|次|批|档|轮)")  # (第二套, 首次: rungs of a count)
OTHER_RUNG = 0.3
_BUT = re.compile(r"^(?:但|但是|不过)")  # a sentence making an exception to the one before
_BY_NAME = frozenset({Kind.PERSON, Kind.EMAIL, Kind.CHANGE})  # (比老政策提高了吧: 提高 says what is asked, not about what)
_AFTER = 1.0  # a sentence stating the kind asked, in the clause that answered the ask before
DEADLINE_KEY = re.compile(r"(?:完成时限|完成时间|时间节点)[：:]")  # a task's deadline, as a task table's column gives it
_DEADLINE_BONUS = 0.1
_HEADING_LIKE = 12  # a "sentence" this short without a figure is a heading, not an answer


# A figure a question states (做到了6个亿, 年演出220场) and a tier's threshold (达到5亿元以上的): the
# tier a stated figure falls in is the one with the highest threshold not above it.
_FIGURE = (r"(\d+(?:\.\d+)?)\s*(?:个(?=[万亿]))?([万亿])?"
           r"(元|场|个|家|人次|人|吨|亩|平方米|立方米|辆|台|套|头|张|床|户|次|项|列|架|艘|公里|千瓦时|千瓦)?")
_STATED = re.compile(_FIGURE)
_THRESHOLD = re.compile(_FIGURE + r"\s*(?:[（(]含[）)])?(?:及?以上|至|到|—|－|~)")  # (1000个至3000个的: from 1000)
_MAGNITUDE = {"万": 1e4, "亿": 1e8}
TIER = 0.3  # the tier a stated figure falls in, over the schedule's other tiers
# an amount asked of all the supports together (各项加起来封顶多少, 所有物流补助合计最多多少) is stated as
# their total (上述补助合计最高500万元, 累计不超过600万元), not as one of them
# what the whole document pays one party (一家企业一年从这套政策里最多能拿多少): its own total, 每年享受本措施…累计不超过
WHOLE_ASKED = re.compile(r"这套[^，。？]{0,6}(?:政策|措施|办法)|[从在]这个[^，。？]{0,4}(?:政策|措施|办法)")  # (从这个政策里最多能拿多少)
# (利息一共付了16万: what the asker paid in all, told, not a total asked)
TOTAL_ASKED = re.compile(rf"(?:加起来|合计|总共|一共|累计)(?!(?:已经|都|才)?[付花交缴用投贷借]了)|总额|各项|所有[^，。？]{{0,6}}(?:补助|补贴|奖励|奖补|资金)|{WHOLE_ASKED.pattern}")
# the words measuring how much is asked: a period or one of a thing (一年, 一家, 每个) and a cap (最多, 封顶) —
# the cap a year is written 每年最高, 累计不超过: no word of what the question is about
MEASURING = re.compile(r"(?:[一每][年月天家户个次台套头亩人])|最多|最高|封顶|上限|顶格")
TOTAL_STATED = re.compile(r"合计|累计|总额|总计|共计")
TOTAL = 0.6
# a cap a year asked (一年新药奖励封顶多少) is stated a year (每年新药奖励最高不超过2000万元)
YEARLY_ASKED = re.compile(r"(?:一年|每年|年度)[^，。？]{0,8}(?:封顶|最多|最高|上限)")
YEARLY_STATED = re.compile(r"每年|年度")
YEARLY = 0.2
# a cap asked in money (一家企业一年封顶多少) is stated as a cap or a sum of money, not as the share of a
# cost the support pays (按研发费用的3%给予补助 states how much, but no most), nor as a threshold
# (研发费用不低于50万元)
CAP_ASKED = re.compile(r"封顶|上限|最高|最多|顶格")
CAP_WORD = re.compile(r"最高|最多|不超过|封顶|上限")  # a cap stated as such (单个企业每年最高100万元)
CAP_STATED = re.compile(rf"{CAP_WORD.pattern}|以内|为限|(?:给予|补助|补贴|奖励|资助|奖补|补)[^，。；\d]{{0,6}}{NUMBER}\s*(?:万|亿|千)?元")
RAISE = 0.2  # a raise for some (上浮10%, 提高至…), below the amount everyone gets when no raise is asked
YEAR_NAMED = re.compile(r"(20\d\d)\s*年")
YEAR = 0.3  # a sentence of the year asked, over one naming only other years


def _figures(pattern: re.Pattern[str], text: str) -> dict[str, list[float]]:
    """The figures of ``text`` by unit (元 for an amount of money, 6个亿 and 5亿元 alike)."""
    out: dict[str, list[float]] = {}
    for m in pattern.finditer(text):
        number, magnitude, unit = m.groups()
        if magnitude or unit:
            out.setdefault(unit or "元", []).append(float(number) * _MAGNITUDE.get(magnitude or "", 1.0))
    return out


def tiers(question: str, sentences_: Sequence[str]) -> dict[str, float]:
    """For a question stating one figure of a unit (进出口做到了6个亿), the sentences of a schedule
    of tiers in that unit (达到1亿元以上的…；达到5亿元以上的…) mapped to +1 for the tier the figure
    falls in and -1 for the others; empty when the question states none or no schedule is found."""
    stated = {u: v[0] for u, v in _figures(_STATED, question).items() if len(v) == 1}
    out: dict[str, float] = {}
    for unit, value in stated.items():
        levels = {s: max(t[unit]) for s in sentences_ if unit in (t := _figures(_THRESHOLD, folded(s)))}
        if len(set(levels.values())) < 2:
            continue
        fall = max((t for t in levels.values() if t <= value), default=None)
        if fall is not None:
            out |= {s: 1.0 if t == fall else -1.0 for s, t in levels.items()}
    return out


@dataclass(frozen=True)
class Evidence:
    """One sentence of a retrieved clause and how well it answers.

    Attributes:
        hit: The retrieved clause.
        sentence: The sentence as written in the clause.
        score: Its score (see the module docstring).
        topical: The share of the question's topic words it and its heading hold.
        kinds: The asked kinds it states.
    """

    hit: Hit
    sentence: str
    score: float
    topical: float
    kinds: frozenset[Kind]


_PAGE_FIELD = re.compile(r"\s*(?:索引号|主题分类|发布机构|成文日期|发布日期|发文机关|文号|标题)[：:]")  # a reposting page's metadata list
_SIGNATURE = re.compile(r"[\u4e00-\u9fff]{2,24}(?:人民政府|办公室|办公厅|委员会|局|厅|委)")  # a line naming only its issuer


def candidate_sentences(hit: Hit) -> list[tuple[str, str]]:
    """The sentences of a clause that may be quoted, each with the text its words are counted
    in: its body's sentences, and the non-role parts of its notes (完成时限：2025年10月31日前),
    counted with the clause's title they belong to; no boilerplate, no bare headings."""
    clause = hit.clause
    out = []
    # 1. 网上申报时间：2025年8月1日至8月29日 — the label says what its value is
    labelled = bool(clause.title) and strip_label(clause.text).startswith(f"{strip_label(clause.title)}：")
    for n, sent in enumerate(sentences(body_text(clause))):
        if labelled and n == 0 and not _BOILERPLATE.search(folded(sent)):
            out.append((sent, f"{clause.title} {sent}"))
            continue
        if _BOILERPLATE.search(folded(sent)) or _QUESTION.search(sent):
            continue  # (a 解读's question, 问：…？, is what is asked, never an answer)
        if _SIGNATURE.fullmatch(sent.strip(" 。\n")) or _PAGE_FIELD.match(sent):
            continue  # (沅晖市人民政府办公室 under a 通知, 发布机构：… of a page: who issued it, never an answer)
        if _KEY_VALUE.match(sent) and not _ROLE_KEY.search(folded(sent).split("：")[0]):
            out.append((sent, f"{clause.title} {sent}"))  # 完成时限：长期坚持, a note's key written unbracketed
            continue
        if len(sent) < _HEADING_LIKE and not re.search(r"\d", sent) and (n == 0 or _ITEM.match(sent)):
            continue  # (a short sentence after the first, 同一企业只能享受一次。, is no heading)
        out.append((sent, sent))
    for note in _NOTE.finditer(clause.text):
        for key, value in _NOTE_KEY.findall(note.group(1)):
            if not _ROLE_KEY.search(folded(key)):
                extra = f"{key}：{value.strip()}"
                # (quoted with the task it is of: 2.落实赛事补助资金（完成时限：长期坚持）)
                out.append((f"{clause.title}（{extra}）" if clause.title else extra, f"{clause.title} {extra}"))
    if not out and clause.title:
        out.append((clause.title, clause.title))
    return out


def extract(terms: Mapping[str, float], kinds: Sequence[Kind], hits: Sequence[Hit], depth: int = 8,
            bonus: re.Pattern[str] | None = None, count_units: Sequence[str] = (),
            after: frozenset[str] = frozenset(), titles: Mapping[str, str] | None = None,
            question: str = "") -> list[Evidence]:
    """Score the sentences of the first ``depth`` hits (see the module docstring), best first.

    Args:
        terms: Topic words with weights.
        kinds: The kinds of answer asked.
        hits: Retrieved clauses, best first.
        depth: How many hits to read.
        bonus: Cue words (补贴, 支持) raising a sentence by a factor, so a cue never outranks
            the topic itself.
        count_units: The units a count is asked in (几层 → 层): a sentence states the count only in
            one of them (四层及以上, not 6个月).
        after: Clauses that answered the ask before, whose sentences stating the kind asked come
            first (a second ask without a subject of its own: 能拿几次？ after 首次进出口能奖多少).
        titles: The title of the document the question names (这个外贸措施). A 解读's question
            (哪些企业可以享受《若干措施》？) asks of the document its title names, so 什么样的企业能
            享受这个外贸措施 fits it, not the one item of the 外贸 解读 that happens to repeat 外贸.
        question: The folded question, whose level (省级, which the topic words leave out) ranks
            a sentence naming only another level (市级) below.

    Returns:
        Evidence, best first.
    """
    top = max((h.score for h in hits[:depth]), default=0.0) or 1.0
    rungs = asked_rungs(question, terms)
    years = set(YEAR_NAMED.findall(question))  # 2026年底要完成哪些指标: the sentence of that year's targets
    total = Kind.AMOUNT in kinds and TOTAL_ASKED.search(question) is not None
    yearly = Kind.AMOUNT in kinds and YEARLY_ASKED.search(question) is not None
    cap = Kind.AMOUNT in kinds and CAP_ASKED.search(question) is not None
    raise_only = Kind.EXTRA not in kinds and (Kind.AMOUNT in kinds or Kind.RATE in kinds)
    in_units = (re.compile(rf"(?:\d|[一二两三四五六七八九十百千万])\s*(?:{'|'.join(map(re.escape, count_units))})")
                if count_units else None)
    scored: list[Evidence] = []
    for pos, hit in enumerate(hits[:depth]):
        head = coverage(terms, heading(hit.clause))
        # (a 解读's question, 哪些企业可以享受《若干措施》？, asks of the document its title names)
        asked = (coverage(terms, f"{titles.get(hit.clause.doc_id, '') if titles else ''} {hit.clause.title}")
                 if ASKED.match(strip_label(hit.clause.title)) else 0.0)
        prior = max(hit.score, 0.0) / top if hit.score else 1.0 / (1 + pos)
        text = body_text(hit.clause) if Kind.FORM in kinds else ""
        for idx, (sent, counted) in enumerate(candidate_sentences(hit)):
            if text and FIRST_ITEM.search(sent) and sent in text and states(Kind.FORM, sent):
                # a list of materials (主要包括：（一）资金申请表；…（四）展位费合同、发票及参展照片（申请展会补贴的）)
                # is quoted whole from its opening: its words are those of all its items
                counted = text[text.index(sent):]
            # (the answer to a 解读's question is about what the question names, in its words or not)
            cov = max(coverage(terms, counted), asked)
            stated = frozenset(k for k in kinds if states(k, sent)
                               and (k is not Kind.COUNT or in_units is None or in_units.search(sent))
                               and (k is not Kind.AMOUNT or not cap or CAP_STATED.search(folded(sent))))
            score = (cov + 0.05) * (1.3 if bonus is not None and bonus.search(sent) else 1.0)
            score += 0.35 * head + 0.25 * prior + (0.03 if idx == 0 else 0.0)
            if another_rung(rungs, sent):
                score -= OTHER_RUNG  # 省级重点实验室能奖多少: not the sentence rewarding the 国家级 one
            if total and stated:
                score += TOTAL if TOTAL_STATED.search(sent) else 0.0
            if yearly and stated:
                score += YEARLY if YEARLY_STATED.search(sent) else 0.0
            if Kind.WHEN in kinds and DEADLINE_KEY.search(sent):
                score += _DEADLINE_BONUS  # 什么时候得建完: the task's 完成时限, over the year its name holds
            if raise_only and states(Kind.EXTRA, sent):
                score -= RAISE  # 见习补贴标准多少: the standard, not its raise for some (留用率50%以上的，提高至…)
            if years:
                named = set(YEAR_NAMED.findall(sent))
                score += YEAR if named & years else -YEAR if named else -YEAR / 2  # (a sentence of no year: less likely)
            if kinds:  # the kind of fact asked decides between sentences on the subject
                score += 0.5 * len(stated) / len(kinds) if stated else -0.4
                if Kind.CONDITION in stated and _REQUIRED.search(sent):
                    score += _REQUIRED_BONUS  # 有啥要求: what one must be or do, over a grant's threshold
                if stated and hit.clause.id in after:
                    score += _AFTER * len(stated) / len(kinds)
            scored.append(Evidence(hit, sent, score, max(cov, 0.6 * cov + 0.4 * head), stated))
    if total and hits:
        # a total is a document's cap on its own measures: where the document found first states
        # one, another document's 合计 is no answer to its reader
        first = hits[0].clause.doc_id
        if any(e.hit.clause.doc_id == first and e.kinds and TOTAL_STATED.search(e.sentence) for e in scored):
            scored = [replace(e, score=e.score - TOTAL) if e.hit.clause.doc_id != first and e.kinds
                      and TOTAL_STATED.search(e.sentence) else e for e in scored]
    if (Kind.AMOUNT in kinds or Kind.RATE in kinds or Kind.SHARE in kinds) and not after:
        # (a second ask about the first one's subject, 单个项目封顶多少, states no figure of its own)
        tier = tiers(question, [e.sentence for e in scored])
        if tier:
            scored = [replace(e, score=e.score + TIER * tier.get(e.sentence, 0.0)) for e in scored]
    scored.sort(key=lambda e: e.score, reverse=True)
    return scored


def raises_for_asker(sentence: str, best: str, question: str) -> bool:
    """Whether ``sentence`` raises a support (上浮20%, 提高至…) for those its condition names — what it
    says before its raise word (在乡镇建设的公共充电站，…; 40英尺集装箱按2个标准箱计算，冷藏集装箱在上述标准
    基础上) — and that condition shares a two-character word with ``question`` that ``best`` does not
    hold: the asker says they are who the raise is for."""
    text, best = folded(sentence), folded(best)
    said = STATES[Kind.EXTRA].search(text)
    if said is None:
        return False
    condition = text[:said.start()]
    return any(re.fullmatch(r"[\u4e00-\u9fff]{2}", two) and two in question and two not in best
               for two in (condition[i:i + 2] for i in range(len(condition) - 1)))


def applies(sentence: str) -> bool:
    """Whether ``sentence`` is about applying (申报时间为…, 向…提交, 受理)."""
    return _APPLY.search(folded(sentence)) is not None


def _ordinals(text: str) -> set[str]:
    """The ordinals of ``text`` with what they count (第二套, 首次 as 第一次)."""
    return {f"{'第一' if nth == '首' else nth}{what}" for nth, what in _ORDINAL.findall(text)}


def asked_rungs(question: str, terms: Mapping[str, float] | None = None) -> list[str]:
    """The levels a question asks about (省级 of 评上省级示范园区能奖多少), in its text or its topic words,
    and the ordinals it names (第二套 of 买第二套房首付几成)."""
    return [r for r in _RUNGS if r in question or any(r in t for t in terms or ())] + sorted(_ordinals(question))


def another_rung(asked: Sequence[str], sentence: str) -> bool:
    """Whether ``sentence`` names a level, but none of those ``asked`` (市級 of a text in
    traditional script, when 省级 is asked), or an ordinal of what an asked one counts but not
    that one (首套 when 第二套 is asked): it rewards a sibling of what was asked."""
    if not asked:
        return False
    plain = folded(sentence)
    levels = [r for r in asked if r in _RUNGS]
    if levels and not any(r in plain for r in levels) and any(r in plain for r in _RUNGS):
        return True
    said = _ordinals(plain)
    return any(any(o[-1] == r[-1] for o in said) and r not in said for r in asked if r not in _RUNGS)


def opens_list(sentence: str) -> bool:
    """Whether ``sentence`` opens a list: it ends with a colon, or holds the colon and the list's
    first item (应同时符合以下条件：（一）具有本县户籍；), or its first part (分三期发放：到岗后发放40%；)."""
    s = sentence.rstrip()
    return s.endswith(("：", ":")) or FIRST_ITEM.search(s) is not None or (_IN_PARTS.search(s) is not None)


def pick(evidence: Sequence[Evidence], kinds: Sequence[Kind], n: int = 2, question: str = "") -> list[Evidence]:
    """The best sentence, then for each asked kind it does not state the best sentence stating
    it (from the same document), up to ``n`` sentences; for a question asking no kind, the
    runner-up of the same document when it is on the subject too (and of the year ``question``
    names, when the best sentence is)."""
    years = set(YEAR_NAMED.findall(question))
    if not evidence:
        return []
    if opens_list(evidence[0].sentence):
        return _with_items(evidence[0])
    if any(k in LIST_KINDS for k in kinds):
        # 有啥要求: the document's list of conditions (a list opener naming the kind asked), about
        # as much on the subject as one sentence stating a condition, answers all of it
        listed = next((e for e in evidence[1:3] if opens_list(e.sentence) and e.score >= _LIST_NEAR * evidence[0].score
                       and any(_LIST_OF[k].search(re.split(r"[：:]", e.sentence)[0]) for k in kinds if k in LIST_KINDS)), None)
        if listed is not None:
            return _with_items(listed)
    chosen = [evidence[0]]
    for kind in kinds:
        if len(chosen) >= n or any(for_every_measure(kind, e) for e in chosen):
            continue
        # a measure's own condition (对…的企业) does not say who may apply for any measure: the
        # document's eligibility rule (享受本措施…须具有独立法人资格) is quoted beside it
        held = any(kind in e.kinds for e in chosen)
        if held and kind not in DOC_WIDE:
            continue
        extra = next((e for e in evidence[1:] if kind in e.kinds and e.hit.clause.doc_id == chosen[0].hit.clause.doc_id
                      and ((not held and e.topical >= 0.5 * chosen[0].topical) or for_every_measure(kind, e))
                      and e not in chosen), None)
        if extra is not None:
            chosen += _with_items(extra)
    if kinds and len(chosen) < n:
        # (可以同时申请。但同一事项已享受同类补贴的，按照就高不重复原则执行: the exception the next
        # sentence makes to the best one, stating the kind asked too, is part of its answer)
        own = sentences(body_text(chosen[0].hit.clause))
        at = own.index(chosen[0].sentence) if chosen[0].sentence in own else -1
        after = own[at + 1] if 0 <= at < len(own) - 1 else ""
        but = next((e for e in evidence[1:] if e.sentence == after and e.hit.clause.id == chosen[0].hit.clause.id
                    and _BUT.match(after) and e.kinds & set(kinds)), None)
        if but is not None and but not in chosen:
            chosen.append(but)
    if kinds and len(chosen) < n and Kind.EXTRA not in kinds:
        # (在乡镇建设的公共充电站，补贴标准上浮20%: a raise of the best sentence's clause for those the
        # question says the asker is, 在乡镇建, is part of what the asker gets)
        # (however far down: of the same clause, raising it, for whom the question names)
        raised = next((e for e in evidence[1:] if e.hit.clause.id == chosen[0].hit.clause.id and e not in chosen
                       and raises_for_asker(e.sentence, chosen[0].sentence, question)), None)
        if raised is not None:
            chosen.append(raised)
    if len(chosen) < n and len(evidence) > 1 and not kinds:
        # (the rest of the best sentence's own clause before any other: 具体怎么规定 of a measure
        # written in two sentences is both of them; of the year asked when the best sentence is:
        # 2026年底要完成哪些指标 is not cut short for a sentence on 考核)
        fit = [e for e in evidence[1:] if e.score >= 0.6 * evidence[0].score and e.topical >= 0.4
               and e.hit.clause.doc_id == evidence[0].hit.clause.doc_id
               and not (years & set(YEAR_NAMED.findall(evidence[0].sentence))) - set(YEAR_NAMED.findall(e.sentence))]
        if fit:
            chosen.append(next((e for e in fit if e.hit.clause.id == evidence[0].hit.clause.id), fit[0]))
    return chosen


def opens_whole_list(text: str) -> bool:
    """Whether ``text`` ends by opening a list every item of which holds (``LIST_OPENER``)."""
    last = re.split(r"[。！？]", folded(text).rstrip())[-1]
    return LIST_OPENER.search(last) is not None and _SCHEDULE.search(last) is None


def _with_items(e: Evidence) -> list[Evidence]:
    """``e``, followed by the items of the list it opens (应同时符合以下条件：（一）…；（二）…: its
    items, when the sentence holds the first one itself, up to the first sentence not an item)."""
    if not opens_list(e.sentence):
        return [e]
    inline = FIRST_ITEM.search(e.sentence) is not None
    # (every item, however short: （二）营业执照复印件； is no heading here)
    following = sentences(body_text(e.hit.clause))
    at = following.index(e.sentence) if e.sentence in following else len(following)
    items = following[at + 1:at + 1 + _LISTED]
    if inline:
        items = items[:next((n for n, s in enumerate(items) if not _ITEM.match(s)), len(items))]
    elif _IN_PARTS.search(e.sentence.rstrip()):  # the parts up to the one closing the sentence
        items = items[:next((n + 1 for n, s in enumerate(items) if not s.rstrip().endswith(("；", ";"))), len(items))]
    return [e, *(Evidence(e.hit, s, 0.0, 0.0, frozenset()) for s in items)]


def lacks(evidence: Sequence[Evidence], kinds: Sequence[Kind], terms: Mapping[str, float], anchors: int = 2,
          after: frozenset[str] = frozenset(), question: str = "") -> bool:
    """Whether the question asks a specific kind of fact (``SPECIFIC``: an amount, a rent, a
    telephone number, a procedure …) that no sentence on its subject states.

    The first specific kind asked counts; a sentence is on the subject when it (or its clause's
    heading) holds one of the question's ``anchors`` most specific words, or stands in a clause
    that answered the ask before (``after``: 一年最多拿多少 of the measure asked first). The words
    asking for a person or an e-mail address in ``question`` (联系人 of 外贸科联系人叫什么) are no
    anchors: they say what is asked, not about what.
    """
    # (还能申请这个扶持吗 asks whether the asker qualifies: the support is what they apply for, and a rule
    # leaving their case out, 受到…处罚的 under 不予支持, states no support of its own)
    specific = next((k for k in kinds if k in SPECIFIC and not (k is Kind.SUPPORT and Kind.CONDITION in kinds)), None)
    if specific is None or not evidence:
        return False
    cue = " ".join(m.group() for m in ASKS[specific].finditer(question)) if specific in _BY_NAME else ""  # (电话, 租金:
    # words the answer holds as well)
    # (nor is a figure the asker states, 被罚了15万: their own case, which a rule states by its threshold)
    top = sorted((t for t, w in terms.items() if w > 0 and t not in cue and not t[:1].isdigit()),
                 key=lambda t: terms[t], reverse=True)[:anchors]
    if not top:
        return True  # no word of the question is in the corpus: nothing states it
    # how a support is paid (奖励资金分两年拨付…) is written once for the measures of its clause
    on = (lambda e: body_text(e.hit.clause)) if specific is Kind.PAYMENT else (lambda e: e.sentence)
    return not any(specific in e.kinds and (coverage(dict.fromkeys(top, 1.0), f"{heading(e.hit.clause)} {on(e)}") >= 0.5
                                            or for_every_measure(specific, e) or e.hit.clause.id in after)
                   for e in evidence)


def for_every_measure(kind: Kind, e: Evidence) -> bool:
    """A document's own procedure clause (十四、申报程序) says how and where to apply for any of its
    measures, so it answers 冷库补助去哪里办 without naming 冷库; a "when" only when it is the
    application's time (每年3月1日至4月30日…提交申报材料). Its eligibility and stacking rules
    (``DOC_WIDE``) hold for every measure too."""
    if kind in DOC_WIDE:
        return kind in e.kinds and doc_wide(kind, e.hit.clause, e.sentence)
    if kind is Kind.CONTACT:  # its 政策咨询电话, written once in its 附则, is the line for each measure
        return kind in e.kinds and DOC_CONTACT.search(folded(e.sentence)) is not None
    if kind is Kind.FORM:  # its 七、申报材料 lists what to hand in for any of its measures
        return kind in e.kinds and _MATERIALS_HEAD.search(folded(heading(e.hit.clause))) is not None
    if kind not in _APPLYING or kind not in e.kinds or not (PROCEDURE_HEAD.search(folded(heading(e.hit.clause)))
                                                             or (kind is Kind.WHEN and APPLY_WINDOW.search(folded(e.sentence)))):
        return False
    return kind is not Kind.WHEN or _APPLY.search(folded(e.sentence)) is not None


def doc_wide(kind: Kind, clause: Clause, sentence: str) -> bool:
    """Whether ``sentence`` of ``clause`` states a ``DOC_WIDE`` fact for the whole document: any
    stacking rule; a condition under a general heading (申报条件) or naming the document itself,
    written as who must be what (须…具有, 应同时符合以下条件)."""
    if kind is Kind.STACKING:
        return states(kind, sentence)
    sentence = folded(sentence)
    return (kind is Kind.CONDITION and _ELIGIBLE.search(sentence) is not None
            and (_GENERAL_HEAD.search(folded(heading(clause))) is not None or ITSELF.search(sentence) is not None))
