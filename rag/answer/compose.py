"""Per-intent composition of a short answer from clause data, with citation markers.

``Composer`` turns retrieved clauses into one or two sentences for each intent of ``rag.answer.intent``:
牵头单位 / 责任单位 lists for lead and support questions, ``Target`` values for numeric ones, the
best sentences (or the task's opening measure) for policy and open questions, a 专栏 line-item for
region questions, and 牵头 / 参与 task lists read from the metadata of the whole corpus for a
department. Every fact carries a marker ``[n]`` indexing ``Citations.hits``; when both a province
and a city document answer, both are given, labelled by region, province first. Document facts
live in ``rag.answer.doc_facts``, province ↔ city answers in ``rag.answer.align_answer``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from rag.answer.base import LIMIT, Citations, NoAnswer, level_key, specific_word
from rag.answer.duty_compose import DutyComposer
from rag.answer.extract import (
    APPLY_WINDOW,
    CAP_ASKED,
    CAP_STATED,
    CAP_WORD,
    DOC_CONTACT,
    DOC_WIDE,
    FIRST_ITEM,
    ITSELF,
    LIST_KINDS,
    MEASURING,
    OTHER_RUNG,
    PROCEDURE_HEAD,
    RAISE,
    TIER,
    TOTAL,
    TOTAL_ASKED,
    TOTAL_STATED,
    WHOLE_ASKED,
    YEARLY,
    YEARLY_ASKED,
    YEARLY_STATED,
    Evidence,
    another_rung,
    applies,
    asked_rungs,
    doc_wide,
    extract,
    for_every_measure,
    lacks,
    opens_whole_list,
    pick,
    raises_for_asker,
    tiers,
)
from rag.answer.intent import Detection
from rag.answer.kinds import (
    AFTER_POINTS,
    ASKS,
    EXCLUDED,
    POINTS,
    STATES,
    UNITS,
    Kind,
    described,
    states,
)
from rag.answer.registry import CUES
from rag.answer.sentences import (
    body_text,
    coverage,
    fitness,
    folded,
    goes_on,
    heading,
    lead_of,
    sentences,
    task_name,
    task_summary,
    trim,
    with_previous,
    without_label,
)
from rag.answer.vocab import short_place, tagged
from rag.model import Clause, Hit, Target

_ASKED_UNIT = re.compile(rf"(?:多少|几)\s*(万|亿|千|百)?(?:个(?=人))?([辆台家个元钱场座项次列人亩吨度层艘所处栋套户架株])(?!{AFTER_POINTS})")  # (几个人: 人)
ANY_YI = "亿*"  # an amount asked in 亿 without its unit
_ASKED_YI = re.compile(rf"(?:多少|几)(?:个)?亿(?!(?:{UNITS}))")
_ASKED_SHARE = re.compile(rf"比例|占比|百分之|渗透率|多少成|几成|{POINTS}")
_ASKED_RATE = re.compile(r"每(?:公斤|千克|度|千瓦时|吨|辆|台|座|个)|一度|/(?:kg|kwh)", re.I)
_STATED_RATE = re.compile(r"每[^，。；\d]{1,6}\d+(?:\.\d+)?[万亿]?元")
UNIT_WORD = re.compile(r"^[万亿千百元钱辆台家个年场座项次人亩吨度%]+$")
# An open question whose words are mostly a task's own heading asks about the task as a whole.
_WHOLE_TASK = 0.5
_READ = 8  # hits whose sentences the backbone reads
_WINDOW_NEAR = 0.6  # how close to the best sentence an application window must score to come first
_WHEN_TO_APPLY = re.compile(r"申报|申请|报名|开始报|截止|材料[^，。？]{0,6}交|交[^，。？]{0,3}材料|(?:什么时候|啥时候|何时|几月)[^，。？]{0,3}报")


# how long until the money arrives (审核通过后多少个工作日内拨付到账, 钱多久能拨下来): a time to pay out,
# which only a sentence paying out states (于公示结束后15个工作日内拨付)
# (打到卡上, 打到账上: how people say 到账)
_PAID = r"(?:到账|拨付|拨到|拨下来|发下来|兑现|打到[^，。？]{0,3}[卡账]|钱打过来)"
_PAID_WITHIN = re.compile(rf"(?:多久|多长时间|几天|多少天|工作日)[^，。？]{{0,8}}{_PAID}|"
                          rf"{_PAID}[^，。？]{{0,8}}(?:多久|多长时间|几天|多少天|工作日)")
_PAYS_OUT = re.compile(r"拨付|到账|发放|兑现|划入|划拨|支付|拨至|拨到|打入")
# a time the paying takes: a span and the paying in one phrase (10个工作日内拨付), or a span ending in 内 and
# the paying in the phrase after it (审核通过后10个工作日内，将资金拨付至…) — not 公示7天，无异议的，…拨付资金,
# where the span is the notice's
# (a day of the calendar, 1月至6月实际支付, 5月10日拨付, is no span: a span of months is written 个月)
_SPAN = r"(?:(?<![月年\d])(?:\d+|[一二两三四五六七八九十]+)(?:个)?(?:工作日|日|天|周)|(?:\d+|[一二两三四五六七八九十]+)个月)"
_PAYS_WITHIN = re.compile(rf"{_SPAN}[^，。；]{{0,16}}(?:{_PAYS_OUT.pattern})|{_SPAN}(?:以)?内[，,][^，。；]{{0,16}}(?:{_PAYS_OUT.pattern})|"
                          rf"(?:{_PAYS_OUT.pattern})[^，。；]{{0,10}}{_SPAN}")
# how long one step takes (审核要多少个工作日, 公示几天, 并网要多长时间): the steps and the words that name
# each in a sentence, whose nearest one to a duration says whose duration it is (10个工作日内完成审核,
# not the 公示5个工作日 after 审核后)
# (…自受理之日起10个工作日内作出决定: how a licensing rule writes the approving step)
_DECIDED = r"作出[^，。；]{0,8}决定"
_STEPS = {"审": r"初审|审(?!计)|核查|核实", "公示": r"公示", "受理": r"受理", "办结": r"办结|办完|办理", "并网": r"并网",
          "上牌": r"上牌|登记", "验收": r"验收", "补正": r"补正|补齐|补交|补办", "变更": r"变更|更正|修改",
          "注销": r"注销", "异议": r"异议|答复|回复|核查|复核", "整改": r"整改",
          "批准": rf"审(?!计)|批准|批复|核准|{_DECIDED}"}  # (批下来: not a 初审; nor 审计, an audit)
# a step asked in everyday words (材料不全要多少天内补上, 信息变了多长时间内去改): the step a 办法 writes
_STEP_SAID = {"挂出来": "公示", "补上": "补正", "补齐": "补正", "补交": "补正", "补办": "补正", "补": "补正", "更改": "变更", "修改": "变更", "改": "变更",
              "批下来": "批准", "审批": "批准"}
_STEP_WORD = (r"审核|审查|初审|复核|复审|审批|审完|批下来|批复|公示|挂出来|受理|办结|办完|并网|上牌|验收|补正|补上|补齐|补交|补办|变更|更改|修改|"
              r"(?<![整修更])改(?=[？?，,。！]|好|完)|(?<![增弥])补(?=[？?，,。！]|好|完)|注销|异议|答复|回复|整改")
_RESULT_ASKED = re.compile(r"[给出]结果|答复|回复|处理完")  # the result of a step asked (多久能给结果)
_RESULT_WORDS = frozenset({"结果", "答复", "回复"})  # (how that result is asked: no word of what about)
_HOW_LONG = r"多久|多长(?:时间)?|几天|多少天|多少个?工作日|几个工作日|几个月"
# the step word nearest to the 多久 asked, in its clause (审完公示几天: 公示). A step followed by 手续 or
# 材料 is what is handed in (审批手续多长时间内要补上), and one followed by 后 or 结束 is when the time
# asked starts (公示结束后多少个工作日到账), not the step it takes
_STEP_ASKED = re.compile(rf"(?:{_STEP_WORD})(?!手续|材料|资料|结果|意见|结束|通过|完成|以后|之后|后)")
_HOW_LONG_ASKED = re.compile(_HOW_LONG)
_CLAUSE_CUT = re.compile(r"[，,；;。：:]")
_ASK_CLAUSE = re.compile(r"[^，,；;。？?！!]+")
_ANY_STEP = re.compile("|".join(_STEPS.values()))
_STARTS_AT = re.compile(r"[自从][^，。；]{1,12}?之日起")  # when a time limit starts (自受理申请之日起)
_DONE_WHAT = 4  # how many characters of what is done (旧车) may stand between 办理 and its step (注销)
_NOT_THE_STEP = 0.9  # what stating the duration asked earned a sentence (``extract``: +0.5 stated, −0.4 none)
# a support had, then a higher rung reached (评上县级…拿了5万，今年又评上市级的；拿过30万，现在升级成全国第一家了):
# the two characters after the last verb of rising name the rung risen to
_RISEN = re.compile(r"(?:拿过|领过|享受过|获得过|拿了|领了)[^？?]{0,24}?(?:升级成|升级为|升级到|升成|升为|升到|晋升为|晋升到|晋级为|"
                    r"评上了?|评为|评成)([\u4e00-\u9fff]{2})")
# a time limit to apply within (买完房多长时间之内要报上去), not how long until paid (交上去多久能到账)
_APPLY_WITHIN = re.compile(r"(?:多长时间|多久|几个月|几天|几年)[^，。？]{0,3}(?:之内|以内|内)[^，。？]{0,12}(?:报|申请|申报|提交|交)")
_SAME_TASK = 0.6  # a clause fitting the question this much worse than the best is another task
_SAME_PLACE = 0.1  # a place's other 专栏 line fitting the question within this of its best is listed too
_ON_TASK = 0.4  # a sentence holding this share of the question's words is about its task
_NUMBER_KINDS = frozenset({Kind.COUNT, Kind.SHARE, Kind.AMOUNT})
# a support granted without a figure (给予支持, 予以适当奖励): the plan states no amount for it
_GRANT_NO_FIGURE = re.compile(r"(?:给予|予以)(?:适当|一定)?(?:的)?(?:资金)?(?:支持|奖励|补助|补贴|奖补)"
                              r"(?:[，,][^。；]{0,20}另行(?:制定|明确|公布|规定))?[。；]?$")  # (具体标准由市科技局另行制定)
_SCHEME_NO_FIGURE = re.compile(r"(?:建立|建立健全|完善|探索)[^，。；]{0,12}(?:奖励|补偿|补贴|补助|奖补)(?:机制|制度)")
_FIGURELESS_MARGIN = 0.15  # how much more of the question such a sentence must hold than the target quoted
_ASKS_GIVEN = re.compile(r"[补奖贴返给拿]多少")  # 能奖多少, 补多少, 能拿多少: the amount given
_GIVEN = 0.5  # how much a sentence giving support outranks a goal for such a question
_LISTED_ITEM = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")  # an item of a list run on in a sentence
_PLACE_LINE = 0.3  # a 专栏 place's line is no answer to a goal asked of the whole plan or of another place
_ON_SUBJECT = 0.25  # a target whose sentence and heading hold less of the question's words is on something else
# A target phrase that names its own metric before the verb reaching its value (电子信息产业主营业务
# 收入突破5000亿元); a support phrase (分别给予30万元, 最高不超过500万元) names none.
_METRIC = re.compile(r"^(?:到\d{4}年(?:底|末)?|全[省市县区]|其中)*(?P<metric>[^\d%，、]{3,}?)"
                     r"(?:达到|突破|超过|提高到|提升到|增长到|增至|降至|降到|控制在)")


def _with_units(text: str, targets: Sequence[Target]) -> str:
    """``text`` with the unit its box or table gives each bare number written after it (岢东县：30；14
    under （单位：利用林地面积 万亩；示范基地 个） reads 岢东县：30万亩；14个): the reader of one line
    does not see the note."""
    out, at = [], 0
    for t in targets:
        if not t.raw or t.unit in t.raw or t.text != text:
            continue
        m = re.compile(rf"(?<![\d.]){re.escape(t.raw)}(?![\d.])").search(text, at)
        if m is None:
            continue
        out.append(text[at:m.end()] + t.unit)
        at = m.end()
    return "".join(out) + text[at:]


def asked_units(text: str) -> list[str]:
    """Units a question asks a number in: 多少辆 → 辆, 多少亿元 → 亿元, 多大比例 → %."""
    units = [f"{m[1] or ''}{'元' if m[2] == '钱' else m[2]}" for m in _ASKED_UNIT.finditer(text)
             if not described(text, m)]  # (几个战友合伙创业，总额上限是多少: no count asked)
    if _ASKED_YI.search(text) and not any("亿" in u for u in units):
        units.append(ANY_YI)  # 产值目标多少亿, 吞吐量多少亿: in 亿 of whatever unit (亿元, 亿吨)
    if _ASKED_SHARE.search(text):
        units.append("%")
    if _ASKED_RATE.search(text):
        units.append("/每")  # a rate (元每公斤) no target unit states
    return units


_SHORT_TITLE = re.compile(r"享受《[^》]{1,20}(?:措施|办法|政策|细则|规定)》")


def _own_total(text: str) -> bool:
    """Whether ``text`` caps what the document itself pays in all (享受本措施的奖补累计不超过50万元)."""
    # (a 问答 names the measures it explains by their short title: 享受《若干措施》各项资金合计不超过50万元;
    # in either script: 合計不超過)
    plain = folded(text)
    return (TOTAL_STATED.search(plain) is not None and (ITSELF.search(plain) or _SHORT_TITLE.search(plain)) is not None
            and CAP_STATED.search(plain) is not None)


class Composer(DutyComposer):
    """Composes answers for one corpus: one method per ``Route.composer`` of the registry."""

    # ------------------------------------------------------------------ intents
    def target(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        if det.kinds and det.kinds[0] not in _NUMBER_KINDS:
            return None  # 报修电话是多少, 租金多少钱, 分几年发: not a target; the backbone answers or refuses
        units, years = asked_units(det.text), [int(y) for y in re.findall(r"(20\d\d)年", det.text)]
        # the unit asked for (万元) says nothing about which target is meant
        topical = {t: w for t, w in det.terms.items() if not UNIT_WORD.match(t)}
        asks_whole = WHOLE_ASKED.search(det.text) is not None
        if asks_whole:  # (nor, of the whole document's total, the words measuring it: 一年,
            # 最多 — its cap a year is written 每年…累计不超过)
            topical = {t: w for t, w in topical.items() if not MEASURING.fullmatch(t)} or topical
        if "/每" in units:
            # A rate (每人每月多少, 每千瓦多少) is no target; where a clause on the question's topic
            # states one (每人每月5000元) the open answer quotes its sentence, else there is none.
            if any(_STATED_RATE.search(h.clause.text) and coverage(topical, h.clause.index_text) >= 0.25
                   for h in hits[:5]):
                return None
            raise NoAnswer
        scored: dict[str, tuple[float, Hit, str]] = {}
        best_cov = 0.0
        # 营收过10亿能奖多少 asks what is given: a reward's sentence before a goal's (培育…10亿元以上的龙头企业3个)
        given = _ASKS_GIVEN.search(det.text) is not None
        informative = sum(topical.values()) > 0
        if not informative and det.topic:
            return None  # 考技师证能补多少钱 where no plan writes 技师: no target is on its subject
        rungs = asked_rungs(det.text)
        # 演了220场: the 200场以上 tier (not for a second ask borrowing the first one's words)
        tier = {} if det.after else tiers(det.text, [t.text for hit in hits for t in hit.clause.targets])
        total = TOTAL_ASKED.search(det.text) is not None  # 各项加起来封顶多少: the total's target
        if total and hits:  # (written once, in the document's 附则 or 保障 part, which the search may not reach)
            seen, low = {h.clause.id for h in hits}, min(h.score for h in hits)
            hits = hits + [Hit(c, low, len(hits) + n + 1)
                           for n, c in enumerate(c for c in self._total_clauses(hits[0].clause.doc_id) if c.id not in seen)]
        # (这套政策里最多: the document's own total, 每年享受本措施的奖补累计不超过…, where it writes one)
        whole = asks_whole and any(_own_total(t.text) for h in hits for t in h.clause.targets)
        yearly = YEARLY_ASKED.search(det.text) is not None  # 一年…封顶多少: the yearly cap
        # 一家企业一年封顶多少: a cap or a sum given, not a threshold (研发费用不低于50万元)
        cap = Kind.AMOUNT in det.kinds and CAP_ASKED.search(det.text) is not None
        if cap and any(h.clause.id in det.after and t.raw and re.search(rf"(?:{CAP_WORD.pattern})[^，。；]{{0,12}}{re.escape(t.raw)}", folded(q))
                       for h in hits for t in h.clause.targets for q in cites.quoted):
            # (单站最多能拿多少 after 建设补贴怎么算: the measure's cap, 单个充电站补贴最高不超过50万元, is
            # quoted already; the best target left would be another measure's)
            raise NoAnswer
        # 雩山市2026年装机目标: a place with 专栏 lines but no plan of its own asks its own figure,
        # not the province's
        column_only = [] if det.regions or det.cross_level else [p for p in det.places if p in self.columns]
        # 总投资大概要多少亿元: the noun a goal's figure measures, which the target's sentence must name
        metric = "" if given or not units else asked_metric(det.text)
        for hit in hits:
            if column_only and not any(p in f"{' '.join(hit.clause.path)} {hit.clause.text}" for p in column_only):
                continue
            for t in hit.clause.targets:
                if whole and not _own_total(t.text):
                    continue
                if any(t.raw and t.raw in q for q in cites.quoted):
                    continue  # (a second ask is not answered with the sentence the first one quoted)
                unit = folded(t.unit)  # as the question is: 萬元 is 万元
                if units and not any((unit.endswith(u[-1]) and u[:-1] in unit) or (u == ANY_YI and "亿" in unit)
                                     for u in units):
                    continue
                if years and t.year not in years and not any(str(y) in t.text or str(y) in "".join(hit.clause.path[-1:]) for y in years):
                    # (专栏1 各市2026年分布式光伏累计装机目标 dates its lines)
                    continue
                sent_cov = coverage(det.terms, t.text)
                context = with_previous(hit.clause, t.text)
                if informative and not whole and coverage(topical, f"{hit.clause.title} {context}") < _ON_SUBJECT:
                    continue  # a target on something else (冷库 补助 for 供水工程亏损补助; a document's own
                    # total is on the document the question names)
                if metric and not any(m in f"{hit.clause.title} {context}" for m in (metric, metric[-2:])):
                    continue  # 总投资大概要多少亿元 of 专项资金3亿元: the figure of another metric
                if units and informative and _measures_another(t, topical):
                    continue  # 电子信息产业主营业务收入突破5000亿元 beside the 增加值 asked
                if cap and not CAP_STATED.search(folded(t.text)):
                    continue
                # (a 专栏 line, 岢东县：30；14, is about what its box's title names: 各县2027年林下经济发展目标)
                box = hit.clause.path[-1] if hit.clause.kind == "column" and hit.clause.path else ""
                best_cov = 1.0 if whole else max(best_cov, coverage(topical, f"{box} {context}"))
                window = trim(t.text, det.terms, LIMIT // 2, must=t.raw)
                # the clause's own title (核心部件实现突破性进展) names what its targets measure
                # (a tier, 新开设30家以上的…, is about what the sentence before it names)
                score = max(coverage(det.terms, f"{hit.clause.title} {window}"),
                            coverage(det.terms, f"{hit.clause.title} {context}") - 0.05) + 0.3 * sent_cov \
                    + 0.6 * fitness(det.terms, hit) - (1.0 if hit.clause.kind == "lead_in" else 0.0) \
                    + (_GIVEN if given and states(Kind.SUPPORT, f"{lead_of(hit.clause, t.text)}{t.text}") else 0.0) \
                    - (OTHER_RUNG if another_rung(rungs, t.text) else 0.0) \
                    + TIER * tier.get(t.text, 0.0) \
                    + (TOTAL if total and TOTAL_STATED.search(t.text) else 0.0) \
                    + (YEARLY if yearly and YEARLY_STATED.search(t.text) else 0.0) \
                    - (RAISE if Kind.EXTRA not in det.kinds and states(Kind.EXTRA, t.text) else 0.0) \
                    - (_PLACE_LINE if hit.clause.kind == "column" and not any(p in hit.clause.title for p in det.places) else 0.0)
                # (省级 asked: not the 市级 tier; 演了220场: the 200场以上 tier; 加起来: the total;
                # 补贴标准多少: the standard, not its raise for some)
                if hit.clause.doc_id not in scored or score > scored[hit.clause.doc_id][0]:
                    scored[hit.clause.doc_id] = (score, hit, t.text if len(t.text) <= LIMIT else window)
        if (units or years) and (not scored or (units and informative and best_cov < 0.25)):
            raise NoAnswer  # the question asks for a unit or year no clause states
        if not scored:
            return None
        if (given or Kind.AMOUNT in det.kinds) and informative and self._granted_without_figure(topical, hits, scored):
            raise NoAnswer
        best = max(s for s, _, _ in scored.values())
        margin = 9.0 if det.cross_level else 0.0 if det.filter() else 0.35
        near = [v for v in scored.values() if v[0] >= best - margin]
        on_subject = self.on_the_subject(topical, [h for _, h, _ in near])
        near = [v for v in near if v[1] in on_subject]
        kept, elsewhere = self.capped([(s, h) for s, h, _ in near])
        keep = sorted((v for v in near if v[1] in kept), key=lambda v: (level_key(self.doc(v[1]).level), v[1].rank))
        room = LIMIT // len(keep)
        parts = []
        for _, h, text in keep:
            # (达到10个的，奖励10万元 goes on: 在此基础上每增加5个，增加奖励5万元 is of that tier)
            shown = next((s for s in sentences(body_text(h.clause)) if s.startswith(text.strip("。；"))
                          and goes_on(s[len(text.strip("。；")):].lstrip("；;")) and len(s) <= LIMIT), text)
            # (建筑面积1000平方米以上不足3000平方米的，补助30% is of what its schedule's opening names:
            # 按照改造实际投资额（不含土地…）给予补助：)
            opening = _schedule_opening(lead_of(h.clause, text)) if h.clause.kind != "column" else ""
            if opening:
                shown = f"{opening}……{shown}"
            cites.quoted.update(s for s in sentences(h.clause.text) if text.strip("。；") in s)
            if tier.get(text, 0.0) > 0:  # (the schedule's other tiers answer no later ask either)
                cites.quoted.update(tier)
            t = next((t for t in h.clause.targets if t.raw and t.raw in text), None)
            phrase = trim(_with_units(shown, h.clause.targets) if h.clause.kind == "column" else shown, det.terms, room,
                          must=t.raw if t else "")
            if t and t.year and str(t.year) not in phrase:
                phrase = f"到{t.year}年，{phrase}"
            if Kind.EXTRA not in det.kinds:
                # (1000公里以上的，每标准箱350元 for 冷藏箱: the clause's raise for whom the question
                # says the asker is, 冷藏集装箱在上述标准基础上上浮20%, is part of what the asker gets)
                raised = next((s for s in sentences(body_text(h.clause)) if text.strip("。；") not in s
                               and raises_for_asker(s, text, det.text)), None)
                if raised is not None:
                    cites.quoted.add(raised)
                    phrase = f"{phrase.rstrip('。；')}；{raised.rstrip('。；')}"
            parts.append((h, phrase))
        return self.labelled(parts, cites, elsewhere)


    @staticmethod
    def _granted_without_figure(topical: Mapping[str, float], hits: list[Hit],
                                scored: Mapping[str, tuple[float, Hit, str]]) -> bool:
        """Whether a sentence of the top clauses grants the support asked without a figure
        (对…展会活动的主办单位给予支持) and holds clearly more of the question's words than the
        best-scored target's sentence, which then states the amount of another measure."""
        _, hit, text = max(scored.values(), key=lambda v: v[0])
        chosen = coverage(topical, f"{hit.clause.title} {with_previous(hit.clause, text)}")
        # (…按每公里1.5万元给予补助，…，林区防火应急道路建设给予适当补助: of one sentence, the figure's own
        # measure is what the target answers)
        measures = _measures(folded(text))
        figured = [p for p in measures if re.search(r"\d", p)]
        if len(figured) < len(measures):
            chosen = min(chosen, max(coverage(topical, f"{hit.clause.title} {p}") for p in figured)) if figured else chosen
        plain = [p for h in hits[:5] for s in sentences(folded(body_text(h.clause))) for p in {*re.split(r"(?<=；)", s), *_measures(s)}
                 if (_GRANT_NO_FIGURE.search(p) or _SCHEME_NO_FIGURE.search(p)) and not re.search(r"\d", p)]
        # (…30万元一次性奖励；对获得…认定的企业，给予适当奖励; 建立“黑飞”举报奖励机制: a scheme set up, its sums not stated)
        return max((coverage(topical, s) for s in plain), default=0.0) > chosen + _FIGURELESS_MARGIN

    def policy(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        return self.backbone(det, hits, cites, bonus=CUES["policy"])


    def open(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        top = hits[:5]
        if not top:
            return None
        best = max(top, key=lambda h: fitness(det.terms, h))
        if opens_whole_list(best.clause.text):
            # 运营企业应当具备下列条件： — the clause fitting best opens a list: the list answers
            found = self.sentence_list(best.clause)
            if found:
                return self.quote_list(det, found, hits, cites)
        topical = {t: w for t, w in det.terms.items() if w > 0}
        section = self.section(det, topical, best, hits, cites)
        if section:
            return section
        if (not det.kinds and best.clause.kind in ("item", "paragraph")
                and coverage(topical, heading(best.clause)) >= _WHOLE_TASK):
            summary = task_summary(best.clause, LIMIT)
            if summary:
                return f"{summary}{cites.mark(best)}。"
        return self.backbone(det, hits, cites, bonus=self.place_names if Kind.PLACE in det.kinds else None)


    def backbone(self, det: Detection, hits: list[Hit], cites: Citations,
                 bonus: re.Pattern[str] | None = None) -> str | None:
        """The sentences of the retrieved clauses that state what was asked (``rag.answer.extract``).

        Raises:
            NoAnswer: The question asks a kind of fact (an amount, a rent, a telephone number …)
                that no clause on its subject states.
        """
        counted = [u for u in asked_units(det.text) if u not in ("%", "/每", ANY_YI) and not u.endswith("元")]
        named = self.named_in(det.text)
        if named and any(h.clause.doc_id in named for h in hits):
            # (在昶智通上报上去以后多久能审完: the sentences of the measure whose platform that is, not
            # another document's 公示5个工作日后拨付)
            hits = [h for h in hits if h.clause.doc_id in named]
        if Kind.CONTACT in det.kinds:
            # (地理标志政策打哪个电话问: the line of the document on 地理标志, not another's 咨询电话)
            hits = self.on_the_subject(det.terms, hits)
        hits = self._with_doc_wide(det, hits)
        step = _asked_step(det.text) if Kind.DURATION in det.kinds else None
        if step is not None and hits:
            # (审核要几天: the top document's clause timing that step, 自受理申请之日起10个工作日内完成形式审查,
            # answers for each of its measures, though the question's words missed it)
            seen = {h.clause.id for h in hits}
            low = min(h.score for h in hits)
            timed = [c for c in self._step_clauses(hits[0].clause.doc_id, step) if c.id not in seen]
            hits = hits + [Hit(c, low, len(hits) + n + 1) for n, c in enumerate(timed)]
        found = extract(det.terms, det.kinds, hits, depth=len(hits), bonus=bonus, count_units=counted,
                        after=det.after, titles={d: self.documents[d].title for d in self.named_documents(det)},
                        question=det.text)
        if det.after and CAP_ASKED.search(det.text) and found and found[0].sentence in cites.quoted \
                and Kind.AMOUNT in found[0].kinds and CAP_WORD.search(folded(found[0].sentence)):
            # (有没有封顶？ after 房租能补多少: the cap, 单个企业每年最高100万元, stands in the sentence quoted
            # already; the next best one would be another measure's)
            raise NoAnswer
        evidence = [e for e in found if e.sentence not in cites.quoted]
        if Kind.CONDITION in det.kinds:
            evidence = _case_left_out(det, evidence) + evidence
        risen = _RISEN.search(det.text) if Kind.STACKING in det.kinds and Kind.AMOUNT in det.kinds and evidence else None
        if risen:
            # (…还能再拿多少: the amount of the rung risen to leads, its 差额 rule beside it — not the amount
            # of the rung had, which the question's own 5万 and 县级 point at)
            doc = evidence[0].hit.clause.doc_id
            evidence.sort(key=lambda e: not (Kind.AMOUNT in e.kinds and e.hit.clause.doc_id == doc
                                             and risen.group(1) in folded(e.sentence)))
        if Kind.DURATION in det.kinds and _PAID_WITHIN.search(det.text):
            # (之日起6个月内提出补贴申请 is how long one has to apply, not how long paying takes)
            evidence = [e if _PAYS_WITHIN.search(e.sentence) else replace(e, kinds=e.kinds - {Kind.DURATION}) for e in evidence]
        timing = None
        # (the step asked, 审核, says what is asked, not about what: no anchor)
        # (nor is the result asked of it, 多久能给结果)
        about = {t: w for t, w in det.terms.items() if step is None or not (_STEP_ASKED.fullmatch(t) or t in _RESULT_WORDS)}
        if step is not None:
            # (审核要多少个工作日: not 公示5个工作日, the duration of the step after it)
            evidence = [e if _times_step(e.sentence, step) or Kind.DURATION not in e.kinds
                        else replace(e, kinds=e.kinds - {Kind.DURATION}, score=e.score - _NOT_THE_STEP) for e in evidence]
            evidence.sort(key=lambda e: e.score, reverse=True)
            # (of a document holding the question's most specific word: 乡镇商贸中心…审核要多久 is not
            # answered by the housing measure's review time)
            # (either the question's or, 审核 being the step, not its subject, the subject's: a document
            # timing 形式审查 never writes 审核)
            anchors = {a for a in (specific_word(det.terms), specific_word(about)) if a is not None}
            timing = next((e for e in evidence if Kind.DURATION in e.kinds
                           and any(self.doc_holds(e.hit.clause.doc_id, a) for a in anchors)), None)
            if timing is not None:  # the step's own time limit leads (10个工作日内完成审核)
                evidence.remove(timing)
                evidence.insert(0, timing)
        # (a step's time limit, 受理之日起15个工作日内完成审核, is the document's for each of its measures)
        timed = frozenset({timing.hit.clause.id}) if timing is not None else frozenset()
        if lacks(evidence, det.kinds, about, after=det.after | timed, question=det.text):
            raise NoAnswer
        if Kind.WHEN in det.kinds and _WHEN_TO_APPLY.search(det.text):
            # 什么时候开始报、截止到哪天: the document's application window answers for every measure
            evidence.sort(key=lambda e: not for_every_measure(Kind.WHEN, e))
            if evidence and not for_every_measure(Kind.WHEN, evidence[0]):
                # (申报时间为每年5月10日至6月10日 of the same document, before 于9月底前拨付)
                _applying_first(evidence, Kind.WHEN)
        elif Kind.DURATION in det.kinds and _APPLY_WITHIN.search(det.text) and evidence and not applies(evidence[0].sentence):
            # 买完房多长时间之内要报上去: the time limit to apply (之日起12个月内提出申请), not how long it is paid
            _applying_first(evidence, Kind.DURATION)
        picked = pick(evidence, det.kinds, question=det.text)
        # (a sentence opening a list of its own, （二）企业申报：1.营业执照；2.劳动合同；…, is quoted
        # with its items, not as one item of the list around it)
        own_list = len(picked) > 2 and FIRST_ITEM.search(picked[0].sentence) is not None and all(e.score == 0.0 for e in picked[1:])
        if picked and not own_list and (any(k in LIST_KINDS for k in det.kinds) or opens_whole_list(picked[0].sentence)):
            # 要满足哪些条件: the conditions are one list, though chunked item by item (and a
            # sentence opening a list is never quoted without it)
            first = picked[0].hit.clause
            near = [e.hit.clause for e in evidence if e.hit.clause.doc_id == first.doc_id and e.hit.clause.path[:1] == first.path[:1]]
            candidates = {c.id: c for c in [first, *(e.hit.clause for e in evidence[:3]), *near]}  # each clause once
            run = next((r for c in candidates.values() if (r := self.sentence_list(c))), None)
            if run:
                return self.quote_list(det, run, hits, cites)
        # a document's rule for every measure quoted beside the measure: room for both
        wide = any(for_every_measure(k, e) for e in picked[1:] for k in DOC_WIDE)
        budget = LIMIT + LIMIT // 2 if wide else LIMIT
        if picked and any(k in LIST_KINDS for k in det.kinds) and len(_LISTED_ITEM.findall(picked[0].sentence)) >= 3:
            # (申请时应当提交下列材料：（一）…；…（七）公众责任险保单复印件: a list run on in one sentence
            # is quoted whole, as one chunked item by item is)
            budget = max(budget, min(len(picked[0].sentence), 3 * LIMIT))
        return self.quote(det, [(e.hit, self._placed(det, e)) for e in picked], cites, budget=budget)

    def _placed(self, det: Detection, e: Evidence) -> str:
        """A 专栏 line's sentence, named by its place when the question asks where (哪个市要建…: 梧垣市：…)
        and the sentence does not name it whole (梧垣临港…基地 names a port, not the city)."""
        place = short_place(folded(e.hit.clause.title)) if e.hit.clause.title else ""
        if Kind.PLACE in det.kinds and place in self.vocab.column_places and folded(e.hit.clause.title) not in folded(e.sentence):
            return f"{e.hit.clause.title}：{e.sentence}"
        return e.sentence


    def _with_doc_wide(self, det: Detection, hits: list[Hit]) -> list[Hit]:
        """The first eight hits, then the clauses of the first hit's document that state a
        ``DOC_WIDE`` fact asked (its 申报条件, its 就高不重复 rule), its procedure or its inquiry
        line (政策咨询电话) when retrieval missed them."""
        hits = hits[:_READ]
        wide = [k for k in det.kinds if k in DOC_WIDE]
        # 材料什么时候交、交给谁: the document's own 申报时间和程序 says it for every measure
        applying = any(k in (Kind.CHANNEL, Kind.PROCEDURE) for k in det.kinds) or (
            Kind.WHEN in det.kinds and _WHEN_TO_APPLY.search(det.text) is not None)
        contact = Kind.CONTACT in det.kinds
        if not (wide or applying or contact) or not hits:
            return hits
        seen = {h.clause.id for h in hits}
        low = min(h.score for h in hits)
        rules = [c for c in self._doc_wide_clauses(hits[0].clause.doc_id, tuple(wide)) if c.id not in seen] if wide else []
        if applying:
            rules += [c for c in self._procedure_clauses(hits[0].clause.doc_id) if c.id not in seen and c not in rules]
        if contact:  # its inquiry line, written once for every measure (十三、附则…政策咨询电话：…)
            rules += [c for c in self.by_doc.get(hits[0].clause.doc_id, ()) if c.id not in seen and c not in rules
                      and DOC_CONTACT.search(folded(c.text))]
        return hits + [Hit(c, low, len(hits) + n + 1) for n, c in enumerate(rules)]


    def _procedure_clauses(self, doc_id: str) -> list[Clause]:
        """The clauses of ``doc_id`` under its own 申报程序 / 申报时间和程序 heading, found once per
        document (as ``_doc_wide_clauses``)."""
        key = (doc_id, ("procedure",))
        if key not in self._rules:
            self._rules[key] = [c for c in self.by_doc.get(doc_id, ()) if PROCEDURE_HEAD.search(folded(heading(c)))
                                or APPLY_WINDOW.search(folded(body_text(c)))]
        return self._rules[key]


    def _step_clauses(self, doc_id: str, step: re.Pattern[str]) -> list[Clause]:
        """The clauses of ``doc_id`` timing ``step`` (``_times_step``), found once per document and
        step (as ``_doc_wide_clauses``)."""
        key = (doc_id, ("step", step.pattern))
        if key not in self._rules:
            self._rules[key] = [c for c in self.by_doc.get(doc_id, ()) if any(_times_step(s, step) for s in sentences(body_text(c)))]
        return self._rules[key]


    def own_total(self, doc_id: str) -> bool:
        """Whether ``doc_id`` caps what it pays one party in all (同一企业每年享受本措施的奖补累计不超过50万元)."""
        return any(_own_total(t.text) for c in self._total_clauses(doc_id) for t in c.targets)

    def _total_clauses(self, doc_id: str) -> list[Clause]:
        """The clauses of ``doc_id`` capping what its measures pay together (同一企业每年享受本措施奖补资金
        累计不超过300万元), found once per document."""
        key = (doc_id, ("total",))
        if key not in self._rules:
            self._rules[key] = [c for c in self.by_doc.get(doc_id, ()) if any(
                TOTAL_STATED.search(folded(t.text)) and CAP_STATED.search(folded(t.text)) for t in c.targets)]
        return self._rules[key]

    def _doc_wide_clauses(self, doc_id: str, kinds: tuple[Kind, ...]) -> list[Clause]:
        """The clauses of ``doc_id`` stating a ``DOC_WIDE`` fact of ``kinds``, found once per
        document and kinds (a library's document is not re-read for every question on it)."""
        key = (doc_id, kinds)
        if key not in self._rules:
            self._rules[key] = [c for c in self.by_doc.get(doc_id, ())
                                if any(doc_wide(k, c, s) for k in kinds for s in sentences(body_text(c)))]
        return self._rules[key]


    def section(self, det: Detection, topical: Mapping[str, float], best: Hit, hits: list[Hit],
                cites: Citations) -> str | None:
        """A question about a whole heading (激活数据要素方面安排了哪些工作) lists its tasks.

        The heading is the best hit's nearest ancestor whose words cover the question (as
        ``_WHOLE_TASK`` does for one task) better than the hit's own title; it must hold two or
        more tasks, each named with its marker.
        """
        c = best.clause
        own = coverage(topical, c.title)
        for depth in range(len(c.path) - 1, -1, -1):
            if coverage(topical, c.path[depth]) < max(_WHOLE_TASK, own + 1e-9):
                continue
            members = [m for m in self.by_doc.get(c.doc_id, []) if m.kind == "item"
                       and m.path[: depth + 1] == c.path[: depth + 1]]
            if len(members) < 2:
                return None
            found = self.sentence_list(members[0])
            if found and [m.id for m in found[2]] == [m.id for m in members]:
                return self.quote_list(det, found, hits, cites)  # the items finish one sentence: quote it
            ranked = {h.clause.id: h for h in hits}
            names, size = [], len(c.path[depth]) + 1
            for m in members:
                if names and size + len(task_name(m)) > LIMIT:
                    break  # before marking it: every citation has its marker in the answer
                names.append(f"{task_name(m)}{cites.mark(ranked.get(m.id) or Hit(m, 0.0, 0))}")
                size += len(task_name(m)) + 1
            return f"{without_label(c.path[depth])}：{'；'.join(names)}。"
        return None


    def region(self, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
        """The 专栏 line-item of the place the question names, among the retrieved clauses; of a
        place with items in several plans (柳溪县 in a food plan and a sports plan), the one
        fitting the question's words best. The answer names the place: 威海：发展新能源房车….
        """
        scope = det.filter()
        ranked = {h.clause.id: h for h in hits}
        items = [c for place in det.places for c in self.columns.get(place, ()) if c.id in ranked]
        # what the question asks about the place (户外运动), without the place's own name
        topical = {t: w for t, w in det.terms.items() if w > 0 and not any(p in t for p in det.places)}
        fits: list[tuple[float, Clause]] = []
        for clause in items:
            body = _without_title(clause)
            if topical and not coverage(topical, f"{' '.join(clause.path)} {body}"):
                continue  # the place's line-item in a plan on something else (腐乳 for 户外运动)
            fit = coverage(det.terms, body) - 0.01 * ranked[clause.id].rank
            if scope is not None and not scope.allows(clause, self.documents[clause.doc_id]):
                # The place's own document is searched; its line-item in a higher plan still
                # wins unless the own document's sentences fit the question better.
                own = max((coverage(det.terms, s) for h in hits[:5] for s in sentences(body_text(h.clause))),
                          default=0.0)
                if coverage(det.terms, body) < own:
                    continue
            fits.append((fit, clause))
        if not fits:
            return None
        best = max(fits, key=lambda f: f[0])
        # (the place's lines in the plan's other 专栏 fitting about as well: 桦坪县 in both 专栏 of a plan)
        chosen = [best[1], *(c for f, c in fits if c is not best[1] and c.doc_id == best[1].doc_id
                             and f >= best[0] - _SAME_PLACE)][:3]
        room = (LIMIT - len(best[1].title) - 1) // len(chosen)
        parts = [f"{trim(_without_title(c), det.terms, room)}{cites.mark(ranked[c.id])}" for c in chosen]
        return f"{best[1].title}：{'；'.join(parts)}。"


def _measures(sentence: str) -> list[str]:
    """The measures of one sentence: its parts between semicolons or commas, a part that opens with
    how it is granted (给予适当奖励, 按…补助) kept with the part naming whom (对获得认定的企业，给予适当奖励)."""
    parts: list[str] = []
    for part in re.split(r"(?<=[；，])", sentence):
        if parts and re.match(r"(?:给予|予以|按|并|最高|单个|每)", part):
            parts[-1] += part
        elif part:
            parts.append(part)
    return parts


def _asked_step(question: str) -> re.Pattern[str] | None:
    """The words of the step whose duration ``question`` asks (审核要多少个工作日 → 审…), if any."""
    how = _HOW_LONG_ASKED.search(question)
    if how is None:
        return None
    clause = next((c for c in _ASK_CLAUSE.finditer(question) if c.start() <= how.start() < c.end()), None)
    if clause is not None and re.search(_PAID, question[how.end():clause.end()]):
        return None  # (批下来多久能到账: the paying is asked, the step before it is when its time starts)
    words = [m for m in _STEP_ASKED.finditer(question) if clause is not None and clause.start() <= m.start() < clause.end()]
    near = min(words, key=lambda m: min(abs(m.end() - how.start()), abs(m.start() - how.end())), default=None)
    if near is None and clause is not None and _RESULT_ASKED.search(clause.group()):
        # (要是有人提异议，多久能给结果: the result of the step the clause before names)
        before = [c for c in _ASK_CLAUSE.finditer(question) if c.end() <= clause.start()]
        if before and question[before[-1].end():clause.start()] in ("，", ","):
            word = ([m.group() for m in _STEP_ASKED.finditer(before[-1].group())] or [None])[-1]  # (the nearest)
            return _step_named(word) if word else None
    if near is None or min(abs(near.end() - how.start()), abs(near.start() - how.end())) > 4:
        return None
    return _step_named(near.group())


def _step_named(word: str) -> re.Pattern[str] | None:
    """The words a document writes the step asked as ``word`` with (补上 → 补正|补齐|补交|补办)."""
    key = _STEP_SAID.get(word) or next((k for k in _STEPS if k in word or word in _STEPS[k].split("|")), None)
    return re.compile(_STEPS[key]) if key else None


def _times_step(sentence: str, step: re.Pattern[str]) -> bool:
    """Whether a duration of ``sentence`` is that of ``step``: the step word nearest to it in its
    clause is one of ``step``'s (15个工作日内完成审核; not 审核通过的名单…公示5个工作日)."""
    for part in _CLAUSE_CUT.split(folded(sentence)):
        # (自受理申请之日起10个工作日内完成形式审查: 受理 is when the time starts, 审查 the step it times)
        starts = [m.span() for m in _STARTS_AT.finditer(part)]
        words = [(m.start(), m.group()) for m in _ANY_STEP.finditer(part) if not any(a <= m.start() < b for a, b in starts)]
        for d in STATES[Kind.DURATION].finditer(part):
            near = min(words, key=lambda w: min(abs(w[0] - d.start()), abs(w[0] - d.end())), default=None)
            if near is not None and near[1] == "办理":
                # (3个工作日内办理旧车注销登记: 办理 only says the step after it is done)
                near = next((w for w in words if near[0] < w[0] <= near[0] + 2 + _DONE_WHAT), near)
            if near is not None and step.fullmatch(near[1]):
                return True
    return False


def _applying_first(evidence: list[Evidence], kind: Kind) -> None:
    """Move to the front the sentence of the best one's document that states ``kind`` about applying
    (申报时间为…, …之日起12个月内提出申请), when it scores near the best."""
    first = evidence[0]
    found = next((e for e in evidence if e.hit.clause.doc_id == first.hit.clause.doc_id and kind in e.kinds
                  and applies(e.sentence) and e.score >= _WINDOW_NEAR * first.score), None)
    if found is not None:
        evidence.remove(found)
        evidence.insert(0, found)


def _without_title(clause: Clause) -> str:
    """A 专栏 line's text without its place label (桦坪县：…)."""
    return re.sub(rf"^{re.escape(clause.title)}\s*[：:]", "", clause.text)


# words saying how a figure is asked, not what it measures (比例是多少, 目标是多少辆, 奖励多少钱)
_NO_METRIC = re.compile(r"比例|比重|占比|目标|指标|标准|数字|数量|数额|金额|额度|封顶|上限|奖励|补贴|补助|奖补|贴息|资助|钱")
_METRIC_GLUE = frozenset("大概 大约 预计 一共 总共 合计 要 能 会 将 达到 突破 有 是 需要 计划 可以 能够 带动 拉动 实现".split())


def asked_metric(text: str) -> str:
    """The noun a goal question measures, next to its 多少 (总投资大概要多少亿元 → 投资, as the tokenizer
    reads 总 apart; 拉动多少投资 → 投资); empty when none is."""
    words = tagged(text)
    for i, (word, _) in enumerate(words):
        if word != "多少":
            continue
        j = i - 1
        while j >= 0 and words[j][0] in _METRIC_GLUE:
            j -= 1
        if j >= 0 and len(words[j][0]) >= 2 and words[j][1] in ("n", "vn", "nz") and not _NO_METRIC.search(words[j][0]):
            return words[j][0]
        k = i + 1
        while k < len(words) and UNIT_WORD.match(words[k][0]):
            k += 1
        if k < len(words) and len(words[k][0]) >= 2 and words[k][1] in ("n", "vn", "nz") and not _NO_METRIC.search(words[k][0]):
            return words[k][0]
    return ""


def _measures_another(target: Target, topical: Mapping[str, float]) -> bool:
    """True when ``target`` sits in a sentence listing several metrics and measures one the
    question does not ask of (its phrase holds less than ``_ON_SUBJECT`` of the question's words),
    while another phrase of the sentence is on them."""
    phrases = [p for p in re.split(r"[，,；;。]", target.text) if p]
    own = next((p for p in phrases if target.raw in p), None)
    if own is None or coverage(topical, own) >= _ON_SUBJECT:
        return False
    metric = _METRIC.match(own)
    if metric is None or metric.group("metric").endswith(("不", "最高", "最多")):
        return False
    return any(coverage(topical, p) >= _ON_SUBJECT for p in phrases if p is not own)


def _case_left_out(det: Detection, evidence: list[Evidence]) -> list[Evidence]:
    """The case of a rule leaving some out (有下列情形之一的，不予支持：…（二）…受到…罚款处罚的) that holds a
    word of the asker's own case (被罚了15万，今年还能申请吗), with the rule's opening before it: it answers
    whether they still qualify before any condition listed for all."""
    ask = ASKS[Kind.CONDITION].search(det.text)
    case = det.text[: ask.start()] if ask else det.text  # (the words before 还能申报这个奖补吗, not 申报 itself)
    own = [t for t, w in det.weights.items() if w > 0 and not t[:1].isdigit() and not STATES[Kind.SUPPORT].search(t)
           and any(x in case for x in t.split("|"))]
    for e in evidence:
        colon = re.search(r"[：:]", lead := lead_of(e.hit.clause, e.sentence))
        body = folded(body_text(e.hit.clause))
        # (a word of this case alone, 停业 of 连续停业超过30天的, not the subject every case names: 营地)
        if colon and EXCLUDED.search(folded(lead[: colon.start()])) and not EXCLUDED.search(folded(e.sentence)) \
                and any(w in folded(e.sentence) and body.count(w) == 1 for t in own for w in t.split("|")):
            # (the opening states the rule asked of: the case is what the answer quotes, whatever it states itself)
            return [replace(e, sentence=f"{lead[: colon.end()]}……{e.sentence.strip()}", kinds=e.kinds | set(det.kinds),
                            score=max((x.score for x in evidence), default=e.score) + 1.0)]
    return []


def _schedule_opening(lead: str) -> str:
    """``lead`` up to the colon that opens its schedule (按照改造实际投资额…给予补助：), or "": a colon
    after a word or two (答：, 注：) or between figures (1:1) opens none."""
    for m in re.finditer(r"(?<!\d)[：:](?!\d)", lead):
        if len(re.split(r"[：:。]", lead[: m.start()])[-1].strip()) >= 8:
            return lead[: m.end()]
    return ""
