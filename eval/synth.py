"""A synthetic policy corpus for the scale sweep (1k, 10k, 100k clauses).

Clauses follow the sentence shapes of real provincial and city plans — a numbered task title
(加快建设充电基础设施), two or three body sentences, a target sentence (力争到2025年…达到2.5万台),
a responsibility note (（牵头单位：…；责任单位：…，下同）), 专栏 line-items (济南：发展…), an
issuing notice and a preamble — with cities, departments, numbers and years drawn from varied
pools. Generation is deterministic for a seed and needs no model or file.

Offsets are consistent: for each document, ``render_raw`` joins its clause texts with blank lines
and ``raw[c.start:c.end] == c.text`` holds for every clause.
"""

from __future__ import annotations

import random

from rag.model import Clause, Document, Target

CITIES = ("济南", "青岛", "淄博", "枣庄", "东营", "烟台", "潍坊", "济宁", "泰安", "威海", "日照", "临沂",
          "德州", "聊城", "滨州", "菏泽", "合肥", "芜湖", "常州", "苏州", "宁波", "柳州", "西安", "郑州",
          "武汉", "长沙", "成都", "重庆", "宁德", "保定", "襄阳", "十堰")
PROVINCES = ("山东", "江苏", "安徽", "浙江", "河南", "湖北", "湖南", "四川", "陕西", "广西", "福建", "河北")
# (province name, city name) of one department; 厅 at province level, 局 at city level.
DEPARTMENTS = (("发展改革委", "发展改革委"), ("工业和信息化厅", "工业和信息化局"), ("科技厅", "科技局"),
               ("财政厅", "财政局"), ("商务厅", "商务局"), ("交通运输厅", "交通运输局"),
               ("住房城乡建设厅", "住房城乡建设局"), ("农业农村厅", "农业农村局"), ("能源局", "城管局"),
               ("市场监管局", "市场监管局"), ("公安厅", "公安局"), ("自然资源厅", "自然资源和规划局"),
               ("人力资源社会保障厅", "人力资源社会保障局"), ("教育厅", "教育体育局"), ("税务局", "税务局"),
               ("大数据局", "大数据局"), ("机关事务局", "机关事务局"), ("生态环境厅", "生态环境局"))
VERBS = ("加快", "推动", "提升", "实施", "完善", "培育", "打造", "强化", "扩大", "促进", "优化", "着力发展")
TOPICS = ("充电基础设施建设", "加氢设施建设", "动力电池回收拆解", "新能源汽车下乡", "智能网联汽车测试",
          "零部件配套能力", "新能源汽车出口规模", "汽车品牌建设", "产业数字化转型", "核心技术攻关",
          "研发创新平台", "新能源商用车领先优势", "乘用车规模", "公共领域车辆电动化", "产业链零碳发展",
          "换电模式推广", "氢燃料电池汽车示范", "车网互动应用", "汽车金融服务", "人才引育")
PRODUCTS = ("动力电池", "电驱动系统", "轮毂电机", "氢燃料电池电堆", "车规级芯片", "轻量化车身", "高端轴承",
            "制动盘", "汽车线束", "正负极材料", "电解液", "隔膜", "换电重卡", "纯电动客车", "智能座舱",
            "充电设备", "储氢瓶", "IGBT模块", "新能源环卫车", "皮卡", "物流车", "铝合金轮毂", "热管理系统")
PLACES = ("高速公路服务区", "乡镇", "农村地区", "大型物流园区", "港口", "交通场站", "居民小区", "工业园区")
# (indicator, unit, low, high, decimals) for target sentences.
INDICATORS = (("新能源汽车产量", "万辆", 5, 120, 0), ("充电基础设施", "万台", 0.5, 20, 1),
              ("产业规模", "亿元", 50, 5000, 0), ("本地配套率", "%", 10, 60, 0), ("绿色工厂", "家", 3, 30, 0),
              ("市级以上创新平台", "个", 2, 20, 0), ("新能源客车出口数量", "辆", 300, 5000, 0),
              ("新能源汽车渗透率", "%", 20, 60, 0), ("专精特新企业", "家", 5, 500, 0), ("加氢站", "座", 2, 50, 0))
BODY = ("推动{topic}向{place}有序延伸，完善{product}配套体系。",
        "支持{city}、{city2}等市发展{product}，培育一批优质企业。",
        "鼓励企业加大{product}研发投入，加强产业化实施，提升{topic}水平。",
        "统筹交通、电力设施等情况，在{place}规划建设一批{product}项目。",
        "建立{topic}重点项目库，动态跟踪建设进度，及时协调解决困难问题。",
        "研究出台{topic}支持政策，对符合条件的企业按照不超过{pct}%的比例给予支持，单户企业最高支持{money}万元。",
        "引导{product}企业与整车企业建立紧密合作关系，每年推动{n}家以上企业开展配套对接。",
        "积极争创国家级{topic}试点示范，打造{city}{product}产业集聚区。")
CHINESE = "一二三四五六七八九十"


def _cn(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (up to 99)."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else CHINESE[tens - 1]) + "十" if tens else "") + (CHINESE[ones - 1] if ones else "")


def _duties(rng: random.Random, prefix: str, level: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Distinct 牵头单位 (1–3) and 责任单位 (0–3) names."""
    n_lead = rng.randint(1, 3)
    names = [prefix + d[level] for d in rng.sample(DEPARTMENTS, n_lead + rng.randint(0, 3))]
    return tuple(names[:n_lead]), tuple(names[n_lead:])


def _target(rng: random.Random) -> tuple[str, Target]:
    name, unit, low, high, dec = rng.choice(INDICATORS)
    value = round(rng.uniform(low, high), dec)
    year = rng.choice((2025, 2026, 2027, 2030))
    shown = f"{value:.{dec}f}" if dec else str(int(value))
    raw = f"{shown}{unit}"
    sentence = f"力争到{year}年，{name}达到{raw}{'左右' if rng.random() < 0.5 else ''}。"
    return sentence, Target(value=float(value), unit=unit, year=year, text=sentence, raw=raw)


class _DocBuilder:
    """Accumulates one document's clauses with consistent offsets."""

    def __init__(self, doc: Document):
        self.doc, self.clauses, self.pos = doc, [], 0

    def add(self, labels: str, path: tuple[str, ...], title: str, text: str, kind: str, **fields) -> None:
        self.clauses.append(Clause(id=f"{self.doc.id}:{labels}", doc_id=self.doc.id, path=path, title=title,
                                   text=text, source_path=self.doc.source_path, start=self.pos,
                                   end=self.pos + len(text), kind=kind, **fields))
        self.pos += len(text) + 2  # the blank line render_raw puts between clauses


def _document(rng: random.Random, n: int) -> Document:
    city_level = rng.random() < 0.75
    year = rng.choice((2022, 2023, 2024, 2025))
    region = (rng.choice(CITIES) + "市") if city_level else (rng.choice(PROVINCES) + "省")
    abbr = region[0]
    doc_id = f"synth-{n:05d}-{year}"
    return Document(id=doc_id, title=f"{region}新能源汽车产业高质量发展实施方案（合成{n}）",
                    number=f"{abbr}政字〔{year}〕{rng.randint(1, 300)}号", issuer=f"{region}人民政府",
                    date=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    level="city" if city_level else "province", region=region,
                    source_path=f"synth/{doc_id}.txt", short_name=f"{region}实施方案")


def _fill_document(rng: random.Random, doc: Document, budget: int) -> list[Clause]:
    """Up to ``budget`` clauses for ``doc``: notice, preamble, then numbered sections."""
    b = _DocBuilder(doc)
    prefix, level = ("市", 1) if doc.level == "city" else ("省", 0)
    b.add("通知", (), "", f"{doc.issuer}关于印发{doc.title}的通知。{doc.number}。现印发给你们，请认真贯彻执行。",
          "notice")
    b.add("前言", (), "", f"为推动{doc.region}新能源汽车产业高质量发展，结合实际，制定本方案。", "preamble")
    section = 0
    while len(b.clauses) < budget:
        section += 1
        head = f"{_cn(section)}、{rng.choice(VERBS)}{rng.choice(TOPICS)}"
        inherited: tuple[str, ...] = ()
        for sub in range(1, rng.randint(2, 5) + 1):
            sub_head = f"（{_cn(sub)}）实施{rng.choice(TOPICS)}行动"
            for item in range(1, rng.randint(2, 4) + 1):
                if len(b.clauses) >= budget:
                    return b.clauses
                topic = rng.choice(TOPICS)
                title = f"{item}.{rng.choice(VERBS)}{topic}"
                body = [shape.format(topic=topic, place=rng.choice(PLACES), product=rng.choice(PRODUCTS),
                                                city=rng.choice(CITIES), city2=rng.choice(CITIES),
                                                pct=rng.choice((5, 10, 15, 20)), money=rng.choice((100, 200, 500)),
                                                n=rng.randint(5, 50)) for shape in rng.sample(BODY, rng.randint(2, 4))]
                targets: tuple[Target, ...] = ()
                if rng.random() < 0.4:
                    sentence, target = _target(rng)
                    body.append(sentence)
                    targets = (target,)
                lead = support = ()
                if rng.random() < 0.85:
                    lead, support = _duties(rng, prefix, level)
                    note = f"（牵头单位：{'、'.join(lead)}"
                    note += f"；责任单位：{'、'.join(support)}" if support else ""
                    if rng.random() < 0.1:
                        note += "，各相关市政府，下同"
                        inherited = ("各相关市政府",)
                    body.append(note + "）")
                b.add(f"{_cn(section)}/{_cn(sub)}/{item}", (head, sub_head), title, title + "。" + "".join(body),
                      "item", lead=lead, support=support,
                      support_inherited=tuple(x for x in inherited if x not in support), targets=targets)
            if rng.random() < 0.08 and len(b.clauses) < budget:
                column = f"专栏{section}"
                for city in rng.sample(CITIES, min(rng.randint(3, 8), budget - len(b.clauses))):
                    products = "、".join(rng.sample(PRODUCTS, rng.randint(2, 5)))
                    b.add(f"{_cn(section)}/{_cn(sub)}/{column}/{city}", (head, sub_head, f"{column} 区域发展重点"),
                          city, f"{city}：发展{products}等产品。", "column")
    return b.clauses


def synth_corpus(n_clauses: int, seed: int = 0) -> tuple[list[Document], list[Clause]]:
    """Generate exactly ``n_clauses`` clauses spread over documents of 30–150 clauses each.

    Args:
        n_clauses: How many clauses to produce (at least 1).
        seed: Random seed; the same seed always gives the same corpus.

    Returns:
        ``(documents, clauses)``, clauses in document order with unique ids.

    Raises:
        ValueError: ``n_clauses`` < 1.
    """
    if n_clauses < 1:
        raise ValueError(f"n_clauses must be at least 1, got {n_clauses}")
    rng = random.Random(seed)
    documents: list[Document] = []
    clauses: list[Clause] = []
    while len(clauses) < n_clauses:
        doc = _document(rng, len(documents) + 1)
        documents.append(doc)
        budget = min(rng.randint(30, 150), n_clauses - len(clauses))
        clauses.extend(_fill_document(rng, doc, max(budget, 1)))
    return documents, clauses[:n_clauses]


def render_raw(clauses: list[Clause]) -> str:
    """The raw text of one document's clauses (blank-line separated), matching their offsets."""
    return "\n\n".join(c.text for c in clauses)
