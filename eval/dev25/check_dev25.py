#!/usr/bin/env python3
"""Checks eval/dev25/qa.jsonl against eval/dev25/docs/ with the checks every set gets
(``eval/check_set.py``), plus dev25's own layout (97 items, x001–x053 answerable with 9, 9, 9, 10, 8, 8
per document and 1–3 quotes each, x054–x097 unanswerable with 8, 7, 7, 8, 7, 7 per document, each
unanswerable form a–g named at the start of its note, form (a) used at least 20 times, (b) at least 5, (c)
and (d) at least 3 and (e), (f), (g) at least twice, at least 45 answerable items marked ``[paraphrase]``,
exactly 6 marked ``[followup]`` each starting with 那 and naming a word that only one document uses, the (a)
items' subject terms and the (g) items' places absent from all six documents, every quote occurring exactly
once in its document, every document 1,500–5,000 汉字, the genre features each document must show, the 问答
in traditional script, and the checksums in ``FROZEN.sha256``).

Unanswerable forms (the brief's letters, as dev24's): a whether a support, subsidy, reward or preferential
policy exists (or how much it is) for a subject NEAR what a document covers but covered by no document (a
neighbouring kind of organisation, crop, animal, property, school, benefit or person), b an amount never
stated for a thing the document names, c a procedure, time limit or consequence never given, d a contact,
address or window not given, e a year or period not covered, f a department not in the document, g another
place's policy.

Two documents are not plain text, so the shared ``check`` runs on a copy of the set under a temporary
folder in which the .docx is replaced by its text as python-docx reads it (paragraphs, then every table
cell, one per line) and the .pdf by its text as pypdf reads it (pages joined by a newline), each under the
same file stem. The .docx text is read with the standard library from ``word/document.xml`` the way
python-docx reads it; when python-docx is importable, both readers are run and must agree. The .pdf needs
pypdf; when pypdfium2 is importable as well, its text must hold the same non-empty lines (leading and
trailing blanks stripped). Each .docx quote must lie inside one paragraph or one table cell, each .pdf
quote inside one line of the extracted text (of both readers), each quote of the HTML page inside its
visible text exactly once. ``report.md`` (written beside the set by the evaluation, changing with the code)
is ignored and may not be listed in ``FROZEN.sha256``. Run from anywhere:
``/work/main/.venv/bin/python eval/dev25/check_dev25.py``."""

import hashlib
import html
import json
import re
import shutil
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

try:
    import docx
except ImportError:  # fall back to the stdlib reader
    docx = None
try:
    import pypdf
except ImportError:
    pypdf = None
try:
    import pypdfium2
except ImportError:
    pypdfium2 = None

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from eval.check_set import check  # noqa: E402

A = "gaoyang-wildlife-damage-compensation-rules-2025"
B = "weizhou-building-economy-action-plan-2025-2027"
C = "yanzhou-hr-service-industry-fund-notice-2025"
D = "jingchuan-blood-donation-qa-2025-trad"
E = "zunzhou-work-safety-upgrade-subsidy-2025"
F = "guangyang-student-aid-measures-2025"
ORDER = [A, B, C, D, E, F]
SUFFIX = {A: ".txt", B: ".md", C: ".html", D: ".txt", E: ".docx", F: ".pdf"}
ANSWERABLE = {A: 9, B: 9, C: 9, D: 10, E: 8, F: 8}
UNANSWERABLE = {A: 8, B: 7, C: 7, D: 8, E: 7, F: 7}
N_ANS = sum(ANSWERABLE.values())
N_ALL = N_ANS + sum(UNANSWERABLE.values())
PREFIX = "x"
MIN_PARAPHRASE = 45
HAN_RANGE = (1500, 5000)

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there).
# Terms of the traditional document are given in both scripts where they differ.
ABSENT = {
    "x054": (A, ["果园", "桃树", "果树", "经济林", "林木"]),
    "x055": (A, ["蜂箱", "蜜蜂", "养蜂"]),
    "x056": (A, ["鱼塘", "水产", "养殖", "水獭"]),
    "x057": (A, ["修车", "车辆", "车", "交通事故"]),
    "x058": (A, ["补偿资金计划为", "年度安排", "预算安排", "亿元"]),
    "x059": (A, ["重新鉴定", "重新评定", "再次鉴定", "补充鉴定"]),
    "x060": (A, ["地址", "办公地点", "路", "楼", "窗口"]),
    "x061": (A, ["嵂"]),
    "x062": (B, ["购房", "购买", "购置", "买"]),
    "x063": (B, ["物业费", "物业管理费"]),
    "x064": (B, ["装修", "装饰"]),
    "x065": (B, ["星级", "物业服务企业", "物业企业"]),
    "x066": (B, ["租金参考价为", "参考价为", "元/平方米", "元每平方米"]),
    "x067": (B, ["到2026年底，全市", "2026年底，亿元楼宇达到", "2026年底亿元楼宇达到", "2026年底，全市"]),
    "x068": (B, ["金融工作局", "地方金融", "金融管理局", "金融监管"]),
    "x069": (C, ["培训", "培訓"]),
    "x070": (C, ["招聘会", "场地费", "场地租金"]),
    "x071": (C, ["海外", "境外", "出海", "国际"]),
    "x072": (C, ["人力资源管理师", "证书补贴", "职业资格"]),
    "x073": (C, ["审计费", "审计费用", "费用由", "自行承担"]),
    "x074": (C, ["个工作日内拨付", "日内拨付", "到账", "个工作日内下达"]),
    "x075": (C, ["受理窗口", "办事窗口", "政务服务中心", "报送地址", "区人力资源和社会保障局地址"]),
    "x076": (D, ["造血干细胞", "造血幹細胞", "骨髓"]),
    "x077": (D, ["血浆", "血漿"]),
    "x078": (D, ["遗体", "遺體", "器官"]),
    "x079": (D, ["体检", "體檢"]),
    "x080": (D, ["地铁", "地鐵", "轨道交通", "軌道交通"]),
    "x081": (D, ["营养补助标准为", "營養補助標準為", "元的營養補助", "元营养补助", "元營養補助"]),
    "x082": (D, ["补办", "補辦", "挂失", "掛失", "榮譽卡丟", "荣誉卡丢"]),
    "x083": (D, ["地址", "路", "樓", "楼", "號樓"]),
    "x084": (E, ["危险化学品", "危化", "化工"]),
    "x085": (E, ["建筑施工", "塔吊", "建筑业"]),
    "x086": (E, ["职业病", "职业健康", "降噪", "噪声"]),
    "x087": (E, ["注册安全工程师", "安全工程师", "个人奖励"]),
    "x088": (E, ["额度为", "分配额度", "切块", "各县（区）分配"]),
    "x089": (E, ["转让", "转卖", "出售", "搬迁", "迁出", "外地", "处置"]),
    "x090": (E, ["2026", "明年", "以后年度"]),
    "x091": (F, ["大学", "助学贷款", "路费", "高等教育"]),
    "x092": (F, ["营养午餐", "营养改善", "营养餐", "膳食"]),
    "x093": (F, ["交通费", "交通补助", "校车", "乘车"]),
    "x094": (F, ["技工", "技师学院"]),
    "x095": (F, ["万元", "亿元", "预算为"]),
    "x096": (F, ["人力资源和社会保障", "人社"]),
    "x097": (F, ["瓀"]),
}

FORM = {
    "x054": "a", "x055": "a", "x056": "a", "x057": "a", "x058": "b", "x059": "c", "x060": "d", "x061": "g",
    "x062": "a", "x063": "a", "x064": "a", "x065": "a", "x066": "b", "x067": "e", "x068": "f", "x069": "a",
    "x070": "a", "x071": "a", "x072": "a", "x073": "b", "x074": "c", "x075": "d", "x076": "a", "x077": "a",
    "x078": "a", "x079": "a", "x080": "a", "x081": "b", "x082": "c", "x083": "d", "x084": "a", "x085": "a",
    "x086": "a", "x087": "a", "x088": "b", "x089": "c", "x090": "e", "x091": "a", "x092": "a", "x093": "a",
    "x094": "a", "x095": "b", "x096": "f", "x097": "g",
}
MIN_FORM = {"a": 20, "b": 5, "c": 3, "d": 3, "e": 2, "f": 2, "g": 2}

# the (a) items' subject (the neighbouring thing asked about) and the (g) items' place: none may occur in
# any of the six documents (both scripts where they differ), and one of them must be in the question
NOWHERE = {
    "x054": ["果园", "果園", "桃树", "桃樹", "果树", "果樹"],
    "x055": ["蜂箱", "養蜂", "养蜂"],
    "x056": ["鱼塘", "魚塘", "水獭", "水獺"],
    "x057": ["修车", "修車", "车头", "車頭"],
    "x061": ["嵂城", "嵂"],
    "x062": ["购房", "購房", "买办公用房", "買辦公用房"],
    "x063": ["物业费", "物業費"],
    "x064": ["装修", "裝修"],
    "x065": ["星级物业", "星級物業"],
    "x069": ["培训学校", "培训补贴", "培訓補貼"],
    "x070": ["招聘会", "招聘會"],
    "x071": ["海外", "出海", "东南亚", "東南亞"],
    "x072": ["人力资源管理师", "證書補貼", "证书补贴"],
    "x076": ["造血干细胞", "造血幹細胞"],
    "x077": ["血浆", "血漿"],
    "x078": ["遗体", "遺體"],
    "x079": ["体检", "體檢"],
    "x080": ["地铁", "地鐵"],
    "x084": ["危险化学品", "危險化學品", "危化"],
    "x085": ["建筑施工", "建築施工", "塔吊"],
    "x086": ["职业病", "職業病", "降噪"],
    "x087": ["注册安全工程师", "註冊安全工程師"],
    "x091": ["大学", "大學", "助学贷款", "助學貸款", "路费", "路費"],
    "x092": ["营养午餐", "營養午餐"],
    "x093": ["交通费", "交通費", "交通补助", "交通補助"],
    "x094": ["技工学校", "技工學校", "技工院校"],
    "x097": ["瓀州", "瓀"],
}

# follow-up items: the word each contains (as asked, and as the document writes it) that only one
# document of the library uses
FOLLOWUP = {"x008": ("防护围栏", "防护围栏"), "x017": ("招商引荐", "招商引荐"),
            "x027": ("人力资源服务产业园", "人力资源服务产业园"), "x036": ("獻血者", "獻血者"),
            "x042": ("安全托管", "安全托管"), "x050": ("国家助学金", "国家助学金")}

# questions asked in traditional characters
TRADITIONAL_ASKED = ["x029", "x031", "x033", "x036"]

# simplified characters (all present in the simplified draft of the 问答, all changed by s2tw) that must
# not survive in the traditional document or in the questions asked in traditional characters
SIMPLIFIED = ("与专业丢两个临为么乐书于亲众优会体偿储关养内况准减凭击剧办务动励区医单卫县参发变号后吗员咨园围国垫处复奖"
              "审对将属岁带干并应开当录户执报担拨择挂据携数无时机来构标检没洁游满点热献现电疗确礼离称简级纪纸线终经结给"
              "统职腻范荣药获营补规览誉计记设证诊询请读负账质费资车转较达过运还选采里钱银销长问间际险页项须领题饮验齐龄")

# the places of the six documents, which no question names (the (g) questions name other places)
CITIES = ["峼阳市", "琟州市", "琂州市", "璄川市", "嶟州市", "珖阳县"]

CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
      "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五", "二十六",
      "二十七", "二十八", "二十九", "三十"]

# genre features each document must show (substrings of its text; for the HTML page, of its source)
SHAPE = {
    A: ["峼阳市林业局门户网站　首页 > 政策法规 > 转载文件　　峼阳市人民政府办公室关于印发峼阳市陆生野生动物致害补偿实施细则的通知"
        "　　信息来源：峼阳市人民政府办公室（转载）　发布时间：2025-07-30 09:40　浏览次数：",
        "　【字体：大 中 小】　　峼政办规〔2025〕11号　　各县（区）人民政府，峼阳经济开发区管委会，市政府各部门、各直属机构：",
        "峼阳市人民政府办公室　　2025年7月25日　　（此件公开发布）　　峼阳市陆生野生动物致害补偿实施细则　　第一章　总则",
        "分享到：微信　微博　QQ空间　　上一篇：", "4∶6", "一卡通"],
    B: ["# 琟州市人民政府办公室关于印发琟州市楼宇经济高质量发展三年行动方案（2025—2027年）的通知\n\n琟政办发〔2025〕27号\n\n"
        "各区人民政府，琟州高新区管委会，市政府各部门、各直属机构：\n",
        "\n琟州市人民政府办公室\n\n2025年5月19日\n\n（此件公开发布）\n\n---\n\n## 琟州市楼宇经济高质量发展三年行动方案（2025—2027年）\n",
        "\n> **专栏1　重点楼宇集聚区建设任务（到2027年底）**\n>\n", "就高原则", "5∶5", "0753-2869415"],
    C: ['<meta name="SiteName" content="琂州市人力资源和社会保障局">', '<meta name="SiteIDCode" content="3712000047">',
        '<meta name="ColumnName" content="通知公告">', '<meta name="ArticleTitle" content="',
        '<meta name="PubDate" content="2025-08-26 10:30">', '<ul class="menu">',
        '<div class="crumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a> &gt; 正文</div>',
        '<ul class="xxgk-meta">', '<h2 class="article-title">', '<div class="article-content" id="zoom">',
        '<div class="attach">', '<p class="attach-title">附件下载：</p>', "【打印本页】", "【关闭窗口】",
        "主办单位：琂州市人力资源和社会保障局", "网站标识码：3712000047", "ICP备", "公网安备"],
    D: ["發佈日期：2025-06-16", "點擊數：", "【字號：大 中 小】", "璄衛規〔2025〕2號", "“璄川獻血”"],
    E: ["嶟州市工贸企业安全生产提升奖补实施办法", "表1　嶟州市工贸企业安全生产提升奖补标准", "“嶟安云”", "就高原则",
        "合计不超过300万元", "（此件主动公开）"],
    F: ["珖阳县教育局 珖阳县财政局关于印发《珖阳县家庭经济困难学", "珖教规〔2025〕3号", "珖阳县家庭经济困难学生资助管理办法",
        "“珖阳县励志奖学金”"],
}
N_CHAPTERS_A, N_ARTICLES_A = 6, 25
DOC_NUMBER_A = "峼政办规〔2025〕11号"
N_TASKS_B = 12
GROUPS_B = {1: 1, 4: 2, 7: 3, 11: 4}            # first task of each group （一）–（四）
LEAD_B = {1: ["市商务局"], 2: ["市住房和城乡建设局"], 3: ["市数据局"], 4: ["市商务局", "市发展和改革委员会"],
          5: ["市投资促进局"], 6: ["市司法局"], 7: ["市委社会工作部"], 9: ["市政务服务管理局"], 10: ["市统计局"],
          11: ["市交通运输局"], 12: ["市投资促进局"]}
NO_NOTE_B = [8]                                  # task 8 carries no note: it inherits task 7's ``下同``
XIATONG_B = 7                                    # the only note ending in ``，下同``
ONLY_JOINS_B = ("市税务局", [5, 10])              # leads nothing, a 责任单位 in exactly these tasks
PLACES_B = ["琟城区", "珴江区", "瑝山区", "琁湖区", "琟州高新区"]   # the 专栏's five items, in order
META_LABELS_C = ["索引号：", "发布机构：", "主题分类：", "成文日期：", "发布日期：", "文　　号：", "有 效 性：", "关 键 词："]
DOC_NUMBER_C = "琂人社发〔2025〕58号"
N_SECTIONS_C = 9
ATTACH_C = [("附件1：2025年度人力资源服务业发展扶持资金申报表", ".docx"), ("附件2：申报材料清单", ".xlsx"),
            ("附件3：信用承诺书", ".docx")]
SECTIONS_D = ["一、用血費用減免", "二、榮譽和禮遇", "三、獻血須知"]
N_QUESTIONS_D = 19
CLOSING_D = ["璄川市衛生健康委員會", "璄川市中心血站", "2025年6月16日"]
N_ITEMS_E = 16
TABLE_HEADER_E = ["序号", "奖补项目", "适用条件", "奖补标准", "单户上限"]
TABLE_ROWS_E = 8
N_LIST_E = 7                                     # auto-numbered ``List Number`` paragraphs under item 9
N_CHAPTERS_F, N_ARTICLES_F = 9, 25
TITLE_F = "珖阳县家庭经济困难学生资助管理办法"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def han(text: str) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


def _para_text(p) -> str:
    out = []
    for r in p.iter(W + "r"):
        for ch in r:
            if ch.tag == W + "t":
                out.append(ch.text or "")
            elif ch.tag == W + "tab":
                out.append("\t")
            elif ch.tag == W + "br":
                # python-docx reads a line break as a newline and a page or column break as nothing
                out.append("\n" if ch.get(W + "type", "textWrapping") == "textWrapping" else "")
            elif ch.tag == W + "cr":
                out.append("\n")
    return "".join(out)


def _stdlib_read(path: Path):
    """(body paragraphs, tables as rows of cell texts, body order as 'p'/'tbl', table style ids,
    paragraph style ids)."""
    with zipfile.ZipFile(path) as z:
        root = ElementTree.fromstring(z.read("word/document.xml"))
    body = root.find(W + "body")
    ps = body.findall(W + "p")
    paras = [_para_text(p) for p in ps]
    pstyles = []
    for p in ps:
        st = p.find(f"{W}pPr/{W}pStyle")
        pstyles.append(st.get(W + "val") if st is not None else "")
    tbls = body.findall(W + "tbl")
    tables = [[["\n".join(_para_text(p) for p in tc.findall(W + "p")) for tc in tr.findall(W + "tc")]
               for tr in tbl.findall(W + "tr")] for tbl in tbls]
    order = [child.tag[len(W):] for child in body if child.tag in (W + "p", W + "tbl")]
    styles = []
    for tbl in tbls:
        st = tbl.find(f"{W}tblPr/{W}tblStyle")
        styles.append(st.get(W + "val") if st is not None else "")
    return paras, tables, order, styles, pstyles


def docx_read(path: Path):
    paras, tables, order, styles, pstyles = _stdlib_read(path)
    if docx is not None:
        d = docx.Document(str(path))
        ref = ([p.text for p in d.paragraphs], [[[c.text for c in r.cells] for r in t.rows] for t in d.tables])
        if ref != (paras, tables):
            raise SystemExit(f"{path.name}: the stdlib reader and python-docx disagree")
    return paras, tables, order, styles, pstyles


def docx_pieces(path: Path) -> list[str]:
    paras, tables, *_ = docx_read(path)
    return paras + [c for t in tables for r in t for c in r]


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.replace("\r\n", "\n").split("\n") if ln.strip()]


def pdf_pages(path: Path) -> list[str]:
    """The text of each page as pypdf reads it; when pypdfium2 is importable its text must hold the same
    non-empty lines."""
    if pypdf is None:
        raise SystemExit(f"{path.name}: pypdf is needed to read the .pdf (use /work/main/.venv/bin/python)")
    pages = [pg.extract_text() for pg in pypdf.PdfReader(str(path)).pages]
    if pypdfium2 is not None:
        doc = pypdfium2.PdfDocument(str(path))
        other = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
        doc.close()
        if [_lines(p) for p in pages] != [_lines(p) for p in other]:
            raise SystemExit(f"{path.name}: pypdf and pypdfium2 read different lines")
    return pages


def pdf_text(path: Path) -> str:
    return "\n".join(pdf_pages(path))


def pdf_line_sets(path: Path) -> list[list[str]]:
    """The lines of the .pdf for each reader available (pypdf, then pypdfium2)."""
    out = [pdf_text(path).split("\n")]
    if pypdfium2 is not None:
        doc = pypdfium2.PdfDocument(str(path))
        out.append("\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc))).replace("\r\n", "\n")
                   .split("\n"))
        doc.close()
    return out


def html_text(raw: str) -> str:
    """The visible text of an HTML page: head, scripts and tags dropped, entities unescaped."""
    body = re.sub(r"(?is)<(head|script|style)\b.*?</\1>", "", raw)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def texts(folder: Path) -> dict[str, str]:
    out = {}
    for p in sorted((folder / "docs").iterdir()):
        if p.suffix == ".docx":
            out[p.stem] = "\n".join(docx_pieces(p))
        elif p.suffix == ".pdf":
            out[p.stem] = pdf_text(p)
        elif p.is_file():
            out[p.stem] = p.read_bytes().decode("utf-8")
    return out


def shared(folder: Path) -> int:
    """The shared checks, on a copy whose .docx and .pdf are replaced by their extracted text."""
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "docs").mkdir()
        shutil.copy(folder / "qa.jsonl", t / "qa.jsonl")
        for p in sorted((folder / "docs").iterdir()):
            if p.suffix == ".docx":
                (t / "docs" / f"{p.stem}.txt").write_text("\n".join(docx_pieces(p)), encoding="utf-8")
            elif p.suffix == ".pdf":
                (t / "docs" / f"{p.stem}.txt").write_text(pdf_text(p), encoding="utf-8")
            elif p.is_file():
                shutil.copy(p, t / "docs" / p.name)
        return check(t, ABSENT)


def frozen(folder: Path) -> list[str]:
    """FROZEN.sha256 lists every file of the set except itself and the report the evaluation writes
    beside it (report.md, which changes with the code and is ignored if present), and every checksum
    matches."""
    path = folder / "FROZEN.sha256"
    if not path.is_file():
        return ["FROZEN.sha256 missing"]
    fails, listed = [], set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        digest, name = line.split(None, 1)
        name = name.strip().lstrip("*")
        listed.add(name)
        target = folder / name
        if name in ("report.md", "FROZEN.sha256"):
            fails.append(f"FROZEN must not list {name}")
        elif not target.is_file():
            fails.append(f"FROZEN lists a missing file: {name}")
        elif hashlib.sha256(target.read_bytes()).hexdigest() != digest:
            fails.append(f"checksum differs: {name}")
    wanted = {p.relative_to(folder).as_posix() for p in folder.rglob("*")
              if p.is_file() and p.name not in ("FROZEN.sha256", "report.md") and "__pycache__" not in p.parts}
    fails += [f"FROZEN does not list {n}" for n in sorted(wanted - listed)]
    return fails


def _in_order(text: str, marks: list[str]) -> bool:
    at = -1
    for m in marks:
        at = text.find(m, at + 1)
        if at < 0:
            return False
    return True


def plan_tasks(b: str) -> dict[int, tuple[list[str], list[str], bool] | None]:
    """For each task paragraph ``**N．…`` of the Markdown 行动方案: (牵头单位, 责任单位, ends with 下同), or None
    when the paragraph carries no note."""
    out = {}
    for ln in b.splitlines():
        m = re.match(r"\*\*(\d+)．", ln)
        if not m:
            continue
        note = re.search(r"（牵头单位：([^；（）]+)；责任单位：([^（）]+)）$", ln)
        if note is None:
            out[int(m.group(1))] = None
            continue
        resp = note.group(2)
        xiatong = resp.endswith("，下同")
        resp = resp.removesuffix("，下同")
        out[int(m.group(1))] = (note.group(1).split("、"), re.split(r"[、，]", resp), xiatong)
    return out


def genre(folder: Path, text: dict[str, str]) -> list[str]:
    """Shape checks beyond the SHAPE substrings."""
    fails = []
    for doc, marks in SHAPE.items():
        fails += [f"{doc}: genre feature missing: {m!r}" for m in marks if m not in text.get(doc, "")]
    # --- one-line 实施细则 (.txt): no line break at all; site header, 文号 once, 印发通知, chapters 第一章–第六章,
    # articles 第一条–第二十五条 in order, page tools (分享到 / 上一篇 / 下一篇) closing the line
    a = text.get(A, "")
    if "\n" in a or "\r" in a:
        fails.append(f"{A}: the 实施细则 must be one line without any line break")
    if a.count(DOC_NUMBER_A) != 1:
        fails.append(f"{A}: the 文号 should appear once")
    chapters = re.findall(r"　　第([一二三四五六七八九十]+)章　", a)
    if chapters != CN[:N_CHAPTERS_A]:
        fails.append(f"{A}: chapters 第一章–第{CN[N_CHAPTERS_A - 1]}章 not as expected: {chapters}")
    arts = re.findall(r"　　第([一二三四五六七八九十]+)条　", a)
    if arts != CN[:N_ARTICLES_A] or f"第{CN[N_ARTICLES_A]}条" in a:
        fails.append(f"{A}: articles 第一条–第{CN[N_ARTICLES_A - 1]}条 not in order")
    if not _in_order(a, ["　　第一章　", "　　第二章　", "　　第五条　", "　　第三章　", "　　第八条　", "　　第四章　",
                         "　　第十三条　", "　　第五章　", "　　第二十条　", "　　第六章　", "　　第二十四条　"]):
        fails.append(f"{A}: articles not under their chapters")
    if not re.search(r"　　分享到：微信　微博　QQ空间　　上一篇：[^　]+　　下一篇：[^　]+$", a):
        fails.append(f"{A}: the page tools (分享到 / 上一篇 / 下一篇) should close the line")
    # --- Markdown 行动方案: # 通知 title, 文号, --- and the ## 方案 title; ### 一、–四、; #### （一）–（四） over bold
    # tasks **1．**–**12．**; notes （牵头单位：…；责任单位：…） closing every task but task 8, which inherits task
    # 7's ``下同``; two 牵头单位 only in task 4; 市税务局 leads nothing and is a 责任单位 only in tasks 5 and 10;
    # the 专栏 as a blockquote of five numbered place items after task 12; year targets for 2025 and 2027 only
    b = text.get(B, "")
    bl = b.splitlines()
    if [ln[4:6] for ln in bl if ln.startswith("### ")] != ["一、", "二、", "三、", "四、"]:
        fails.append(f"{B}: headings ### 一、–四、 not as expected")
    if [ln[5:8] for ln in bl if ln.startswith("#### ")] != [f"（{n}）" for n in CN[:4]]:
        fails.append(f"{B}: headings #### （一）–（四） not as expected")
    if b.count("\n---\n") != 1 or not bl[0].startswith("# ") or [ln for ln in bl if ln.startswith("## ")] != \
            ["## 琟州市楼宇经济高质量发展三年行动方案（2025—2027年）"]:
        fails.append(f"{B}: expected one # 通知 title, one --- rule and one ## 方案 title")
    tasks = plan_tasks(b)
    if list(tasks) != list(range(1, N_TASKS_B + 1)):
        fails.append(f"{B}: expected tasks 1．–{N_TASKS_B}．, found {list(tasks)}")
    else:
        if [n for n, v in tasks.items() if v is None] != NO_NOTE_B:
            fails.append(f"{B}: only tasks {NO_NOTE_B} should carry no note")
        if [n for n, v in tasks.items() if v and v[2]] != [XIATONG_B] or b.count("下同") != 1:
            fails.append(f"{B}: the only ``下同`` should close task {XIATONG_B}'s note")
        for n, want in LEAD_B.items():
            if tasks[n] is not None and tasks[n][0] != want:
                fails.append(f"{B}: task {n} should be led by {want}, not {tasks[n][0]}")
        dept, joins = ONLY_JOINS_B
        if [n for n, v in tasks.items() if v and dept in v[0]] \
                or [n for n, v in tasks.items() if v and dept in v[1]] != joins or b.count(dept) != len(joins):
            fails.append(f"{B}: {dept} should lead none and be a 责任单位 in exactly tasks {joins}")
        marks = []
        for first, g in GROUPS_B.items():
            marks += [f"#### （{CN[g - 1]}）", f"**{first}．"]
        if not _in_order(b, marks):
            fails.append(f"{B}: tasks not under their groups （一）–（四）")
    box = [ln for ln in bl if ln.startswith("> ") and re.match(r"> \d．", ln)]
    if [ln[2:4] for ln in box] != [f"{k}．" for k in range(1, len(PLACES_B) + 1)] \
            or any(not ln[4:].startswith(pl) for ln, pl in zip(box, PLACES_B)) \
            or not _in_order(b, [f"**{N_TASKS_B}．", "> **专栏1　", "\n### 三、支持政策\n"]):
        fails.append(f"{B}: the 专栏 should be a blockquote of {len(PLACES_B)} numbered place items after the last task")
    if [ln[2:9] for ln in bl if ln.startswith("　　到20")] != ["到2025年底", "到2027年底"] or "到2026年底" in b:
        fails.append(f"{B}: expected year-target paragraphs for 2025 and 2027 only")
    if not _in_order(b, ["\n### 三、支持政策\n"] + [f"\n　　（{n}）" for n in CN[:6]] + ["\n### 四、保障措施\n"]):
        fails.append(f"{B}: 支持政策 items （一）–（六） not in order")
    # --- HTML 申报通知: metadata as ONE <ul> list of eight labelled <li> (no <table>), the 文号 only there;
    # sections 一、–九、 as <strong>; 附件 lines, issuers and date in the body; an attachment block of three
    # links after the body; 【打印本页】【关闭窗口】 in the visible text before the footer
    c = text.get(C, "")
    meta = c[c.find('<ul class="xxgk-meta">'): c.find("</ul>", c.find('<ul class="xxgk-meta">'))]
    labels = re.findall(r'<li><span class="label">([^<]+)</span>', meta)
    if "<table" in c or labels != META_LABELS_C or c.count('<ul class="xxgk-meta">') != 1:
        fails.append(f"{C}: expected one metadata <ul> with the labels {META_LABELS_C} and no <table>")
    if c.count(DOC_NUMBER_C) != 1 or DOC_NUMBER_C not in meta:
        fails.append(f"{C}: the 文号 should appear once, in the metadata list")
    secs = [f"<p>　　<strong>{n}、" for n in CN[:N_SECTIONS_C]]
    if not _in_order(c, secs) or f"<strong>{CN[N_SECTIONS_C]}、" in c:
        fails.append(f"{C}: sections 一、–{CN[N_SECTIONS_C - 1]}、 not in order")
    body_end = c.find('<div class="attach">')
    if not _in_order(c[:body_end], ['<div class="article-content" id="zoom">', "附件：1．", "2．申报材料清单", "3．信用承诺书",
                                    "琂州市人力资源和社会保障局　　琂州市财政局", "2025年8月22日", "</div>"]):
        fails.append(f"{C}: 附件 lines, issuers and date should close the body")
    links = re.findall(r'<li><a href="([^"]+)" target="_blank">([^<]+)</a></li>', c[body_end:])
    if [(t, Path(h).suffix) for h, t in links] != [(t + s, s) for t, s in ATTACH_C]:
        fails.append(f"{C}: the attachment block should link {ATTACH_C}")
    vis = html_text(c)
    if not _in_order(vis, ["附件下载：", "【打印本页】", "【关闭窗口】", "网站标识码"]):
        fails.append(f"{C}: attachment block and 【打印本页】【关闭窗口】 should stand before the footer")
    # --- traditional 问答 (.txt): site line, breadcrumb, title, source line; three section lines; every 問：
    # line followed by an 答： line; issuers and date close it; no simplified character of the draft left
    d = text.get(D, "")
    dl = d.splitlines()
    if len(dl) < 4 or dl[0] != "璄川市衛生健康委員會（繁體版）" or not dl[1].startswith("首頁 > ") \
            or dl[2] != "《璄川市無償獻血者激勵和用血保障辦法》政策問答" or not dl[3].startswith("信息來源："):
        fails.append(f"{D}: expected site line, breadcrumb, title and source line")
    if [ln for ln in dl if re.match(r"[一二三四五六七八九十]+、", ln)] != SECTIONS_D:
        fails.append(f"{D}: section lines should be {SECTIONS_D}")
    qs = [i for i, ln in enumerate(dl) if ln.startswith("問：")]
    if len(qs) != N_QUESTIONS_D or any(not dl[i + 1].startswith("答：") for i in qs) \
            or sum(ln.startswith("答：") for ln in dl) != N_QUESTIONS_D:
        fails.append(f"{D}: expected {N_QUESTIONS_D} 問： lines each followed by an 答： line")
    if dl[-len(CLOSING_D):] != CLOSING_D:
        fails.append(f"{D}: issuers and date should close the 问答")
    fails += [f"{D}: simplified character {ch} in the traditional document" for ch in SIMPLIFIED if ch in d]
    # --- .docx 印发通知 + 办法: 通知 title and 文号 first; items 1．–16． in order; one Table Grid table (header +
    # eight numbered rows of five cells) after item 5 and its 表1 title, followed by a 注 paragraph, before
    # item 6; seven auto-numbered ``List Number`` paragraphs (their numbers are not in the text) between
    # items 9 and 10; item 16 closes the document
    paras, tables, order, styles, pstyles = docx_read(folder / "docs" / f"{E}.docx")
    if len(tables) != 1 or tables[0][0] != TABLE_HEADER_E or len(tables[0]) != TABLE_ROWS_E + 1 \
            or any(len(r) != len(TABLE_HEADER_E) for r in tables[0]) \
            or [r[0] for r in tables[0][1:]] != [str(n) for n in range(1, TABLE_ROWS_E + 1)] or styles != ["TableGrid"]:
        fails.append(f"{E}: expected one Table Grid table with the header {TABLE_HEADER_E} and {TABLE_ROWS_E} numbered rows")
    if not paras[0].endswith("的通知") or paras[1] != "嶟应急〔2025〕46号":
        fails.append(f"{E}: expected the 通知 title and the 文号 first")
    items = [(i, int(m.group(1))) for i, p in enumerate(paras) if (m := re.match(r"　　(\d+)．", p))]
    if [n for _, n in items] != list(range(1, N_ITEMS_E + 1)):
        fails.append(f"{E}: items 1．–{N_ITEMS_E}． not in order")
    else:
        at = dict((n, i) for i, n in items)
        if "tbl" in order:
            k = order.index("tbl")      # paragraphs before the table = k
            if not paras[k - 1].startswith("表1　") or not paras[k].startswith("　　注：") or not at[5] < k - 1 \
                    or not at[6] > k:
                fails.append(f"{E}: the table should stand after item 5 and its 表1 title, followed by a 注, before item 6")
        lst = [i for i, s in enumerate(pstyles) if s == "ListNumber"]
        if len(lst) != N_LIST_E or lst != list(range(at[9] + 1, at[9] + 1 + N_LIST_E)) or at[10] != lst[-1] + 1 \
                or any(re.match(r"\s*\d", paras[i]) for i in lst):
            fails.append(f"{E}: expected {N_LIST_E} List Number paragraphs (no numbers in their text) between items 9 and 10")
        if at[N_ITEMS_E] != len(paras) - 1:
            fails.append(f"{E}: item {N_ITEMS_E} should close the document")
    # --- .pdf 管理办法: a text PDF of at least three pages, each with its page number ``— N —``; the 印发通知
    # title and 文号; chapters 第一章–第九章 and articles 第一条–第二十五条 in order; the document title as PDF metadata
    pdf = folder / "docs" / f"{F}.pdf"
    pages = pdf_pages(pdf)
    if len(pages) < 3 or any(f"— {n} —" not in pg for n, pg in enumerate(pages, 1)):
        fails.append(f"{F}: expected at least three pages each with its number ``— N —``")
    f = "\n".join(pages)
    chapters = re.findall(r"^\s*第([一二三四五六七八九十]+)章 ", f, re.M)
    if chapters != CN[:N_CHAPTERS_F]:
        fails.append(f"{F}: chapters 第一章–第{CN[N_CHAPTERS_F - 1]}章 not as expected: {chapters}")
    arts = re.findall(r"^\s*第([一二三四五六七八九十]+)条 ", f, re.M)
    if arts != CN[:N_ARTICLES_F] or f"第{CN[N_ARTICLES_F]}条" in f:
        fails.append(f"{F}: articles 第一条–第{CN[N_ARTICLES_F - 1]}条 not in order")
    if (pypdf.PdfReader(str(pdf)).metadata or {}).get("/Title") != TITLE_F:
        fails.append(f"{F}: PDF metadata title should be {TITLE_F}")
    return fails


def counts(folder: Path) -> int:
    """dev25's own layout. Prints failures; returns their number."""
    items = [json.loads(line) for line in (folder / "qa.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    fails = []
    ids = [it["id"] for it in items]
    if ids != [f"{PREFIX}{n:03d}" for n in range(1, N_ALL + 1)]:
        fails.append(f"ids are not {PREFIX}001–{PREFIX}{N_ALL:03d} in order")
    if not 90 <= N_ALL <= 100 or N_ANS < 45 or N_ALL - N_ANS < 40:
        fails.append("need 90–100 items, at least 45 answerable and at least 40 unanswerable")
    for n, it in enumerate(items, 1):
        if it["answerable"] is not (n <= N_ANS):
            fails.append(f"{it['id']}: answerable should be {n <= N_ANS}")
    expected = [d for d in ORDER for _ in range(ANSWERABLE[d])]
    for it, doc in zip(items[:N_ANS], expected, strict=True):
        if it["docs"] != [doc]:
            fails.append(f"{it['id']}: expected doc {doc}")
    expected = [d for d in ORDER for _ in range(UNANSWERABLE[d])]
    for it, doc in zip(items[N_ANS:], expected, strict=True):
        if ABSENT.get(it["id"], ("",))[0] != doc:
            fails.append(f"{it['id']}: expected to imitate {doc}")
    if set(ABSENT) != {it["id"] for it in items[N_ANS:]} or set(FORM) != set(ABSENT):
        fails.append("ABSENT/FORM keys differ from the unanswerable ids")
    forms = Counter(FORM.values())
    fails += [f"form {f}: only {forms[f]} items (at least {m})" for f, m in MIN_FORM.items() if forms[f] < m]
    if set(forms) - set(MIN_FORM):
        fails.append(f"unknown forms {set(forms) - set(MIN_FORM)}")
    for it in items[N_ANS:]:
        if not it["note"].startswith(f"({FORM.get(it['id'])}) "):
            fails.append(f"{it['id']}: note should start with its form ({FORM.get(it['id'])})")
        if "[paraphrase]" in it["note"] or "[followup]" in it["note"]:
            fails.append(f"{it['id']}: unanswerable items carry no [paraphrase]/[followup] mark")
        if FORM.get(it["id"]) == "a" and it["intent"] != "support":
            fails.append(f"{it['id']}: a form (a) item asks whether a support exists (intent support)")
    a_questions = [it["question"] for it in items[N_ANS:] if FORM.get(it["id"]) == "a"]
    if len(set(q[-6:] for q in a_questions)) != len(a_questions):
        fails.append("form (a) questions repeat an ending")
    if sum(q.count("？") >= 2 for q in a_questions) < 4:
        fails.append("fewer than four two-ask (a) questions")
    para = [it["id"] for it in items[:N_ANS]
            if it["note"].startswith("[paraphrase]") or it["note"].startswith("[followup] [paraphrase]")]
    if len(para) < MIN_PARAPHRASE:
        fails.append(f"only {len(para)} answerable items marked [paraphrase] (at least {MIN_PARAPHRASE})")
    follow = [it["id"] for it in items if "[followup]" in it["note"]]
    if sorted(follow) != sorted(FOLLOWUP):
        fails.append(f"[followup] items {follow} differ from {sorted(FOLLOWUP)}")
    per_doc = Counter(d for it in items for d in it["docs"])
    for doc in ORDER:
        if per_doc[doc] != ANSWERABLE[doc]:
            fails.append(f"{doc}: {per_doc[doc]} answerable items")
    files = sorted(p for p in (folder / "docs").iterdir() if p.is_file())
    if sorted(p.name for p in files) != sorted(d + SUFFIX[d] for d in ORDER):
        fails.append(f"docs/ holds {[p.name for p in files]}")
    text = texts(folder)
    for p in files:
        if not HAN_RANGE[0] <= han(text[p.stem]) <= HAN_RANGE[1]:
            fails.append(f"{p.name}: {han(text[p.stem])} 汉字")
    fails += genre(folder, text)
    byid = {it["id"]: it for it in items}
    for i, (asked, written) in FOLLOWUP.items():
        users = [d for d in ORDER if asked in text.get(d, "") or written in text.get(d, "")]
        if asked not in byid.get(i, {}).get("question", "") or users != byid.get(i, {}).get("docs"):
            fails.append(f"{i}: follow-up word {asked}/{written} is in {users}")
        if not byid.get(i, {}).get("question", "").startswith("那"):
            fails.append(f"{i}: a follow-up question should start with 那")
    for i in TRADITIONAL_ASKED:
        if any(ch in byid.get(i, {}).get("question", "") for ch in SIMPLIFIED):
            fails.append(f"{i}: asked in traditional characters but holds a simplified one")
    for it in items:
        fails += [f"{it['id']}: the question names {c}" for c in CITIES if c in it["question"]]
    need = {i for i, f in FORM.items() if f in "ag"}
    if set(NOWHERE) != need:
        fails.append(f"NOWHERE keys differ from the (a)/(g) items: {sorted(need ^ set(NOWHERE))}")
    for i, terms in NOWHERE.items():
        fails += [f"{i}: subject term {t} occurs in {d}" for t in terms for d in ORDER if t in text.get(d, "")]
        if not any(t in byid.get(i, {}).get("question", "") for t in terms):
            fails.append(f"{i}: none of its subject terms is in the question")
    pieces = docx_pieces(folder / "docs" / f"{E}.docx")
    pdf_lines = pdf_line_sets(folder / "docs" / f"{F}.pdf")
    visible = html_text(text.get(C, ""))
    for it in items[:N_ANS]:
        for q in it["gold_quotes"]:
            n = sum(text.get(d, "").count(q) for d in it["docs"])
            if n != 1:
                fails.append(f"{it['id']}: quote occurs {n} times: {q}")
            if C in it["docs"] and visible.count(q) != 1:
                fails.append(f"{it['id']}: quote not once in the visible text of the page: {q}")
            if E in it["docs"] and not any(q in piece for piece in pieces):
                fails.append(f"{it['id']}: quote not inside one paragraph or table cell: {q}")
            if F in it["docs"] and not all(any(q in ln for ln in lines) for lines in pdf_lines):
                fails.append(f"{it['id']}: quote not inside one line of the .pdf text: {q}")
    fails += frozen(folder)
    for f in fails:
        print("FAIL", f)
    print(f"answerable {sum(it['answerable'] for it in items)}, unanswerable {sum(not it['answerable'] for it in items)}, "
          f"forms {dict(sorted(forms.items()))}, paraphrase {len(para)}, followup {len(follow)}")
    return len(fails)


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    status = shared(here)
    extra = counts(here)
    readers = ("python-docx" if docx else "stdlib .docx reader") + ", pypdf" + (" + pypdfium2" if pypdfium2 else "")
    print(f"dev25 layout: {extra} failures ({readers})")
    sys.exit(1 if status or extra else 0)
