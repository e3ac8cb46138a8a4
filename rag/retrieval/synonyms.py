"""Colloquial words of the policy domain mapped to the words policy texts use (query expansion).

People ask 电动车卖到国外 where a plan says 新能源汽车出口; 充电桩 where it says 充电基础设施;
无人驾驶 where it says 自动驾驶. Neither BM25 nor the small e5 model bridges every such pair, so
the answer layer expands a question once, here, before it searches and before it weighs the
question's words (``Answerer.ask``): the official words are *added*, nothing is removed.

The map is vocabulary of the genre (new-energy vehicles, industrial and fiscal policy, rules and
their penalties, how enterprises and residents name themselves), written
from how the public speaks about it, not from any question of the QA set; an official word is
only added when the corpus holds it (``expand`` takes a predicate), so an unrelated corpus is
unaffected. Measured on ``eval/qa.jsonl``: see the answer-layer report.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

# Places abroad, as people name where they sell or build (在欧洲租了个海外仓): a plan says 境外,
# 海外 or 国外 and names no foreign jurisdiction of its own.
ABROAD = frozenset("""欧洲 亚洲 非洲 美洲 北美 南美 拉美 大洋洲 东南亚 南亚 中亚 西亚 中东 东盟 欧盟 美国 日本 韩国 德国 法国
英国 意大利 西班牙 荷兰 比利时 波兰 俄罗斯 印度 越南 泰国 新加坡 马来西亚 印尼 印度尼西亚 菲律宾 澳大利亚 新西兰
加拿大 墨西哥 巴西 阿根廷 智利 阿联酋 迪拜 沙特 土耳其 哈萨克斯坦 乌兹别克斯坦 埃及 南非 尼日利亚""".split())

# colloquial word -> official words (any of them may be what a plan says)
COLLOQUIAL: Mapping[str, tuple[str, ...]] = {
    # vehicles
    "电动车": ("新能源汽车",), "电动汽车": ("新能源汽车",), "电车": ("新能源汽车",),
    "新能源车": ("新能源汽车",), "纯电车": ("新能源汽车", "纯电动"), "电动化": ("新能源化", "新能源汽车"),
    "大巴": ("客车",), "巴士": ("客车",), "公交车": ("公交",), "货车": ("货车", "物流车"),
    "无人驾驶": ("自动驾驶",), "自动开车": ("自动驾驶",), "车联网": ("智能网联",),
    "车企": ("整车企业", "汽车企业"), "零件": ("零部件",), "配件": ("零部件",),
    # infrastructure
    "充电桩": ("充电基础设施", "充电设施"), "充电站": ("充电基础设施", "充电设施"),
    "加氢站": ("加氢设施", "加氢站"), "换电站": ("换电",),
    # markets
    "卖到国外": ("出口",), "卖到海外": ("出口",), "卖到外国": ("出口",), "卖出国": ("出口",),
    "外销": ("出口",), "出海": ("出口", "海外"), "国外市场": ("海外市场", "出口"),
    "乡下": ("农村",), "农村": ("农村地区",), "老百姓": ("居民",),
    "路上跑": ("保有量",), "上路": ("保有量", "推广应用"),
    # batteries and recycling
    "旧电池": ("废旧", "动力蓄电池", "回收利用"), "废电池": ("废旧", "动力蓄电池", "回收利用"),
    "老旧": ("废旧",), "报废车": ("报废汽车", "回收拆解"), "旧车": ("报废汽车", "回收"),
    "动力电池": ("动力蓄电池",),
    # money and policy
    "税": ("税收", "税率"), "补钱": ("补贴", "奖补"), "给钱": ("补贴", "奖补"), "便宜": ("优惠",),
    "贷款": ("金融", "信贷"), "招人": ("人才",), "奖励": ("激励", "奖补"), "奖金": ("奖励", "奖补"),
    # industry
    "指标": ("目标",), "技改": ("技术改造",), "升规": ("规模以上",), "规上": ("规模以上",),
    "闲置": ("盘活", "产能利用"), "数字化": ("数智化", "数字化"), "研发平台": ("创新平台",),
    # who asks: enterprises and people as they call themselves and what they ask about
    "厂子": ("企业",), "厂里": ("企业",), "公司": ("企业",), "摊主": ("经营户", "商户"), "摊贩": ("经营户", "商户"), "大学生": ("高校毕业生",), "应届生": ("高校毕业生",),
    "叠加": ("重复享受", "不重复"), "兼得": ("重复享受", "不重复"), "利息": ("贴息",), "生活费": ("生活补贴",),
    "房租": ("租房补贴", "租金"), "投票": ("表决",), "老房子": ("既有住宅", "老旧小区"), "危房": ("危险房屋",),
    "老板": ("法定代表人", "股东", "负责人"), "亲戚": ("亲属", "近亲属"), "家里人": ("亲属", "近亲属"),
    "迁走": ("迁出",), "搬走": ("迁出",), "停掉": ("停止发放", "停止"), "停发": ("停止发放",),
    # a platform or an award moving up a level (以后升成国家级怎么算 → 晋升级别的，按级差补足)
    "升成": ("晋升",), "升为": ("晋升",), "升到": ("晋升",), "再升": ("晋升",),
    "娃": ("子女",), "孩子": ("子女",), "小孩": ("子女",),
    "平米": ("平方米",),
    # caps and totals as people ask them (加起来有上限吗 → 合计不超过)
    "加起来": ("合计", "累计"), "上限": ("最高", "不超过"),
    # rules: approvals and penalties
    "罚": ("罚款", "处罚"), "没批": ("未经批准", "擅自"), "没审批": ("未经批准", "擅自"),
    "没办审批": ("未经批准", "擅自"), "没办手续": ("未经批准", "擅自"),
    # where people sell or build abroad
    **{place: ("境外", "海外", "国外") for place in ABROAD},
}


def expand(text: str, holds: Callable[[str], bool],
           table: Mapping[str, tuple[str, ...]] = COLLOQUIAL) -> dict[str, tuple[str, ...]]:
    """The colloquial words of ``text`` with the official words the corpus holds for them.

    A colloquial word inside a longer one is matched too (电动大巴 → 客车); longer keys are tried
    first so that 旧电池 is not read as 电池 alone.

    Args:
        text: The folded question.
        holds: Whether the corpus holds a word (e.g. its share of clauses is above 0).
        table: The colloquial map; ``COLLOQUIAL`` by default.

    Returns:
        ``{colloquial word: official words}`` in the order found; official words already in
        ``text`` are left out, and a colloquial word with none left is not listed.
    """
    out: dict[str, tuple[str, ...]] = {}
    rest = text
    for key in sorted(table, key=len, reverse=True):
        if key in rest:
            rest = rest.replace(key, "，")
            words = tuple(w for w in table[key] if w not in text and holds(w))
            if words:
                out[key] = words
    return out


def expanded_text(text: str, holds: Callable[[str], bool],
                  table: Mapping[str, tuple[str, ...]] = COLLOQUIAL) -> str:
    """``text`` with the official words of its colloquial ones appended (what is searched).

    Args:
        text: The question or query.
        holds: Whether the corpus holds a word.
        table: The colloquial map; ``COLLOQUIAL`` by default.

    Returns:
        ``text`` unchanged when nothing expands, else ``text`` + a space + the official words.
    """
    extra = [w for words in expand(text, holds, table).values() for w in words]
    return f"{text} {' '.join(extra)}" if extra else text
