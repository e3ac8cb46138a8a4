"""The intent registry: every kind of question declared once — its cue, its place in the order,
how it retrieves and which composer answers it.

A question is routed to the first route (in ``ROUTES`` order) whose condition holds; adding an
intent touches this table only. Whatever the route, the answer is built from the clauses retrieved
for the question: the route's composer (``rag.answer.compose``) reads their structured data
(牵头 / 责任 notes, targets, 专栏 line-items, the department index of their documents) and, when it
finds nothing, the extractive backbone (``rag.answer.extract``) quotes the sentence that states
what was asked.

Cue words are words of the genre — how enterprises, citizens and officials ask about policy
documents — never words of one question. The genre vocabulary, by what it asks about:

* the document itself: 文号 发文字号 发文机关 哪个机关 印发 发布 出台 哪个文件 依据 根据 为什么 目的 背景 标题 全称
  印发给 主送 讲什么 主要内容 部署了哪些 施行 生效 施行日期 生效日期 有效期 管几年 管多久;
* responsibility: 牵头 挑头 领头 负责 主管 由谁 谁来 谁管 归谁 哪个部门 哪个单位 哪些单位 哪个局 哪个厅 责任 责任单位 配合 参与 协同 协助 协办 除了
  还有哪些 角色 一起 共同 职责 任务 工作 哪几项 哪项 哪一项;
* numbers: 多少 几个 目标 达到 比例 百分之 占比 渗透率;
* support for enterprises: 补贴 补助 优惠 奖励 奖补 扶持 支持 补偿 津贴 税 减免 激励 贴息 资金 金融 融资 基金 贷款 电价 便宜;
* places: 发展什么 发展哪些 重点 定位 布局 方向 主攻 特色 优势 产业 干什么 做什么 适合;
* carrying out a higher level's plan: 落实 贯彻 对应 执行 衔接 承接 响应 对接 跟进 呼应 配套措施;
* levels: 省里 省级 全省 我省 省政府 省委 省上 省一级 省方案 省文件 省行动计划 市级 市里 全市 我市 市一级 市本级
  县级 县里 全县;
* facts plans do not hold: 联系人 联系电话 姓名 哪位 分管领导 申请材料 申请流程 办理流程 办理手续 怎么申请 如何申请;
* the kind of fact asked (``rag.answer.kinds``): 几次 几回 多少次 频次 频率 几月 几号 截止 年底前 分几年 多少万 多少元 奖多少 什么标准 覆盖率 比重
  比率 什么制度 什么平台 什么办法 要不要办 申请表 到哪办 哪个窗口 哪个APP 哪个小程序 哪个公众号 能不能申请 什么方向 哪个方向 哪些方向 找谁
  收多少 服务费 管什么 是不是 什么时间 多少年 补助多少 资助多少 多少补偿 额度 几成 规模多大 什么原则 怎么申报 流程 程序 多少资金
  手续 怎么领 什么表 哪个网站 两边 怎么给 分几期 号码 网址 罚款标准 怎么罚 会被罚 罚款 多少费用 符合什么 什么样的 分几次
  邮箱 金额 (an amount) 可以申请吗 (whether one may apply) 之前要 (a deadline) 返多少 (a rebate) 够格 (qualifies) 罚款多少 几块钱 多少块钱 哪个办公室 几楼 哪栋楼 (where an office sits), and the patterns 多长时间…一次 (how often),
  发布日期/时间, 平台/系统/网站叫什么, 哪个/什么地址, 一次（性）给/发/拨…吗, X费标准/是多少, 准备/提交/交/带
  哪些/什么东西 (the materials, as people ask for them), X给不给 / 有没有钱 / 能不能补 (whether one is paid, as
  people ask it, beside 补不补), and 这个政策能用/走吗 / 有份吗 / 也在政策里 / 覆盖…吗 / 有没有说法 / 有优惠没 /
  沾上光 / 兜不兜底 / 享受得了吗 / 认不认 / 是不是只有…才 / 像我们这种…行吗 / 一并享受 / 有没有照顾 (whether a
  policy reaches the asker's own case), 能不能参加…申报/评选 (whether the asker may take part);
* and these patterns: 为什么要出台/制定/印发, 根据什么/哪, 谁发的, 哪个规划/政策文件/通知, 人才…政策, 负责什么,
  一起/同时/重复 拿/领 (whether two supports add up, as enterprises say it), 规模…多大 (a size: an amount
  such as 1200亿元 as well as a count).

``GENRE`` lists these words; ``tests/test_registry.py`` checks that every cue alternative either
occurs in more than one question of the evaluation sets (every set of ``eval/sets.py``) or is one of
them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class Intent(StrEnum):
    """Kinds of question the answer layer distinguishes."""

    LEAD = "lead"  # 哪个部门牵头…
    SUPPORT = "support"  # 责任单位 / 参与 / 配合
    TARGET = "target"  # 多少 / 目标 / 达到
    POLICY = "policy"  # 补贴 / 优惠 / 奖励 / 扶持
    REGION = "region"  # 某地发展什么 / 定位
    DOC_FACT = "doc_fact"  # 文号 / 印发日期 / 依据哪个文件 / 讲什么
    DEPT_LOOKUP = "dept_lookup"  # 某部门牵头或参与哪些任务
    ALIGNMENT = "alignment"  # 某市如何落实省里的要求
    OPEN = "open"


# ------------------------------------------------------------------ cues (the genre's words)
# how long a document is in force: one pattern for the document-fact cue and the in_force cue
_IN_FORCE = r"有效期|管几年|管多久|管到(?:什么时候|哪一?年|哪天)|(?:活动|政策|措施|办法|细则)[^，。？]{0,4}(?:什么时候|何时|哪天)结束"
_NOT_WHO_MAY_APPLY = r"(?![^，。？]{0,8}(?:能|可以|可)(?:享受|申请|申报|领))"
CUES: dict[str, re.Pattern[str]] = {
    "doc_fact": re.compile(
        r"为什么要?(?:出台|制定|印发)|目的是什么|出台背景|文号|发文字号|印发|发布(?:日期|时间|的?时间)|发文机关|哪个文件|哪份文件|"
        r"什么文件|依据|根据(?:什么|哪)|什么时候(?:出台|发布|印发|发的)|哪[一]?[天年](?:出台|发布|印发)|哪个机关|什么机关|谁发的|"
        r"印发给|发给|主送|哪[个份部项](?:规划|政策文件|通知)|标题|全称|(?:文件|办法|方案|通知|意见|措施|计划)(?:主要)?(?:讲|说)(?:的是)?(?:了)?什么|"
        r"主要内容|(?:讲|说|部署|规定)了(?:哪些|什么)|(?:哪天|哪一天|什么时候|何时)(?:起|开始)?(?:施行|执行|生效|实施)|施行日期|生效日期|"
        rf"{_IN_FORCE}|第几号|(?:哪个|什么|哪家)(?:部门|单位|机关|机构)(?:发布|印发|制定|出台|发)的"),
    # (哪些单位和个人能享受 asks who is eligible, not who leads)
    "lead": re.compile(rf"(?<!各)牵头|挑头|领头|谁负责|由谁|谁来|谁管|归谁|哪个部门|哪些部门|哪几个部门|哪个局|哪个厅|哪家单位{_NOT_WHO_MAY_APPLY}|"
                       rf"哪个单位{_NOT_WHO_MAY_APPLY}|哪些单位{_NOT_WHO_MAY_APPLY}|负责部门|主管|负责单位"),
    # (责任险, 责任保险: an insurance the asker bought, not a 责任单位)
    "support": re.compile(r"责任(?!险|保险)|参与|配合|协同单位|协助|协办|除了|还有哪些|角色|一起|共同"),
    "target": re.compile(r"多少|目标|达到|(?<!哪)几[个家台辆万千百座项场成年]|比例|百分之|渗透率|占比"),
    "policy": re.compile(r"补贴|补助|优惠|奖励|奖补|扶持|支持|补偿|津贴|税|减免|激励|贴息|资金|金融|融资|基金|便宜|电价|贷款|人才.{0,4}政策"),
    "region": re.compile(r"发展什么|发展哪些|重点|定位|布局|方向|主攻|特色|优势|产业|干什么|做什么|适合"),
    "dept_tasks": re.compile(r"哪些|什么任务|负责什么|干什么|做什么|管什么|职责|任务|工作|牵头|参与|负责|哪几[项样件]|什么事"),
    # a plural ask about a department's tasks: 市商务局牵头哪些物流任务, 县财政局要配合干哪几样 (not 还有哪些部门配合)
    "lookup": re.compile(r"哪些(?!部门|单位|厅|局|委|机构|责任|配合|协办|参与)|哪几[项样件]|几项|多少项|哪一?项|什么任务|什么事|什么工作|哪些工作"),
    "align": re.compile(r"落实|贯彻|对应|执行|衔接|承接|响应|对接|跟进|呼应|配套措施"),
    "province": re.compile(r"省里|省级|全省|我省|省政府|省委|省上|省一级|省行动计划|省方案|省文件"),
    "city": re.compile(r"市级|市里|全市|我市|市一级|市本级"),
    "county": re.compile(r"县级|县里|全县"),
    # a person or a procedure: a kind of answer plans do not hold unless the corpus uses the words
    # (materials, steps, where to apply and telephone numbers are kinds of fact, checked against the
    # clauses' sentences by ``rag.answer.kinds``, not phrases the corpus must spell out: 联系电话 is
    # answered by 电话：6752 3108)
    "person": re.compile(r"哪位|姓名|联系人|分管领导|申请材料|申请流程|办理流程|办理手续|怎么申请|"
                         r"如何申请"),
    "role": re.compile(r"角色|身份|是牵头|还是|是否|作用|有没有|要不要|是不是"),  # 市财政局在…中是牵头还是配合
    "purpose": re.compile(r"为什么|目的|出台背景|为何"),
    "basis": re.compile(r"依据|根据|哪[个份部项](?:文件|规划|政策|通知)|什么文件|落实"),
    "recipients": re.compile(r"印发给|发给|主送"),
    "subject": re.compile(r"(?:讲|说)(?:的是)?(?:了)?什么|主要内容|是关于什么|关于什么的|(?:讲|说|部署|规定)了(?:哪些|什么)"),
    # when the document takes effect and how long it lasts (本办法自…起施行，有效期…)
    "in_force": re.compile(r"(?:哪天|哪一天|几号|什么时候|何时)(?:起|开始)?(?:施行|执行|生效|实施)|施行日期|生效日期|"
                           rf"{_IN_FORCE}"),
}
GENRE: frozenset[str] = frozenset(
    """
    文号 发文字号 发文机关 哪个机关 印发 发布 出台 哪个文件 依据 根据 为什么 目的 背景 标题 全称 印发给 主送 讲什么 主要内容
    施行日期 生效日期 有效期 管几年 管多久 第几号 哪个部门发布的
    牵头 挑头 领头 负责 主管 由谁 谁来 谁管 归谁 哪个部门 哪个单位 哪些单位 哪个局 哪个厅 责任 责任单位 配合 参与 协同 协助 协办 除了 还有哪些 角色 一起 共同 职责
    任务 工作 哪几项 哪项 哪一项 几项 多少项 什么任务 什么事 什么工作 多少 几个 目标 达到 比例 百分之 占比 渗透率 补贴 补助 优惠 奖励 奖补 扶持 支持 补偿 津贴 税 减免 激励 贴息 资金
    金融 融资 基金 贷款 电价 便宜 发展什么 发展哪些 重点 定位 布局 方向 主攻 特色 优势 产业 干什么 做什么 适合 落实 贯彻
    对应 执行 衔接 承接 响应 对接 跟进 呼应 配套措施 省里 省级 全省 我省 省政府 省委 省上 省一级 省方案 省文件 省行动计划
    市级 市里 全市 我市 市一级 市本级 县级 县里 全县 联系人 联系电话 姓名 哪位 分管领导 申请材料 申请流程 办理流程 办理手续
    怎么申请 如何申请 几次 几回 多少次 频次 频率 几月 截止 年底前 分几年 多少万 多少元 奖多少 什么标准 覆盖率 比重 比率 什么制度 什么平台 什么办法
    要不要办 申请表 哪个窗口 哪个APP 哪个小程序 什么小程序 哪个公众号 什么公众号 能不能申请 什么方向 哪个方向 哪些方向 找谁 收多少 服务费 谁发的 负责什么 几号
    管什么 是不是 什么时间 多少年 补助多少 资助多少 多少补偿 额度 几成 规模多大 什么原则 怎么申报 流程 程序 手续 怎么领 什么表
    符合什么 什么样的 分几次 邮箱 多少资金
    哪个网站 两边 怎么给 分几期 号码 网址 罚款标准 怎么罚 会被罚 罚款 多少费用
    地址是 价格 电子邮件 电子信箱 e-?mail
    时限 地址在哪 能补多久 额外 再加 再多
    什么文件 资质 哪个办公室 几楼 哪栋楼 返多少 够格 几块钱 多少块钱 办公地点 多少钱一 能不能拿 处罚 补不补 金额 可以申请吗 之前要
    """.split()
) | {r"为什么要?(?:出台|制定|印发)", r"(?:钱|费用?)[^，。？]{0,4}管不管", r"根据(?:什么|哪)", r"哪[个份部项](?:规划|政策文件|通知)", r"人才.{0,4}政策",
     r"到哪(?:里|儿)?办", r"(?:讲|说|部署|规定)了(?:哪些|什么)",
     r"(?:哪天|哪一天|几号|什么时候|何时)(?:起|开始)?(?:施行|执行|生效|实施)",
     r"(?:哪个|什么|哪家)(?:部门|单位|机关|机构)(?:发布|印发|制定|出台|发)的", r"(?:一起|同时|一块|重复)(?:拿|领|报)",
     r"规模[^，。？]{0,4}多大", r"发布(?:日期|时间|的?时间)", r"(?:平台|系统|网站)叫什么", r"(?:哪个|什么)地址",
     r"一次性?(?:给|发|拨)[^，。？]{0,4}(?:吗|么|到位)", r"[\u4e00-\u9fff]费(?:标准|是多少|多少)",
     r"联系人(?:是谁|叫什么|姓什么|是哪位)", r"(?:叫|姓)什么名字", r"另外[^，。？]{0,4}(?:奖|补)",
     r"多少(?:专项)?(?:资金|经费|预算)", r"(?:活动|政策|措施|办法|细则)[^，。？]{0,4}(?:什么时候|何时|哪天)结束",
     r"多长时间.{0,3}一次", "罚款多少", r"(?:准备|提交|交|带)(?:哪些|什么)东西",
     # (whether one is paid, asked as people say it, beside 补不补 and 有没有…补贴)
     r"(?:补贴|补助|奖励|奖补|奖金|资助|贴息|钱)[^，。？]{0,3}给不给", "有没有钱", r"能不能[补奖贴](?![^，。？]{0,3}多少)",
     # (whether a policy reaches the asker's case, as people ask it)
     r"政策[^，。？]{0,4}(?:能|可以)(?:用|走|享受)吗", r"有(?:没有)?份(?:吗|没有|儿)?(?=[，。？,.?!！]|$)",
     r"(?:也|都)?在(?:这个|这项)?政策(?:里|内|范围)", r"覆盖[^，。？]{0,10}吗", "有没有说法",
     r"有(?:补贴|补助|奖励|奖补|奖金|资助|贴息|优惠|扶持|补偿|津贴)没", r"沾(?:上|得上)?光", "兜不兜底", r"享受得(?:了|到|上)吗",
     "认不认", r"是不是只有[^，。？]{0,12}才", r"像我们这(?:种|样|类)[^，。？]{0,8}(?:行|能|可以)(?:吗|不)", "一并享受", "有没有照顾",
     # (whether the asker may take part at all)
     r"(?:能不能|能否|可不可以|可以|能)参加[^，。？]{0,6}(?:申报|评选|评审|认定)"}


@dataclass(frozen=True)
class Question:
    """What routing looks at: the question without department names, and what it names."""

    rest: str
    departments: bool = False
    task_words: bool = False  # words naming a task of the corpus, beside a department
    cross_level: bool = False  # two levels named (省里 … 聊城)
    column_places: bool = False  # a place that has a 专栏 line-item
    regions: bool = False  # a document's own region
    words: tuple[tuple[int, int], ...] = ()  # spans of the question's longer corpus words (责任保险)
    reaching: bool = False  # asks how to reach a department (its address, telephone, contact person)
    claims: bool = False  # asks whether a support is paid (修车的钱可以找林业局报吗: where one claims, not its tasks)

    def says(self, cue: str) -> bool:
        """Whether the question holds a cue word of ``CUES[cue]`` of its own, not as part of a
        longer word of the corpus (责任 in 责任保险 asks for no 责任单位)."""
        return any(not any(a <= m.start() and m.end() <= b and b - a > m.end() - m.start() for a, b in self.words)
                   for m in CUES[cue].finditer(self.rest))


@dataclass(frozen=True)
class Route:
    """One intent: when it applies, how it retrieves, which composer answers it.

    Attributes:
        intent: The intent.
        when: The condition on the question, tried in ``ROUTES`` order.
        retrieval: ``search`` (hybrid search of the question), ``place`` (that search, and one
            across every level too: a city's 专栏 line-item may stand in the province plan),
            ``department`` (the named
            departments' tasks in the documents the search finds), ``alignment`` (each level
            searched on its own) or ``document`` (the named or best-matching document).
        composer: The ``Composer`` method that reads the clauses' structured data; the
            extractive backbone answers when it finds nothing.
    """

    intent: Intent
    when: Callable[[Question], bool]
    retrieval: str
    composer: str


ROUTES: tuple[Route, ...] = (
    Route(Intent.DOC_FACT, lambda q: q.says("doc_fact") and not q.departments and not q.cross_level, "document", "doc_fact"),
    Route(Intent.DEPT_LOOKUP, lambda q: q.departments and q.says("dept_tasks") and (q.says("lookup") or not q.task_words),
          "department", "dept_lookup"),
    Route(Intent.ALIGNMENT, lambda q: q.cross_level and q.says("align"), "alignment", "alignment"),
    Route(Intent.SUPPORT, lambda q: q.says("support") or (q.departments and q.task_words and not q.claims), "search", "support"),
    Route(Intent.LEAD, lambda q: q.says("lead"), "search", "lead"),
    Route(Intent.TARGET, lambda q: q.says("target"), "search", "target"),
    Route(Intent.REGION, lambda q: q.column_places and q.says("region"), "place", "region"),
    Route(Intent.ALIGNMENT, lambda q: q.cross_level, "alignment", "alignment"),
    Route(Intent.POLICY, lambda q: q.says("policy"), "search", "policy"),
    Route(Intent.REGION, lambda q: q.column_places and not q.regions, "place", "region"),
    # (人才服务中心办公地址在哪 asks where the centre sits, not which tasks it has)
    Route(Intent.DEPT_LOOKUP, lambda q: q.departments and not q.reaching and not q.claims, "department", "dept_lookup"),
    Route(Intent.OPEN, lambda q: True, "search", "open"),
)


def route(question: Question) -> Route:
    """The first route of ``ROUTES`` whose condition ``question`` meets."""
    return next(r for r in ROUTES if r.when(question))
