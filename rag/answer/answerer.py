"""Answers first, then the proof: extractive answers composed from clause data, with citations.

``Answerer.ask`` detects what the question asks (``rag.answer.intent``), expands colloquial words to the
words plans use (``rag.retrieval.synonyms``), retrieves clauses, and lets the composer of its intent write a
short answer from the clause data model (``rag.answer.compose``, ``rag.answer.doc_facts``,
``rag.answer.align_answer``) — never from templates keyed to known questions. Every fact carries a marker
``[n]`` indexing ``Answer.citations``.

``RefusalPolicy`` (``rag.answer.refusal``) decides when no clause is relevant enough: the answer then
says so and cites the nearest clauses as possibly related. An optional ``Generator``
(``rag.answer.generate``) may rephrase the extractive answer from the cited clauses; if it fails, the
extractive answer stands.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache

from rag.answer.align_answer import alignment_answer
from rag.answer.base import Citations, NoAnswer, quoted
from rag.answer.compose import ANY_YI, Composer, asked_units
from rag.answer.corpus_text import CorpusText
from rag.answer.doc_facts import doc_fact
from rag.answer.extract import DOC_WIDE, WHOLE_ASKED, YEAR_NAMED
from rag.answer.generate import Generator
from rag.answer.intent import QUANTITY, Detection, detect
from rag.answer.kinds import ASKS, EXCLUDED, SPECIFIC, Kind, states
from rag.answer.questions import split_question
from rag.answer.refusal import REFUSAL_TEXT, RefusalPolicy
from rag.answer.registry import Intent
from rag.answer.sentences import folded, heading, sentences, task_name
from rag.answer.shares import TermShares
from rag.answer.vocab import CorpusVocab, spelled_out, tagged, word_freq
from rag.model import Answer, Clause, Document, Hit
from rag.retrieval.base import Filter
from rag.retrieval.synonyms import COLLOQUIAL, expand
from rag.retrieval.tokenize import Tokenizer, domain_terms

SearchFn = Callable[..., list[Hit]]
"""``search(text, k, where=Filter | None) -> list[Hit]``, best first (``HybridSearcher.search``)."""
AlignmentFn = Callable[[], object]
"""Returns the corpus' ``rag.views.align.Alignment`` (computed once, lazily, by the caller)."""

# Intents that read clause data (牵头单位, 指标…) rather than sentences: a question of these kinds
# is not refused for absent words alone.
_STRUCTURED = frozenset(Intent) - {Intent.OPEN, Intent.POLICY}


def _grade(number: str, mark: str) -> str:
    """One spelling of a grade: 五A and 5a are 5A."""
    return f"{'一二三四五'.find(number) + 1 if number in '一二三四五' else number}{mark.upper()}"


@lru_cache(maxsize=4096)
def _tag(word: str) -> str:
    """jieba's part-of-speech tag of ``word`` read alone (its first piece's)."""
    return next(iter(tagged(word)), ("", "x"))[1] if word else "x"


# a step of a procedure whose doer is asked (由谁组织验收, 哪个部门审核): the clause naming the doer names the step
_STEP_OF_WHO = re.compile(r"(?:由谁|谁来|谁负责|哪个部门|哪个单位|哪家)[^，。？]{0,4}(验收|审核|审批|核查|评审|受理|提交|报送)|"
                          r"(验收|审核|审批|核查|评审|受理)[^，。？]{0,4}(?:由谁|谁来|谁负责|哪个部门|归谁)")
# (向哪个部门提交: the step of applying, which a clause writes 向…提出申请 or 报送)
_STEP_DONE = {"审核": "审|核查|核实", "核查": "核查|核实|审", "评审": "评审|审", "提交": "提交|申请|申报|报送|受理",
              "报送": "提交|申请|申报|报送|受理"}


# a level as people name it (县里奖500元, 市里能帮着出多少): who pays or rules, read as the question's level, not
# what it is about
_LEVEL_SAID = re.compile(r"[省市县区镇乡]里")
# a numeral counting one of a thing, or an ordinal (一笔, 第一, 一个 of 第一笔贷款): how many, never what — the
# clause saying 同一笔贷款 is not about it (not a period, 一年, 两年, which a cap or a term is written with, nor a
# class or a grade, 二类, 一级, which names what is asked)
_COUNTED_ONE = re.compile(r"第?[一二两三四五六七八九十几]+[^年月天日周季期批次类级等档星型]?")


def _positional(term: str) -> bool:
    """Whether ``term`` is one word placing the ask in time (jieba's tag f: 以后, 之后, 以前, 期间), a
    pronoun of the asker's (tag r: 有人, 咱们, 那边), a level said as people say it (县里) or a numeral
    counting one (一笔, 第一); not a bound a figure is written with (以内, 以上: 控制在0.8‰以内), nor a
    word counting what it names (每年, 各类), nor a period (一年)."""
    if _LEVEL_SAID.fullmatch(term):
        return True
    words = tagged(term)
    return len(words) == 1 and ((words[0][1] == "f" and term[-1] in "后前间")
                                or (words[0][1] == "r" and term[0] not in "每各本该其此")
                                or (words[0][1] == "m" and _COUNTED_ONE.fullmatch(term) is not None))


def _answers_choice(question: str, answer: str) -> bool:
    """Whether ``answer`` states a side of the alternative ``question`` asks, if it asks one (按场次还是
    按人数 needs 场次 or 人数; 分几年给 is stated by 分5年发放): a pair of adjacent characters of
    either side, a 几 or 多少 standing for any figure."""
    m = _CHOICE.search(question)
    if m is None:
        return True
    figure = r"[\d一二两三四五六七八九十百]+"
    sides = [_CHOICE_LEAD.sub("", side).replace("多少", "几") for side in m.groups()]
    if any(len(side) < 2 for side in sides):
        return True  # (市里还是区里 cut to one character a side: too little to judge by)
    for side in sides:
        pieces = [re.escape(c) if c != "几" else figure for c in side]
        if any(re.search(a + b, answer) for a, b in zip(pieces, pieces[1:], strict=False)):
            return True
    return False


def _rung_asked(ladder: re.Pattern[str], question: str) -> frozenset[str] | None:
    """The rungs of ``ladder`` that ``question`` names (博士后, 翻新 → 改造; 团体标准和地方标准), if it names any."""
    return frozenset(_RUNG.get(m, m) for m in ladder.findall(question)) or None


def _only_other_rungs(ladder: re.Pattern[str], rungs: frozenset[str], said: Sequence[str]) -> bool:
    """Whether ``said`` names rungs of ``ladder`` but never one of ``rungs``, nor a rung open upwards
    (本科及以上, 省内外) that would reach them."""
    seen = {_RUNG.get(m, m) for s in said for m in ladder.findall(s)}
    return bool(seen) and not rungs & seen and not any(re.search(f"(?:{ladder.pattern}){_OPEN_RUNG}", s) for s in said)


def _figures(text: str) -> set[str]:
    """The figures ``text`` states, each a number with its magnitude and unit (1个亿 and 1亿元 are
    1亿, 30家 is not 30万元); years (2025) and list labels (4. 2025年度…) left out."""
    text = re.sub(r"(?:^|(?<=[。；]))\s*\d{1,2}[.．、](?!\d)", "", text)
    return {f"{n}{big}{'' if unit == '元' else unit}" for n, big, unit in _FIGURE.findall(text)
            if not re.fullmatch(r"(?:19|20)\d\d", n)}


def _restates_the_asker(question: str, kinds: Sequence[Kind], answer: str) -> bool:
    """True when a question asking a figure (多少, 几) is answered only with figures it states itself
    (今年总额度1个亿，第一批发多少 → 总额度为1亿元): what the asker gave, not what was asked. A
    question checking a figure (是不是最高50万, 能给50万吗) is answered by it."""
    if not _ASKS_FIGURE.search(question) or _CHECKS.search(question) or not set(kinds) & _FIGURE_KINDS:
        return False
    said = _figures(answer)
    return bool(said) and said <= _figures(question)


def _fines_only(answer: str) -> bool:
    """Whether every sentence of ``answer`` stating an amount states a fine (处…罚款)."""
    said = [s for s in re.split(r"[。；]", folded(answer)) if states(Kind.AMOUNT, s)]
    return bool(said) and all(_FINE.search(s) for s in said)


def _quotes_another_rung(question: str, answer: str) -> bool:
    """Whether ``answer`` names only other rungs of a ladder than the one ``question`` asks (翻新改造
    answered with a sentence on 新建 ones, 博士后 with 博士、硕士): what it quotes is a sibling's rule."""
    return any((rung := _rung_asked(ladder, question)) is not None and _only_other_rungs(ladder, rung, [answer])
               for ladder in _LADDERS)


def _per_what_asked(question: str, answer: str) -> bool:
    """Whether ``answer`` states an amount per what ``question`` asks one per, if it asks (每个充电桩
    补多少钱 needs 每个/每桩 …, 每吨 needs 每吨 or 元/吨): 每 followed closely by the measure word or the
    thing's first character."""
    m = _PER_ASKED.search(question)
    if m is None:
        return True
    measure, thing = m.group(1), m.group(2)
    heads = [re.escape(measure)] + ([re.escape(thing[0])] if thing else [])
    return re.search(rf"每[^，。；\d]{{0,3}}(?:{'|'.join(heads)})|/(?:{re.escape(measure)})", answer) is not None


def _no_piece_in(word: str, text) -> bool:
    """Whether ``text`` holds no two characters of ``word`` in a row — nor, for a one-character
    word (猫), the character itself: a word no document writes even in part."""
    return all(word[i:i + 2] not in text for i in range(max(1, len(word) - 1)))


def _abbreviates(short: str, text: CorpusText) -> bool:
    """Whether ``text`` spells out ``short`` as an abbreviation (质检 ← 质量监督检验, 发改 ← 发展和改革)."""
    return text.search(re.compile(spelled_out(short)))


_FACTS_NO_COMPOSER_HOLDS = frozenset({Kind.CONTACT, Kind.ADDRESS, Kind.EMAIL, Kind.PERSON, Kind.FEE, Kind.PROCEDURE, Kind.FORM, Kind.CHANNEL, Kind.PLATFORM,
                                      Kind.PENALTY, Kind.STACKING, Kind.PAYMENT, Kind.RATE,
                                      Kind.DURATION, Kind.FREQUENCY, Kind.WHEN, Kind.CONDITION, Kind.EXTRA,
                                      Kind.CHANGE})
_OWN_SUBJECT = 0.05
_KIND_FREQ = 1000  # a kind a list closes with (食用菌) stands for its items only when no everyday word (部门, 设施)
# how the units of a level are named (各市人民政府, 各设区市, 市财政局)
_LEVEL_UNIT = {"city": ("各市", "各设区市", "各地市", "市"), "province": ("省",)}
_SAME_ASK = re.compile(r"呢[？?]?\s*$")  # 和社保补贴呢？ — the same ask, of another subject
# the level an award or a platform is recognised at (国家级、省级企业技术中心; 国家企业技术中心 is 国家级)
_LEVEL_WORD = re.compile(r"国家级|国家|省级|市级|县级|区级")
_LEVEL_OF = {"国家": "国家级", "国家级": "国家级", "省级": "省级", "市级": "市级", "县级": "县级", "区级": "区级"}
_LEVELED = re.compile(r"(国家级|省级|市级|县级|区级)[“\"《‘]?([\u4e00-\u9fff]{2,10})")  # (市级“数据要素×”典型案例)
# a grade (5A级景区, 4A级物流企业, 三星级饭店): 5A and 五A are one grade
_GRADE = re.compile(r"([1-5一二三四五])\s*([Aa]|星)")
_GRADED = re.compile(r"([1-5一二三四五])\s*([Aa]|星)级?([\u4e00-\u9fff]{2,10})")
# Ladders of the genre a measure supports rung by rung — degrees, titles, skill grades, within or
# outside a region, new works or works on what stands, insurances, financings, prizes, standards:
# a question on a rung that the sentences on its subject leave out while naming others (博士后 beside 博士、硕士; 省内展会
# beside 省外展会) asks about a sibling the plan does not support, and so does one whose answer quotes
# only other rungs (翻新改造 answered with the rule for 新建 ones).
# (国内 is no rung: plans write 达到国内领先水平 as a benchmark, not as where a measure applies.)
_LADDERS = tuple(re.compile(p) for p in (
    r"博士后|博士|硕士|本科|(?<![扩加壮放做])大专|专科",
    r"正高级|正高|副高级|副高|中级职称|初级职称",
    r"高级技师|技师|高级工|中级工|初级工",
    r"省外|省内", r"市外|市内", r"境外|境内|国外|国内|海外",  # (在国内注册商标 ≠ 境外申请注册商标的)
    r"政府投资|财政投资|社会投资|民间投资",  # who pays for a project (社会投资项目建设绿色屋顶的)
    r"购置|购买|租赁|租用",  # how a thing is had (购置…产品的, 租赁厂房的)
    r"新建|新增|改扩建|改建|扩建|翻新|改造",  # a work new or on what stands (对新建村级公共厕所 ≠ 翻新改造)
    r"养老保险|医疗保险|医保|失业保险|工伤保险|生育保险",  # which social insurance is paid (缴纳基本养老保险的 ≠ 医保)
    r"质押融资|融资租赁|信用贷款|抵押贷款|担保贷款",  # which financing (以登记证书办理质押融资 ≠ 融资租赁)
    r"金奖|银奖|铜奖|优秀奖", r"特等奖|一等奖|二等奖|三等奖",  # a contest's prizes
    r"国际标准|国家标准|行业标准|地方标准|团体标准|企业标准",  # whose standard is set (主导制定国家标准 ≠ 团体标准)
    r"[一二三四五六七八九十\d]+人制",  # a pitch's size (五人制、十一人制足球场 ≠ 七人制)
    r"首年|第[一二三四五六七八九十\d]+年",  # which year of a run (首年实际缴纳房租的30% ≠ 第二年)
    r"首套|第[一二三四五六七八九十\d]+套",  # which home of a family's (首套、第二套自住住房 ≠ 第三套)
    # an assessment's grades (考核优秀的…考核良好的 ≠ 考核只评上合格)
    r"(?:考核|考评|评估|评价|等次|评为|评上|评定为?)[^，。；？]{0,6}?(不合格|基本合格|合格|优秀|良好)",
    r"[一二三四五]级(?=[\u4e00-\u9fff、])"))  # graded ratings (五级、四级、三级养老机构)
_ALSO = re.compile(r"也(?:能|可以|可|按|享受|免费|算|有|给|补|要)")  # (…也能贴息吗: a rule extended to the asker's case)
_FINE = re.compile(r"罚款|罚金")  # (a fine stated: 处50元以上200元以下罚款)
# what the asker says they are not (不是做动画, 不是小作坊, （不是改造）): no subject of their own
_DISOWNED = re.compile(r"(?<!是)(?:不是|并非|不属于)(?:做|搞|干|开|卖|从事)?([^，。？！?!；,（）()]{1,12})")
# (有没有类似合成氨替代那样…的补助, 像中医馆那样给20万元吗: a covered thing named as the likeness of the asker's own)
_LIKENESS = re.compile(r"(?:像|类似于?|跟|和|同)([^，。？！?!；]{2,16}?)(?:那样|一样|似的)")
# a remedy asked of (找谁申诉, 怎么申诉, 能不能复议, 申诉的程序)
_REMEDY = r"申诉|行政复议|复议|投诉|上诉|仲裁|诉讼|听证|申辩"
_REMEDY_ASKED = re.compile(rf"(?:找谁|向谁|跟谁|怎么|如何|能不能|能否|可以|可不可以|去哪|到哪|向哪)[^，。？?,]{{0,4}}(?P<w>{_REMEDY})"
                           rf"|(?P<v>{_REMEDY})(?:吗|的?(?:程序|流程|渠道|途径|时限))")
_QUOTED_NAME = re.compile(r"[“\"「『]([^”\"」』]{2,20})[”\"」』]")  # (a name the asker quotes)
# a list in a sentence (``_listed_ladders``): its pieces between commas, the two characters after each 、, the
# name a parallel list opens with (按县道每公里…、乡道…)
_LIST_PIECE = re.compile(r"[。；;，,：:]")
_LISTED_HEAD = re.compile(r"、([\u4e00-\u9fff]{2})")
_LISTED_FOUR = re.compile(r"(?<=[、和及或])([\u4e00-\u9fff]{4})|([\u4e00-\u9fff]{4})(?=、)")
_LIST_LEAD = re.compile(r"[按对]([\u4e00-\u9fff]{2})")
_HAN_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")
# a support left to other rules (按照省有关规定执行, 按上级规定执行, 具体办法另行制定)
_DEFERS = re.compile(r"按(?:照)?[^，。；]{0,8}规定(?:执行|办理)|另行(?:制定|规定|明确)")
_YEAR_SPAN = re.compile(r"(20\d\d)\s*(?:年)?\s*(?:至|到|—|-|－|~)\s*(20\d\d)\s*年")  # (2025—2027年: each year)
_EVENT_DATE = re.compile(r"20\d\d\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?份?[^，。？?]{0,4}(?:出生|生的|生了|成立|注册|设立|开业|入职|毕业|结婚|退休)")
_CITED_TITLE = re.compile(r"《[^》]{0,60}》")  # a document a sentence cites by its title
_RUNG = {"首年": "第一年", "首套": "第一套", "正高": "正高级", "副高": "副高级", "财政投资": "政府投资", "民间投资": "社会投资", "购买": "购置", "租用": "租赁",
         "新增": "新建", "改扩建": "改造", "改建": "改造", "扩建": "改造", "翻新": "改造", "医保": "医疗保险",
         "国内": "境内", "国外": "境外", "海外": "境外"}
_OPEN_RUNG = r"(?:[^，、；。]{0,5}以上|外)"  # after a rung (本科及以上学历, 省内外展会): every rung from there
# jieba's tags of words that name a thing (a noun, a verbal noun such as 防疫, a term, an organisation)
# and of words that name none. (nr, which jieba also gives words it does not know, 养羊 and 养牛
# alike, is left out: 养牛的补助 is about a 肉牛养殖 plan.)
_NOUN_TAGS = ("n", "nz", "l", "nt", "vn")
_FUNCTION_TAGS = ("p", "c", "d", "r", "u", "m", "q")
_FIGURE_WORD = re.compile(r"[\d一二两三四五六七八九十百千万几半多]|左右|上下|出头")  # a numeral word (一点, 600来万, 800平方米左右), no subject
# words of spending or paying (总花费90万, 自费, 经费) that name no fee of their own
_SPENDING = frozenset("花费 耗费 浪费 消费 收费 免费 自费 公费 缴费 交费 付费 经费 费用".split())
_NAME_TAGS = ("n", "nz", "l", "nr")  # (a fee jieba does not know, 安家费, it tags nr)
# a support named by what it pays for (租金补贴, 入职奖励, 用工补贴): the word before its noun
_SUPPORT_NOUN = frozenset({"补贴", "补助", "奖励", "奖补", "贴息", "资助", "补偿", "津贴"})
_PAYS = re.compile(r"补|奖|贴|资助|扶持|激励")  # a sentence that grants a support
# who pays a support (政府贴息, 省级奖励, 政府给不给补): no kind of support, nor a subject of one
_WHO_PAYS = re.compile(r"(?:国家|省|市|县|区)(?:级|里)?|政府|财政")
# the words before a support noun that name no kind of support (有没有补贴, 这些奖补, 省级奖励)
_NO_KIND = re.compile(r"有没有|能不能|是不是|还有|还能|还会|可以|会有|有|多少|多少钱|几块钱|多少块钱|什么|哪些|这些|那些|这个|一次性|直接|具体|额外|其他|别的|相关|同类|"
                      rf"{_WHO_PAYS.pattern}")
# a title a support rewards, named after how it is won (新认定为国家级工业设计中心, 评上四级养老机构)
_AWARD = re.compile(r"(?:认定为|认定的|评上|评为|获评|入选|被评为|获批|创建)了?(?:国家级|省级|市级|县级|区级|国家|省|市)?"
                    r"([“\"]?[\u4e00-\u9fff“”]{2,14}?)(?:了|的|[，,?？]|能|可以|给|奖|补|有|后|以后|[省市县区]里|政府|$)")
_AWARDED = re.compile(r"([\u4e00-\u9fff]{4,14})(?:被|获)(?:认定|评定|评为|认定为)")  # (科技企业孵化器被认定了)
# a certificate or title obtained (刚拿到中国驰名商标认定, 通过GLP认证): what was obtained
_CERTIFIED = re.compile(r"(?:拿到|获得|取得|通过|拿了|过了)了?([\u4e00-\u9fffA-Za-z0-9]{2,14}?)的?(?:认定|认证)")
_GRADE_PREFIX = re.compile(r"^(?:[甲乙丙丁]级|[一二三四五1-5](?:星|A)?级|[1-5]A|[一二三四五]星)")
_SUPPORT_WORD = re.compile("|".join(sorted(_SUPPORT_NOUN)) + "|政策|优惠|扶持|支持|激励")  # (a support noun, or a word for all)
_GRANTED_SUBJECT = 0.6  # the share of its subject a sentence granting a support must hold
# whether one may apply for a support (能不能申请这个补助, 可以享受贴息吗): a support asked for the asker's subject
# (or the support named first: 这个专项资金可以申请吗, 贴息能不能享受)
_APPLIES_FOR = re.compile(rf"(?:申请|申报|享受|领取?)[^，。？]{{0,6}}(?:{'|'.join(sorted(_SUPPORT_NOUN))})"
                          rf"|(?:{'|'.join(sorted(_SUPPORT_NOUN | {'资金'}))})[^，。？]{{0,4}}(?:申请|申报|享受|领)")
# which supports a subject gets (修绿道有什么补助, 能拿到什么支持): whether any exists for it, asked openly
# (not 有什么税收优惠: a preference is granted in words no _PAYS sentence holds, 按照15%的优惠税率缴纳)
_WHICH_SUPPORT = re.compile(rf"(?:什么|哪些|啥)[^，。？]{{0,4}}(?:{'|'.join(sorted(_SUPPORT_NOUN | {'奖金', '扶持', '支持'}))})")
# a figure asked (多少, 几) and the figures a text states (1个亿 → 1亿, 30家, 30万元 → 30万)
_ASKS_FIGURE = re.compile(r"多少|几")
_FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*个?\s*([万亿千]?)([\u4e00-\u9fff%]?)")
_CHECKS = re.compile(r"吗|是不是|对不对|对吧|还是")  # (是不是50万, 给50万吗: a figure checked, not asked)
_FIGURE_KINDS = frozenset({Kind.AMOUNT, Kind.COUNT, Kind.SHARE, Kind.RATE})
# what a question on a support asks: whether it exists and how much it pays
_ASKS_SUPPORT = frozenset({Kind.SUPPORT, Kind.AMOUNT, Kind.RATE, Kind.SHARE, Kind.FEE, Kind.EXTRA})  # (租金补贴 asks a fee too)
_SPECIFIC_SHARE = 0.1  # a corpus word in at most this share of the clauses names a task
# a unit of measure (一平米按多少算: 平米|平方米) is how much is asked, no subject of its own
_MEASURE = re.compile(r"平方米|平米|立方米|公里|千米|公斤|千克|千瓦时?|万元|元|亩|吨|米|度")
_COMMON_WORD = 5000  # a word this frequent in jieba's dictionary (时候, 地方) names no subject
_BORROWED = 0.5  # weight of a topic word taken from the question before
_MARKER = re.compile(r"\[\d+\]")
# where to go or whom to see (办公地址在哪, 联系人是谁): asked and not stated, the other asks' answers
# (a telephone number, a step) would only stand in for it
_WHERE_OR_WHOM = frozenset({Kind.ADDRESS, Kind.PERSON})
_TIME_HEADS = ("时间", "时候", "期间")  # (过段时间, 那个时候: a while, not a kind of thing)
_YEAR = re.compile(r"20\d\d年")
# an alternative asked (按场次还是按人数, 是一次给还是分几年给): its two sides
_CHOICE = re.compile(r"([^，。？?！、；\s]{1,10}?)还是([^，。？?！、；\s]{1,10}?)[呢啊吗]?[？?]?$")
_CHOICE_LEAD = re.compile(r"^(?:是|按照|按|由|在|用|走)")
# an amount asked per one of something (每个充电桩补多少钱, 每吨能补多少, 每米补多少): its measure word
# and the thing counted; time (每年, 每月) is a cap's period, not what is counted
_PER_ASKED = re.compile(r"每(?!年|月|季|天|日|周|次)([个台辆座吨米人户亩张套艘架株家项只头位间名节]|千瓦时|千瓦|平方米|公斤|公里|标箱|课时)"
                        r"([\u4e00-\u9fff]{0,4}?)(?:能|可以|可|要)?(?:补|奖|给|贴|拿|发|收)[^，。？]{0,3}多少")
# Intents whose composed answer is a fact (a target, a measure), not a unit: it must be the kind of
# fact the question asks for (an amount, a date …).
_STATES_A_FACT = frozenset({Intent.TARGET, Intent.POLICY, Intent.REGION})


class Answerer:
    """Compose cited answers from the clauses of ``documents``.

    Args:
        documents: The corpus documents.
        clauses: All their clauses (the whole corpus, used for department look-ups).
        search: Ranks clauses: ``search(text, k, where=Filter | None) -> list[Hit]``.
        refusal: When to refuse; defaults to ``RefusalPolicy()``.
        generator: Optional phrasing model; ``None`` keeps answers purely extractive.
        alignment: Optional provider of the province ↔ city ``Alignment`` (``rag.views.align``), called
            on the first alignment question; ``None`` answers those by retrieval alone.
        tokenizer: The retriever's tokenizer (folding); built from the clauses when ``None``.

    Raises:
        ValueError: ``search`` or ``alignment`` is not callable, or a clause names an unknown
            document.
    """

    def __init__(self, documents: list[Document], clauses: list[Clause], search: SearchFn,
                 refusal: RefusalPolicy | None = None, generator: Generator | None = None,
                 alignment: AlignmentFn | None = None, tokenizer: Tokenizer | None = None,
                 term_rows: Callable[[str], Sequence[int] | None] | None = None):
        if not callable(search):
            raise ValueError(f"search must be callable, got {type(search).__name__}")
        if alignment is not None and not callable(alignment):
            raise ValueError(f"alignment must be a callable returning an Alignment, got {type(alignment).__name__}")
        self.documents = {d.id: d for d in documents}
        missing = sorted({c.doc_id for c in clauses} - set(self.documents))
        if missing:
            raise ValueError(f"clauses name unknown documents {missing}; known: {sorted(self.documents)}")
        self.clauses = list(clauses)
        self._search = search
        self.refusal = refusal or RefusalPolicy()
        self.generator = generator
        self._alignment = alignment
        self.tokenizer = tokenizer or Tokenizer(domain_terms(self.clauses))
        self.vocab = CorpusVocab.build(documents, self.clauses, self.tokenizer.domain_words)
        self.composer = Composer(self.documents, self.clauses, self.vocab)
        self._share = TermShares(self.clauses, term_rows)

    def ask(self, question: str, top_k: int = 5, where: Filter | None = None,
            history: Sequence[str] = ()) -> Answer:
        """Answer ``question`` from the corpus.

        Args:
            question: The question, in simplified or traditional Chinese.
            top_k: How many clauses to consider (at least 1); more are fetched for grouping.
            where: Optional metadata filter; when given it replaces the one the question implies.
            history: The user's earlier questions of the conversation, oldest first: a follow-up
                without a subject of its own (那责任单位有哪些？) is read with the last one's.

        Returns:
            An ``Answer`` whose markers ``[n]`` index ``citations``.

        Raises:
            ValueError: An empty question or ``top_k`` below 1.
        """
        if not isinstance(question, str) or not question.strip():
            raise ValueError("question must be a non-empty string")
        if isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1:
            raise ValueError(f"top_k={top_k!r}; allowed: an integer >= 1")
        t0 = time.perf_counter()
        cites = Citations()
        parts = split_question(question)
        # Each question of 哪个部门牵头？到2026年建多少个？ is answered in turn under one citation
        # numbering, the later ones read with the first one's subject; one the corpus cannot
        # answer is left out, and only when none can be answered is the message refused — or when
        # an ask of where to go or whom to see (办公地址在哪, 联系人是谁) is answered without either.
        previous = self._understand(split_question(history[-1])[0])[0] if history and history[-1].strip() else None
        text, det, query, hits, absent = self._answer_part(parts[0], top_k, where, cites, context=previous)
        texts = [text] if text else []
        where_or_whom = _WHERE_OR_WHOM & set(det.kinds)
        for part in parts[1:]:
            if absent and not self._own_subject(self._understand(part)[0]):
                continue  # 什么时候完成？ after a task the plan does not have is about that task too
            more, asked = self._answer_part(part, top_k, where, cites, context=det)[:2]
            where_or_whom |= _WHERE_OR_WHOM & set(asked.kinds)
            if more and not any(_MARKER.sub("", more) in _MARKER.sub("", t) for t in texts):  # not the same fact again
                # (nor an earlier answer the later one quotes whole, under the same markers)
                texts = [t for t in texts if not (_MARKER.sub("", t).rstrip("。；") in _MARKER.sub("", more)
                                                  and set(_MARKER.findall(t)) <= set(_MARKER.findall(more)))]
                texts.append(more)
        if any(not any(states(k, t) for t in texts) for k in where_or_whom):
            # 哪个科室负责？联系人是谁？ or 哪个科室负责、在哪里办公 answered with a telephone number
            # and no person or address: not what was asked (an ask's own answer, or an earlier
            # one's, quoting it states it: 联系人：市商务局流通科，电话…)
            texts = []
        if not texts:
            if not hits:
                hits = self._search(query, top_k, where=where)
            return Answer(question, f"{REFUSAL_TEXT}。以下条款可能相关，仅供参考。", False, det.intent.value,
                          tuple(hits[: min(3, top_k)]), (time.perf_counter() - t0) * 1000)
        text = "".join(texts)
        if self.generator is not None and cites.hits:
            text = self.generator.phrase(question, text, tuple(cites.hits)) or text
        return Answer(question, text, True, det.intent.value, tuple(cites.hits),
                      (time.perf_counter() - t0) * 1000)

    def _answer_part(self, question: str, top_k: int, where: Filter | None, cites: Citations,
                     context: Detection | None = None) -> tuple[str | None, Detection, str, list[Hit], bool]:
        """The answer text to one question (``None``: refuse), its detection, search text and hits,
        and whether it was refused because the corpus does not hold its subject.

        ``context`` is the detection of the question before it in the same message, whose topic
        and places a follow-up (审批大概要多长时间) is about.
        """
        det, query, shares = self._understand(question, context)
        hits: list[Hit] = []
        text = None
        absent = bool(det.unknown)
        try:
            if det.unknown:
                raise NoAnswer
            scope = where if where is not None and not where.is_empty else det.filter()
            hits = self._search(query, max(top_k, 10), where=scope)
            if not hits and scope is not None:
                hits = self._search(query, max(top_k, 10), where=where)
            named = self.composer.named_documents(det)
            # (does a second ask name a subject of its own, or ask about the first one's?)
            own = context is None or (self._own_subject(bare := self._detect(question))
                                      or self._names_another(bare, context))
            if not named and context is not None and context.topic and set(context.topic) <= set(det.topic):
                named = self.composer.named_documents(context)  # 联系人是谁？ after 预制菜专班的电话是多少？
            if named and any(h.clause.doc_id in named for h in hits):
                # 新材料人才引进谁管: the document the question names by its title's own words
                hits = [h for h in hits if h.clause.doc_id in named]
            elif (context is not None and not named and det.places == context.places and det.regions == context.regions
                  and (any(k in det.kinds for k in (Kind.CONTACT, Kind.ADDRESS, Kind.EMAIL, Kind.PERSON)) or (det.route and det.route.retrieval == "document"))):
                # …安家补贴找哪个部门办？有咨询电话吗？ asks a fact of the whole document (a phone, its
                # 有效期) of the document that answered the first question, not of whichever states one
                cited = {h.clause.doc_id for h in cites.hits}
                if cited and any(h.clause.doc_id in cited for h in hits):
                    hits = [h for h in hits if h.clause.doc_id in cited]
            if not own:
                det = replace(det, after=frozenset(h.clause.id for h in cites.hits))
                if bare.levels and not det.kinds and bare.intent is not Intent.LEAD:
                    # (a level the ask itself names, not the first's; 省里…哪个部门牵头 asks a lead)
                    text = self._level_role(bare.levels, cites)  # …谁牵头？市里要不要管？
                    if text:
                        return text, det, query, hits, False
            route = det.route.retrieval if det.route else "search"
            if route == "place" and scope is not None:
                seen = {h.clause.id for h in hits}
                hits = hits + [h for h in self._search(query, max(top_k, 10), where=where) if h.clause.id not in seen]
            if route == "department":
                text = self.composer.dept_lookup(det, hits, cites)
            elif route == "document":
                text = doc_fact(self.composer, det, hits, cites)
            elif route == "alignment" or self._region_item(det):
                text = self._compose(det, query, hits, cites)
            elif self._no_such_subject(det, shares, hits, question):
                absent = True
            elif det.after or not self._refuse(det, shares, hits):
                # (a second ask about the first one's subject is answered when a clause on it
                # states the kind asked, however few of its own words the clauses hold)
                cited = len(cites.hits)
                text = self._compose(det, query, hits, cites)
                if text and not self._names_the_step(det, question, cites.hits[cited:]):
                    text = None  # 建成后由谁组织验收: the lead of building it, cited, says nothing of who accepts it
        except NoAnswer:
            text = None
        if text and not _answers_choice(folded(question), _MARKER.sub("", text)):
            text = None  # 按场次还是按人数 answered with …给予支持: neither side is stated
        if text and not _per_what_asked(folded(question), folded(_MARKER.sub("", text))):
            text = None  # 每吨能补多少 answered with 按固定资产投资的10%给予补助: not per ton
        if text and _quotes_another_rung(folded(question), folded(_MARKER.sub("", text))):
            text = None  # 已经建好的公共厕所要翻新改造，每座补多少 answered with 对新建村级公共厕所…: another rung
        if text and _restates_the_asker(folded(question), det.kinds, _MARKER.sub("", text)):
            text = None  # 总额度1个亿，第一批发多少额度 answered with …总额度为1亿元: the figure the asker gave
        if text and Kind.AMOUNT in det.kinds and Kind.PENALTY not in det.kinds and _fines_only(_MARKER.sub("", text)):
            text = None  # 犬牌补办要交多少钱 answered with 拒不改正的，处50元以上200元以下罚款: a fine, not what is paid
        return text, det, query, hits, absent

    def _understand(self, question: str, context: Detection | None = None) -> tuple[Detection, str, dict[str, float]]:
        """The detection with expanded, IDF-weighted topic words; the text to search; word shares.

        With ``context`` (the question before, in the same message) its topic words join this
        one's and are searched too, and its places and levels apply when this one names none.

        A colloquial word and its official words (``rag.retrieval.synonyms``) become one topic term
        ``电动车|新能源汽车``, found when any of its spellings is; the official words are also
        appended to the text searched.
        """
        det = self._detect(question)
        borrowed: set[str] = set()  # the context's words this question does not use itself
        if context is not None:
            # a follow-up without a subject of its own (分几年发？那责任单位有哪些？) is about the
            # question before; one with its own (县级物流配送中心要建几个？) only keeps its place
            if not self._own_subject(det):
                # (an amount the question before stated, 营收过了10亿, was about its own ask)
                carried = [t for t in context.topic if not QUANTITY.fullmatch(t)]
                borrowed = set(carried) - set(det.topic)
                det = replace(det, topic=tuple(dict.fromkeys([*det.topic, *carried])),
                              text=f"{det.text} {''.join(carried)}")
            if not det.kinds and _SAME_ASK.search(question):
                # 技术中心奖励和专精特新奖励呢？ asks the question before of other subjects
                det = replace(det, kinds=context.kinds, intent=context.intent, route=context.route)
            if not (det.places or det.regions or det.levels):
                det = replace(det, places=context.places, regions=context.regions, levels=context.levels,
                              cross_level=context.cross_level)
            years = set(_YEAR.findall(context.text))
            if len(years) == 1 and not _YEAR.search(det.text):
                # 到2026年户用光伏要装到多少？示范站要建成多少座？: the second goal is of that year too
                det = replace(det, text=f"{det.text} {years.pop()}")
        # (a thing the corpus lists as of a rarer kind, 羊肚菌 of 黑木耳、羊肚菌等食用菌, is asked as that kind too)
        kinds = {item: rare for item, named in self.vocab.kind_of.items() if item in det.text
                 and (rare := tuple(k for k in named if word_freq(k) <= _KIND_FREQ and 0 < self._share(k) <= self.refusal.max_share))}
        official = expand(det.text, lambda w: self._share(w) > 0, {**kinds, **COLLOQUIAL} if kinds else COLLOQUIAL)
        topic = [t for t in det.topic if not any(t in key for key in official)]
        topic += ["|".join((key, *words)) for key, words in official.items()]
        det = replace(det, topic=self._share.split_absent(tuple(topic)))
        shares = {t: self._share(t) for t in det.topic}
        n = len(self.clauses)
        # IDF weights; a word absent from the corpus weighs 0 so it cannot dilute coverage.
        # the follow-up's own words (评上4A又是多少 after 5A能拿多少) outweigh those it borrows
        # a word placing the ask in time or a pronoun (以后, 期间, 有人: 材料交到区科技局以后) says when or
        # who asks, not about what: it weighs nothing either, though a rare word of the corpus
        det = replace(det, weights={t: (math.log((1 + n) / (0.5 + s * n)) if s and not _positional(t) else 0.0)
                                    * (_BORROWED if t in borrowed else 1.0) for t, s in shares.items()})
        extra = [w for words in official.values() for w in words]
        query = f"{det.text} {' '.join(extra)}" if extra else det.text
        return det, query, shares

    @lru_cache(maxsize=1024)  # noqa: B019 — one Answerer per served index
    def _detect(self, question: str) -> Detection:
        """``detect`` of ``question`` alone, once: a second ask's own detection serves both its
        reading with the ask before (``_understand``) and whether it names a subject of its own."""
        return detect(question, self.vocab, self.tokenizer)

    def holds(self, term: str) -> bool:
        """Whether any clause holds ``term`` (the predicate query expansion uses)."""
        return self._share(term) > 0

    @lru_cache(maxsize=4096)  # noqa: B019 — one Answerer per served index; clauses are few per question
    def _words_of(self, clause: Clause) -> str:
        """The clause's whole words, space-separated: a question word counts as present only as a
        word (or a sub-word the tokenizer emits), never as characters straddling two words
        (整车|上 ≠ 车上). Tokenized when a question first checks the clause, not at start-up."""
        return f" {' '.join(self.tokenizer.tokenize(clause.index_text))} "

    def _own_subject(self, det: Detection) -> bool:
        """Whether a question names a subject of its own (县级物流配送中心要建几个？), not only an
        ask about the one before (分几年发？那责任单位有哪些？)."""
        asked = [m.group() for k in det.kinds for m in ASKS[k].finditer(det.text)]  # (联系人是谁: the ask)
        # (咨询电话, one word of two ask words, names no subject either)
        glued = re.compile(f"(?:{'|'.join(map(re.escape, asked))})+") if asked else None
        return any(len(t) >= 3 and 0 < self._share(t) <= _OWN_SUBJECT and not any(t in a for a in asked)
                   and not (glued and glued.fullmatch(t)) and not t[0].isdigit()
                   and not all(_MEASURE.fullmatch(x) for x in t.split("|")) for t in det.topic)

    def _level_role(self, levels: Sequence[str], cites: Citations) -> str | None:
        """What the units of a level do in the task the ask before was answered from (市里要不要管？
        after 建垂直起降点谁牵头？: 责任单位：各市人民政府), each under its role word."""
        prefixes = tuple(p for lv in levels for p in _LEVEL_UNIT.get(lv, ()))
        parts = []
        for hit in cites.hits:
            units = [f"{role}：{unit}" for role, unit in hit.clause.roles if unit.startswith(prefixes)]
            if units:
                parts.append(f"{quoted(task_name(hit.clause))}中，{'、'.join(units)}{cites.mark(hit)}")
        return "；".join(parts) + "。" if parts else None

    def _names_another(self, det: Detection, context: Detection) -> bool:
        """Whether a second ask names a thing the first did not (安家补贴又是什么时候发？ after
        生活补贴什么时候申领): a noun of the corpus, as specific as ``_own_subject`` asks."""
        tags = dict(tagged(det.text))
        return any(t not in context.topic and tags.get(t, "x")[0] == "n" and tags[t] != "nr"
                   and 0 < self._share(t) <= _OWN_SUBJECT for t in det.topic)

    def _no_such_subject(self, det: Detection, shares: dict[str, float], hits: list[Hit], question: str = "") -> bool:
        """Whether the corpus does not hold what the question is about: a narrower kind of a corpus
        thing (``_narrowed``), a level, grade or rung it does not name the thing at (``_other_level``,
        ``_other_rung``), a level whose support it leaves to other rules (``_deferred_level``), or a
        subject named by nouns it never holds (``_no_such_task``)."""
        own = self._detect(question).text if question else det.text  # (the question's own words, not those it borrows)
        return (self._narrowed(det) or self._other_level(det) or self._deferred_level(det) or self._other_rung(det, shares, hits)
                or self._other_year(det, shares, hits, own)
                or self._no_such_task(det, hits) or self._unoffered(det, hits, question)
                or self._unknown_charge(det, own) or self._raise_for_unheard(det, own) or self._unwritten_name(own)
                or self._unheard_remedy(own)
                or self._extended_to_unheard(det, own))

    def _extended_to_unheard(self, det: Detection, own: str) -> bool:
        """True when the asker extends a rule to their own case (个体户…也能贴息吗, 宿舍楼和食堂也按每套1500元补吗,
        养猫也要登记吗) and names that case by a noun no document writes: the plans do not speak of it."""
        also = _ALSO.search(own)
        if also is None:
            return False
        official = {w for t in det.topic if "|" in t for w in t.split("|")}  # (平米 → 平方米: the corpus's word)
        text = self.vocab.text
        return any(flag in _NOUN_TAGS and _no_piece_in(word, text)
                   and word not in official  # (银行贷款: no word of the corpus whole, but 贷款 is; 个体户 has no piece in it)
                   and not _positional(word)  # (县里别的政策也能享受: who pays, not whose case)
                   and word_freq(word) <= _COMMON_WORD  # (银行, 时候: words of any sentence, whatever a small corpus lacks)
                   and not any(place in word for place in self.vocab.region_of_place)
                   for word, flag in tagged(own[:also.start()]) if len(word) >= 2 or flag == "n")

    def _unheard_remedy(self, own: str) -> bool:
        """True when the question asks how, to whom or whether to seek a remedy (找谁申诉, 怎么申诉, 能不能
        复议) that no document writes: the plans give no such step, whatever the words around it match
        (a 复核 or a 投诉热线 is another step). A remedy named only as the asker's own case (代理一个劳动仲裁，
        补贴能加多少) is not asked of."""
        return any((m.group("w") or m.group("v")) not in self.vocab.text for m in _REMEDY_ASKED.finditer(own))

    def _unwritten_name(self, own: str) -> bool:
        """True when the question quotes a name (“一事一议”奖补, 「某某贷」) that no document writes: a
        program, product or platform the plans do not have, whatever the words around it match."""
        return any(m.group(1).strip() and m.group(1) not in self.vocab.text for m in _QUOTED_NAME.finditer(own))

    def _unknown_charge(self, det: Detection, own: str) -> bool:
        """True when the question names a fee or a tax (摊位费, 契税, 物业费, 个人所得税) that the
        corpus never writes, nor spells out, nor names by an official word of a colloquial one
        (生活费 → 生活补贴): what the question is about is not in the plans, whatever the words
        around it (减免, 补贴, 多少) match. Only the question's ``own`` text counts, not the words a
        second ask borrows from the first (…所得税优惠…？高新技术企业的税率是多少？)."""
        words = tagged(own)
        named = [word for word, flag in words if len(word) >= 2 and word[-1] in "费税" and flag in _NAME_TAGS
                 and word not in _SPENDING]
        # (展位|费能不能: the tokenizer glued the fee's last character to the next word; 勘探|费用
        # names the fee 勘探费)
        named += [word + after[0] for (word, flag), (after, _) in zip(words, words[1:], strict=False)
                  if after[:1] in ("费", "税") and after not in ("税收", "税率") and flag[:1] in "nv" and len(word) >= 2]
        return any(word not in self.vocab.text and not any(word in t.split("|") and "|" in t for t in det.topic)
                   and not _abbreviates(word, self.vocab.text) for word in named)

    def _unoffered(self, det: Detection, hits: list[Hit], question: str) -> bool:
        """True when the question asks whether (or how much) a support is given that no sentence of
        the clauses found grants — the plan pays other supports (贴息 of a 厂房 loan), not this one:

        * a support asked for a subject no granting sentence holds most of (家庭养老床位有没有补贴;
          ``_on_the_subject``);
        * a title named after how it is won (新认定为国家级工业设计中心) that no sentence rewards and
          the corpus never names beside a support word;
        * a support named by what it pays for (租金补贴, 入职奖励, 岗位补贴) that no sentence grants
          and the corpus never names so — asked of whatever kind of fact (犬只责任险补贴…在哪申请).

        A support question (有什么补贴) asking an amount or whether one exists gets the first check only.

        Only what the question says itself counts, not the words it borrows from the ask before
        (撥到哪個賬戶？ after 補助款多少個工作日能撥到賬上？)."""
        if det.intent in (Intent.LEAD, Intent.DOC_FACT, Intent.DEPT_LOOKUP):
            return False
        own = self._detect(question) if question else None
        alone = own is not None and own.text == det.text  # (not a second ask reading the first one's words)
        words = tagged(own.text) if own else ()
        said = [s for h in hits[:5] for s in re.split(r"[。；;]", folded(f"{heading(h.clause)}。{h.clause.text}")) if _PAYS.search(s)]
        if alone and Kind.CONDITION in det.kinds and _APPLIES_FOR.search(det.text) \
                and not (hits and EXCLUDED.search(folded(hits[0].clause.text))) \
                and self._on_the_subject(det, dict(words), said, hits[:5]) < _GRANTED_SUBJECT:
            # 农家书屋想提档升级，能不能申请这个补助: whether the asker's own subject is granted one (a rule
            # leaving some out, 自用充电设施…不享受本条规定的补贴, found first answers it: no)
            return True
        if not set(det.kinds) <= _ASKS_SUPPORT:
            # (听说政府给…买犬只责任险补贴一半保费，在哪申请: where to apply for a support no plan grants; the
            # heading of a clause granting one names what it pays for: 支持房车营地建设 of 房车营地建设补助)
            headed = [folded(heading(h.clause)) for h in hits[:5] if _PAYS.search(folded(h.clause.text))]
            return alone and bool(det.kinds) and self._names_ungranted(det, words, said + headed)
        if alone and (Kind.SUPPORT in det.kinds or _WHICH_SUPPORT.search(det.text)) \
                and self._on_the_subject(det, dict(words), said, hits[:5]) < _GRANTED_SUBJECT:
            return True  # 家庭养老床位有没有补贴: no sentence granting a support holds most of its subject
        if own and (like := _LIKENESS.search(det.text)) and _SUPPORT_WORD.search(det.text[like.end():]):
            # 做绿氢制甲醇的项目，有没有类似合成氨替代那样…的补助: what the support is likened to is the plan's, the
            # asker's own subject is what the rest of the question names (or the ask before it, when it borrows)
            rest = f"{det.text[:like.start()]}，{det.text[like.end():]}"
            mine = replace(det, topic=tuple(t for t in det.topic if any(x in rest for x in t.split("|"))))
            if self._on_the_subject(mine, dict(words), said, hits[:5]) < _GRANTED_SUBJECT:
                return True
        if det.intent is Intent.SUPPORT:
            return False
        rewards = Kind.AMOUNT in det.kinds or Kind.SUPPORT in det.kinds
        award = _AWARD.search(det.text) if rewards else None
        won = _AWARDED.search(det.text) if rewards and not award else None
        certified = _CERTIFIED.search(det.text) if rewards and not award and not won else None
        title = (_GRADE_PREFIX.sub("", award.group(1).strip("“”\"")) if award
                 else re.split(r"[的是们我你这那了把]", won.group(1))[-1] if won  # (科技企业孵化器被认定了: before it)
                 else certified.group(1) if certified else "")
        # (a certificate's reward may read 每项给予3万元, with no support noun)
        granting = said + [s for h in hits[:5] for s in re.split(r"[。；;]", folded(h.clause.text)) if "给予" in s] if certified else said
        if alone and (len(title) >= 4 or (certified and re.fullmatch(r"[A-Za-z0-9]{3,}", title))) \
                and not self._granted(spelled_out(title), granting, near=8):
            return True  # 新认定为国家级工业设计中心给多少奖励: the title rewarded, not a word of it, must be granted
        return self._names_ungranted(det, words, said)

    def _names_ungranted(self, det: Detection, words: Sequence[tuple[str, str]], said: list[str]) -> bool:
        """Whether the question names a support by what it pays for (租金补贴, 入职奖励, 岗位补贴) that
        no sentence of ``said`` grants and the corpus never names so."""
        # (岗位补贴, one word to the tokenizer, names its kind as 岗位 补贴 does)
        pairs = [(word, flag) for (word, flag), (after, _) in zip(words, words[1:], strict=False) if after in _SUPPORT_NOUN]
        pairs += [(word[:-2], flag) for word, flag in words if len(word) >= 4 and word[-2:] in _SUPPORT_NOUN]
        named = {word for word, flag in pairs
                 if len(word) >= 2 and flag[0] in "nvj" and not _NO_KIND.fullmatch(word)
                 and not any(place in word for place in self.vocab.region_of_place)}
        return any(not self._granted(spelled_out(*next((t.split("|") for t in det.topic if word in t.split("|")), [word])),
                                     said, near=6)
                   for word in named)

    def _granted(self, name: str, said: list[str], near: int) -> bool:
        """Whether one of ``said`` (sentences granting a support) holds the pattern ``name``, or the
        corpus writes it at most ``near`` characters before a support noun: a support the corpus
        grants under that name elsewhere (吸纳就业补贴 of a rule the found clause only limits)
        exists, and whether it is this one is the clauses' to say."""
        if any(re.search(name, s) for s in said):
            return True
        return self.vocab.text.search(re.compile(f"(?:{name})[^，。；：\n]{{0,{near}}}(?:{'|'.join(_SUPPORT_NOUN)})"))

    def _on_the_subject(self, det: Detection, tags: dict[str, str], said: list[str], hits: list[Hit]) -> float:
        """The largest IDF-weighted share of the question's subject nouns (specific corpus words,
        any of a term's spellings) that one of ``said`` holds; 1 when it names none, or when the
        clauses found of one document hold every one of them (车企…扩大产量…地方 of a clause granting
        生产激励 in words of its own: a paraphrase, not another subject; 肉牛 of one plan and 保险 of
        another's 出口信用保险 are two subjects)."""
        # (我们是做网络漫画连载的，不是做动画: 动画 is what the asker is not, the subject is the rest)
        disowned, rest = "".join(m.group(1) for m in _DISOWNED.finditer(det.text)), _DISOWNED.sub("，", det.text)
        topic = [t for t in det.topic if not (any(x in disowned for x in t.split("|")) and not any(x in rest for x in t.split("|")))]
        # (新建农贸市场，不是改造老的: a sentence granting 改造 grants what the asker is not)
        dropped = [x for t in det.topic if t not in topic for x in t.split("|")]
        said = [s for s in said if not any(x in s for x in dropped)]
        nouns = {t: det.weights.get(t, 1.0) for t in topic
                 if 0 < self._share(t) <= self.refusal.max_share and tags.get(t.split("|")[0], "n")[0] in "nj"
                 and not _SUPPORT_WORD.search(t) and not _WHO_PAYS.fullmatch(t)  # (政府给不给补: who would pay)
                 # (我们小公司…企业能拿什么补贴: a colloquial word the question also says officially names one subject)
                 and not any(w in det.text for w in COLLOQUIAL.get(t, ()))}
        # a noun the corpus never holds (首批次 of 首批次新材料, 青少年) is a subject no sentence grants
        # a support to: it weighs as the most specific word the corpus does hold
        heaviest = max(nouns.values(), default=1.0)
        nouns |= {t: heaviest for t in topic if not self._share(t) and len(t) >= 2 and "|" not in t
                  and (tags.get(t, "x")[0] in "nj" or (tags.get(t, "x")[0] == "m" and not _FIGURE_WORD.match(t)))  # (首批, not 一点)
                  and not _SUPPORT_WORD.search(t) and not _WHO_PAYS.fullmatch(t)
                  and not any(place in t for place in self.vocab.region_of_place)}
        total = sum(nouns.values())
        found = {d: " ".join(folded(h.clause.text) for h in hits if h.clause.doc_id == d) for d in {h.clause.doc_id for h in hits}}
        if not total or (not dropped and any(all(any(x in text for x in t.split("|")) for t in nouns) for text in found.values())):
            return 1.0
        return max((sum(w for t, w in nouns.items() if any(x in s for x in t.split("|"))) / total for s in said), default=0.0)

    def _refuse(self, det: Detection, shares: dict[str, float], hits: list[Hit]) -> bool:
        """Whether the retrieved clauses are too weak an answer (``RefusalPolicy``)."""
        # how a condition or a stacking rule is asked (满足什么条件, 能不能叠加) is no word its answer,
        # a document's rule for all its measures (本措施适用于…企业), must hold
        asking = {t for t in det.terms for k in DOC_WIDE for m in ASKS[k].finditer(det.text) if t in m.group()}
        if Kind.CONDITION in det.kinds:
            # (nor, asked whether they qualify, is an amount the asker states of their own case, 被罚了15万: a rule
            # states its threshold; a tier asked, 拿过1亿那档, is found by its figure)
            asking |= {t for t in det.terms if QUANTITY.fullmatch(t)}
        if hits and WHOLE_ASKED.search(det.text) and self.composer.own_total(hits[0].clause.doc_id):
            return False  # 一家企业一年从这套政策里最多能拿多少: the document's own total answers it
        return self.refusal.refuse(det.terms, shares, hits, structured=det.intent in _STRUCTURED,
                                   words_of=self._words_of, asking=asking)

    def _no_such_task(self, det: Detection, hits: Sequence[Hit] = ()) -> bool:
        """True when a question on who leads a task, or on whether a support exists, names its
        subject mostly by things the corpus never speaks of (邮轮码头建设, 高速公路服务区充电站,
        健身房), or a penalty for an act the rules never name (私设广告牌): as many such nouns as the
        specific corpus words it uses. (Asked of amounts and open questions too it refused answerable
        ones on every set: 营收, 牌子, 公积金 — not there.)"""
        if det.intent not in (Intent.LEAD, Intent.POLICY) and Kind.PENALTY not in det.kinds:
            return False  # (a penalty, too, is for the acts a rule names: 私设广告牌 is none of them)
        tags = dict(tagged(det.text))
        nouns = self._unheard(det, tags)
        # (通过, 或: a word of any sentence the corpus happens to hold rarely names no subject; nor does 县里)
        specific = [t for t in det.topic if 0 < self._share(t) <= _SPECIFIC_SHARE and tags.get(t, "n")[0] not in _FUNCTION_TAGS
                    and not _positional(t)]
        if specific and hits and all(self._share(t) * len(self.clauses) <= 1.0 + 1e-9
                                     and any(x in hits[0].clause.index_text for x in t.split("|")) for t in specific):
            return False  # 农村路上拉货的大车超载超限…谁牵头: words only the first clause found holds name its task
        return bool(nouns) and len(nouns) >= len(specific)

    def _unheard(self, det: Detection, tags: dict[str, str]) -> list[str]:
        """The question's topic nouns (``tags``: jieba's tag of each word) that the corpus never
        writes, nor any two characters of, and that are no everyday word (时候, 地方)."""
        text = self.vocab.text
        return [w for w, tag in tags.items() if w in det.topic and tag in _NOUN_TAGS
                and not self._share(w) and _no_piece_in(w, text)  # no piece of it either
                and word_freq(w) <= _COMMON_WORD  # (时候, 地方: words of any sentence)
                and not re.search(rf"(?:[这那]|什么|哪些|哪种){re.escape(w)}", det.text)]  # (这活儿: the task named
        # before; 什么后果: what is asked)

    def _raise_for_unheard(self, det: Detection, own: str) -> bool:
        """True when the question asks a raise on a support (有没有额外补贴, 能不能再加一点) for people
        or things the corpus never names (低保户, 东盟): the plans raise a support only for those they
        name (三孩及以上家庭每套再增加补贴2万元), so none is written for these."""
        return Kind.EXTRA in det.kinds and bool(self._unheard(det, dict(tagged(own))))

    def _narrowed(self, det: Detection) -> bool:
        """True when the question asks about a narrower kind of a corpus thing, written as an
        absent compound whose head is in the corpus and whose modifier is not (个人所得税 when the
        corpus only speaks of 企业所得税).

        A modifier whose characters the corpus holds in order and close together is read as an
        abbreviation of corpus words (质检 for 质量监督检验), not as a narrower kind.
        """
        for tok in det.topic:
            if (len(tok) < 4 or self._share(tok) or any(place in tok for place in self.vocab.region_of_place)
                    or _tag(tok) == "t" or tok.endswith(_TIME_HEADS)):
                continue  # (a place glued to the next word, 去柘原县 or 泖川规上新, or a time, 今年年底, is no narrower kind)
            for cut in range(2, len(tok) - 1):
                modifier = tok[:cut]
                if (self._share(tok[cut:]) and not self._share(modifier) and modifier not in self.vocab.text
                        and word_freq(modifier) > 0  # (里开冷链 of 小区里开冷链: a cut between words, no modifier)
                        and not _abbreviates(modifier, self.vocab.text)
                        and not any(modifier in t.split("|") for t in det.topic if "|" in t)):  # (升成|金宿:
                    # a colloquial word of a corpus one, 升成 → 晋升, glued to the thing)
                    return True
        return False

    @staticmethod
    def _names_the_step(det: Detection, question: str, cited: Sequence[Hit]) -> bool:
        """Whether a question on who does a step of a procedure (由谁组织验收, 哪个部门审核) is answered
        by clauses naming that step (or asks no such thing)."""
        step = _STEP_OF_WHO.search(folded(question)) if det.intent is Intent.LEAD else None
        done = step and (step.group(1) or step.group(2))
        return not done or any(re.search(_STEP_DONE.get(done, done), folded(h.clause.text)) for h in cited)

    def _other_year(self, det: Detection, shares: dict[str, float], hits: list[Hit], own: str) -> bool:
        """True when the question asks of a year (2026年度的奖补什么时候申报) that the retrieved sentences
        on its subject never name, though they name others (2025年度…申报): that year's rule is not
        written yet. A span (2025—2027年, 2025年至2027年) names each year in it; a goal's year is the
        target composer's to check."""
        # (孩子是2023年5月出生的, 公司2019年成立: the date of the asker's own event, not a year asked of)
        asked = {int(y) for y in YEAR_NAMED.findall(_EVENT_DATE.sub("", own))}
        if not asked or (det.route and det.route.composer == "target"):
            return False
        said = self._said_on_subject(det, shares, hits[:5], YEAR_NAMED)
        # (a document its title dates, 玧河县2025年设施蔬菜建设补助项目申报指南, is that year's: its 申报时间 need not
        # repeat the year)
        said += [folded(self.documents[hits[0].clause.doc_id].title)] if said and hits else []
        seen: set[int] = set()
        for s in said:
            s = _CITED_TITLE.sub("", s)  # (《…三年行动方案（2024—2026年）》: another document's period)
            for a, b in _YEAR_SPAN.findall(s):
                seen |= set(range(int(a), int(b) + 1))
            seen |= {int(y) for y in YEAR_NAMED.findall(s)}
        return bool(seen) and not seen & asked

    def _other_level(self, det: Detection) -> bool:
        """True when the question asks about a thing at a level (市级绿色工厂) or a grade (3A级物流
        企业) the corpus names it only at others (国家级、省级绿色工厂; 5A级、4A级物流企业): a
        sibling of what the plan supports."""
        asked = [(_LEVEL_OF[m.group(1)], m.group(2), _LEVEL_WORD) for m in _LEVELED.finditer(det.text)]
        asked += [(_grade(m.group(1), m.group(2)), m.group(3), _GRADE) for m in _GRADED.finditer(det.text)]
        for level, rest, words in asked:
            thing = self._held_start(rest, 3)  # 绿色工厂, not 工业
            if thing is None:  # 家政领跑企业 of a corpus writing 家政服务领跑企业: its longest piece it holds
                thing = next((rest[k:k + n] for n in range(len(rest) - 1, 3, -1) for k in range(len(rest) - n + 1)
                              if rest[k:k + n] in self.vocab.text), None)
            if thing is None:
                continue
            # (市级具身智能重点实验室: 具身智能 is named at no level, its head 重点实验室 at 省级)
            head = next((rest[-n:] for n in range(len(rest) - 1, 2, -1) if rest[-n:] in self.vocab.text), None)
            for named in dict.fromkeys(x for x in (thing, head) if x):
                seen = {_LEVEL_OF[x] if words is _LEVEL_WORD else _grade(*x) for w in self.vocab.text.before(named, 12)
                        for x in words.findall(re.split(r"[。；;！？]", w)[-1])}
                if seen:
                    if level not in seen:
                        return True
                    break
            else:
                # (市级冰雪赛事: the sentences on 冰雪赛事 name its head at levels, 国家级赛事、省级赛事)
                if words is _LEVEL_WORD and len(thing) >= 3:
                    seen = {_LEVEL_OF[x] for s in self.vocab.text.sentences(thing)
                            for x in re.findall(rf"({_LEVEL_WORD.pattern}){re.escape(thing[-2:])}", s)}
                    if seen and level not in seen:
                        return True
        return False

    def _held_start(self, rest: str, shortest: int) -> str | None:
        """The longest start of ``rest``, ``shortest`` characters or more, that the corpus holds (绿色工厂 of
        绿色工厂能奖多少, not 工业)."""
        return next((rest[:n] for n in range(len(rest), shortest - 1, -1) if rest[:n] in self.vocab.text), None)

    def _deferred_level(self, det: Detection) -> bool:
        """True when an amount is asked of a thing at a level (省级示范基地能奖多少) that the corpus
        names at that level only in sentences leaving its support to other rules (获评省级示范基地
        的，按照省有关规定执行; 获评市级以上示范蜂场的，按上级规定执行): no amount is written for it."""
        if Kind.AMOUNT not in det.kinds:
            return False
        for m in _LEVELED.finditer(det.text):
            level, rest = m.group(1), m.group(2)
            thing = self._held_start(rest, 2)
            said = [s for s in self.vocab.text.sentences(thing) if level in s] if thing else []
            if said and all(_DEFERS.search(s) and not re.search(r"\d", s) for s in said):
                return True
        return False

    def _said_on_subject(self, det: Detection, shares: dict[str, float], hits: Sequence[Hit],
                         asked: re.Pattern[str], pieces: str = "[。；]") -> list[str]:
        """The sentences of ``hits`` (split at ``pieces``) holding one of the question's two most
        specific corpus words other than those of what ``asked`` matches (a rung, a year): what the
        clauses say on its subject."""
        subject = sorted((t for t in det.topic if 0 < shares.get(t, 0.0) <= self.refusal.max_share and not asked.search(t)),
                         key=lambda t: det.weights.get(t, 0.0), reverse=True)[:2]
        words = [w for t in subject for w in t.split("|")]
        return [s for h in hits for s in re.split(pieces, folded(h.clause.text)) if any(w in s for w in words)]

    def _other_rung(self, det: Detection, shares: dict[str, float], hits: list[Hit]) -> bool:
        """True when the question names a rung of a ``_LADDERS`` ladder (博士后, 中级工, 省内), or of one the
        corpus lists itself (``_listed_ladders``: 县道、乡道、村道), and the retrieved sentences on its subject
        name other rungs of it but never this one."""
        # (a sentence lists its rungs across ；: 考核优秀的，…；考核良好的，… is one on its subject; a listed
        # ladder stands within one piece, and the next piece, 提质改造按县道…村道…；日常养护按县道…, is another's)
        if any((rung := _rung_asked(ladder, det.text)) is not None
               and _only_other_rungs(ladder, rung, self._said_on_subject(det, shares, hits, ladder, "。"))
               for ladder in _LADDERS):
            return True
        # (of a listed ladder, only what states the kind of fact asked: 村道每20公里配备1名养护人员 pays nothing)
        return bool(det.kinds) and any(
            (rung := _rung_asked(ladder, det.text)) is not None
            and _only_other_rungs(ladder, rung, [s for s in self._said_on_subject(det, shares, hits, ladder, "[。；]")
                                                 if any(states(k, s) for k in det.kinds)])
            for ladder in self._listed_ladders())

    @lru_cache(maxsize=1)  # noqa: B019 — one Answerer per served index
    def _listed_ladders(self) -> tuple[re.Pattern[str], ...]:
        """Ladders the corpus lists itself: two-character names sharing their last character, or four-character
        ones sharing their last two, that one sentence enumerates (县道、乡道、村道; 按县道每公里40万元、乡道每公里25万元;
        公犬每只150元、母犬每只300元; 门头招牌、悬挑招牌和楼顶招牌) are
        siblings, and a sentence paying some of them pays not the one it leaves out. Read on the first
        question that checks rungs."""
        families: dict[str, set[str]] = {}
        for clause in self.clauses:
            for piece in _LIST_PIECE.split(folded(clause.text)):
                first = piece.find("、")
                if first < 2:
                    continue
                lead = _LIST_LEAD.search(piece[:first])
                items = {m.group(1) for m in _LISTED_HEAD.finditer(piece)} | {piece[first - 2:first]}
                items |= {lead.group(1)} if lead else set()
                by_last: dict[str, set[str]] = {}
                for item in items:
                    if _HAN_PAIR.fullmatch(item):
                        by_last.setdefault(item[1], set()).add(item)
                # (门头招牌、悬挑招牌和楼顶招牌: four-character names sharing their last two are siblings too)
                # (each half a word: 乡道每公 and 到建一条 are cuts across words)
                for item in {m.group(1) or m.group(2) for m in _LISTED_FOUR.finditer(piece)}:
                    if word_freq(item[:2]) and word_freq(item[2:]):
                        by_last.setdefault(item[2:], set()).add(item)
                for last, names in by_last.items():
                    if len(names) >= 2:
                        families.setdefault(last, set()).update(names)
        # (an everyday word, 保护 beside 管护, lists no rung: no family of it)
        kept = [sorted(n for n in names if word_freq(n) <= _COMMON_WORD) for _, names in sorted(families.items())]
        return tuple(re.compile("|".join(names)) for names in kept if len(names) >= 2)

    def _region_item(self, det: Detection) -> bool:
        """A region question naming a place that has its own 专栏 line-item."""
        return det.intent is Intent.REGION and any(p in self.vocab.column_places for p in det.places)

    def _alignment_value(self):
        return self._alignment() if self._alignment is not None else None

    def _compose(self, det: Detection, query: str, hits: list[Hit], cites: Citations) -> str | None:
        c = self.composer
        specific = next((k for k in det.kinds if k in SPECIFIC), None)
        if specific in _FACTS_NO_COMPOSER_HOLDS:
            # 值班电话是多少, 租金多少钱, 多长时间内上报: no structured data states these; the
            # sentences of the retrieved clauses do, or nothing does
            text = c.backbone(det, hits, cites)
            if text and det.intent is Intent.LEAD and det.route and det.route.composer == "lead":
                # …每个联合体能给多少钱？谁来抓？ (a tail too short to be asked apart) asks the lead too
                lead = c.lead(det, hits, cites)
                return f"{text}{lead}" if lead else text
            return text
        if specific and any(states(specific, s) and s not in cites.quoted for h in hits if h.clause.id in det.after
                            for s in sentences(h.clause.text)):
            # …能同时拿吗？一年最多拿多少？: the clause that answered the first ask states it
            return c.backbone(det, hits, cites)
        if det.intent is Intent.ALIGNMENT:
            text = alignment_answer(c, det, query, self._search, self._alignment_value(), cites)
        else:
            composer = getattr(c, det.route.composer, None) if det.route else None
            text = composer(det, hits, cites) if composer else None
            plain = _MARKER.sub("", text or "")
            if (text and det.intent in _STATES_A_FACT and specific and not states(specific, plain)
                    and not (ANY_YI in asked_units(det.text) and "亿" in plain)):  # 多少亿: 1.5亿吨 will do
                # 评上等级民宿给多少补贴 answered with 等级民宿达到300家: the composed fact is not
                # the kind asked; the sentences on the subject state it, or nothing does
                text = None
        return text or c.open(det, hits, cites)
