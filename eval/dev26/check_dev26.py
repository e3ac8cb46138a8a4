#!/usr/bin/env python3
"""Checks eval/dev26/qa.jsonl against eval/dev26/docs/ with the checks every set gets
(``eval/check_set.py``), plus dev26's own layout (98 items, j001–j052 answerable with 9, 9, 9, 9, 8, 8
per document and 1–3 quotes each, j053–j098 unanswerable with 8, 8, 8, 8, 7, 7 per document, each
unanswerable form a–g named at the start of its note, form (a) used at least 24 times with question endings
that never repeat and none of the question forms earlier sets over-used, (b) at least 5, (c) and (d) at
least 3 and (e), (f), (g) at least twice, at least 45 answerable items marked ``[paraphrase]``, exactly 6
marked ``[followup]`` each starting with 那 and naming a word that only one document uses, the (a) items'
subject terms and the (g) items' places absent from all six documents, every quote occurring exactly once
in its document, every document 1,500–2,800 汉字, the genre features each document must show, the 问答 in
traditional script, and the checksums in ``FROZEN.sha256``).

Unanswerable forms (the brief's letters, as dev25's): a whether a support, subsidy, reward or preferential
treatment exists (or how much it is) for a subject NEAR what a document covers but covered by no document,
b an amount never stated for a thing the document names, c a procedure, time limit or consequence never
given, d a contact, address or window not given, e a year or period not covered, f a department not in the
document, g another place's policy.

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
``/work/main/.venv/bin/python eval/dev26/check_dev26.py``."""

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

A = "lingzhou-construction-waste-recycling-measures-2025"
B = "wuyang-farmers-market-upgrade-plan-2025-2026"
C = "jinzhou-camping-tourism-measures-interpretation-2025"
D = "dichuan-public-bicycle-qa-2025-trad"
E = "jiaocheng-sericulture-subsidy-notice-2025"
F = "zaozhou-breakfast-outlet-support-measures-2025"
ORDER = [A, B, C, D, E, F]
SUFFIX = {A: ".txt", B: ".txt", C: ".html", D: ".txt", E: ".docx", F: ".pdf"}
ANSWERABLE = {A: 9, B: 9, C: 9, D: 9, E: 8, F: 8}
UNANSWERABLE = {A: 8, B: 8, C: 8, D: 8, E: 7, F: 7}
N_ANS = sum(ANSWERABLE.values())
N_ALL = N_ANS + sum(UNANSWERABLE.values())
PREFIX = "j"
MIN_PARAPHRASE = 45
HAN_RANGE = (1500, 2800)

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there).
# Terms of the traditional document are given in both scripts where they differ.
ABSENT = {
    "j053": (A, ["渣土车", "运输车辆", "新能源", "车辆"]),
    "j054": (A, ["增值税", "税收", "即征即退", "退税"]),
    "j055": (A, ["清运费", "清运", "收运费", "运费"]),
    "j056": (A, ["拆迁", "人工费", "拆除费用", "施工单位给予"]),
    "j057": (A, ["资金规模", "共安排", "亿元", "年度预算为"]),
    "j058": (A, ["申请列入名录", "列入名录的程序", "名录申请", "纳入名录程序"]),
    "j059": (A, ["地址", "受理窗口", "办事窗口", "办公地点", "政务服务中心"]),
    "j060": (A, ["利用率", "目标", "2027"]),
    "j061": (B, ["超市", "生鲜"]),
    "j062": (B, ["新建农贸市场", "新建市场", "新建的农贸市场"]),
    "j063": (B, ["冷库", "冷藏"]),
    "j064": (B, ["贴息", "贷款", "信贷"]),
    "j065": (B, ["摊位费标准", "摊位费不得", "摊位费上涨", "摊位租金标准"]),
    "j066": (B, ["2027"]),
    "j067": (B, ["市财政局", "财政局"]),
    "j068": (B, ["琻"]),
    "j069": (C, ["房车", "自驾车"]),
    "j070": (C, ["装备", "天幕", "制造", "生产企业"]),
    "j071": (C, ["消费券", "优惠券"]),
    "j072": (C, ["停车场", "停车位", "停车"]),
    "j073": (C, ["资金总额", "共安排", "资金规模", "预算"]),
    "j074": (C, ["个工作日内拨付", "日内拨付", "到账"]),
    "j075": (C, ["受理窗口", "办事窗口", "政务服务中心", "县文化和旅游局地址"]),
    "j076": (C, ["璙"]),
    "j077": (D, ["電單車", "助力車", "電動自行車", "電動"]),
    "j078": (D, ["共享單車", "共享单车", "互聯網租賃"]),
    "j079": (D, ["兒童", "座椅"]),
    "j080": (D, ["防盜", "車棚", "私人自行車"]),
    "j081": (D, ["日卡", "臨時卡", "次卡", "按天"]),
    "j082": (D, ["票價為", "每人次", "基礎票價", "票價2元", "票價1元"]),
    "j083": (D, ["申訴", "提前恢復", "復議"]),
    "j084": (D, ["地址", "門牌", "服務點位於", "服務點設在", "火車站"]),
    "j085": (E, ["桑葚", "果桑", "采摘"]),
    "j086": (E, ["缫丝", "丝绸", "生丝", "加工企业"]),
    "j087": (E, ["保底", "收购价", "价格补贴", "目标价格"]),
    "j088": (E, ["消毒", "药品", "防治"]),
    "j089": (E, ["分配到各乡镇", "各乡镇额度", "乡镇资金额度", "切块"]),
    "j090": (E, ["申诉", "复议", "异议处理", "提出异议"]),
    "j091": (E, ["林业局", "林业"]),
    "j092": (F, ["午餐", "晚餐", "食堂", "助餐"]),
    "j093": (F, ["外卖", "配送", "抽成"]),
    "j094": (F, ["体检", "办证费用", "健康证明费用"]),
    "j095": (F, ["水电", "电费", "燃气费"]),
    "j096": (F, ["售价", "每辆价格", "元/辆", "指导价"]),
    "j097": (F, ["地址", "窗口", "政务服务中心", "办公地点"]),
    "j098": (F, ["2027"]),
}

FORM = {
    "j053": "a", "j054": "a", "j055": "a", "j056": "a", "j057": "b", "j058": "c", "j059": "d", "j060": "e",
    "j061": "a", "j062": "a", "j063": "a", "j064": "a", "j065": "b", "j066": "e", "j067": "f", "j068": "g",
    "j069": "a", "j070": "a", "j071": "a", "j072": "a", "j073": "b", "j074": "c", "j075": "d", "j076": "g",
    "j077": "a", "j078": "a", "j079": "a", "j080": "a", "j081": "a", "j082": "b", "j083": "c", "j084": "d",
    "j085": "a", "j086": "a", "j087": "a", "j088": "a", "j089": "b", "j090": "c", "j091": "f", "j092": "a",
    "j093": "a", "j094": "a", "j095": "a", "j096": "b", "j097": "d", "j098": "e",
}

NOWHERE = {
    "j053": ["渣土车", "渣土車"],
    "j054": ["增值税", "增值稅"],
    "j055": ["清运费", "清運費"],
    "j056": ["拆迁", "拆遷"],
    "j061": ["生鲜超市", "生鮮超市"],
    "j062": ["新建农贸市场", "新建農貿市場"],
    "j063": ["冷库", "冷庫"],
    "j064": ["贴息", "貼息", "贷款", "貸款"],
    "j068": ["琻州", "琻"],
    "j069": ["房车", "房車"],
    "j070": ["露营装备", "露營裝備", "天幕"],
    "j071": ["消费券", "消費券"],
    "j072": ["停车场", "停車場"],
    "j076": ["璙阳", "璙陽", "璙"],
    "j077": ["电单车", "電單車"],
    "j078": ["共享单车", "共享單車"],
    "j079": ["儿童座椅", "兒童座椅"],
    "j080": ["防盗", "防盜", "停车棚", "停車棚"],
    "j081": ["日卡"],
    "j085": ["桑葚", "果桑"],
    "j086": ["缫丝", "繅絲"],
    "j087": ["保底收购", "保底收購", "保底"],
    "j088": ["消毒"],
    "j092": ["社区食堂", "社區食堂", "助餐"],
    "j093": ["外卖", "外賣"],
    "j094": ["体检费", "體檢費"],
    "j095": ["水电费", "水電費"],
}
MIN_FORM = {"a": 24, "b": 5, "c": 3, "d": 3, "e": 2, "f": 2, "g": 2}

# question forms earlier sets used often; no form (a) question may use them
OVERUSED = ["能补吗", "有没有补贴", "给不给", "有没有钱补", "能报吗", "可以申请吗", "能拿到多少"]

# follow-up items: the word each contains (as asked, and as the document writes it) that only one
# document of the library uses
FOLLOWUP = {"j009": ("再生产品目录", "再生产品目录"), "j018": ("平价摊位", "平价摊位"),
            "j027": ("精品露营营地", "精品露营营地"), "j036": ("锁止器", "鎖止器"),
            "j044": ("养蚕保险", "养蚕保险"), "j050": ("早餐车", "早餐车")}

# questions asked in traditional characters
TRADITIONAL_ASKED = ["j030", "j032", "j033", "j034"]

# simplified characters (all present in the simplified draft of the 问答, all changed by s2tw) that must
# not survive in the traditional document or in the questions asked in traditional characters
SIMPLIFIED = "万业丢严个为么买于产从价优会伤体偿兑关内准减几凭办务动励区医单占发台号后吗员周围图坏处复奖学实对将属岁布并应开张归当恶户执报担拨挂损换据数无时暂机来标样残气没注浏游满点热现疗积系纳线经统绿缴职联节范获营补见规览计认让议设证询请谁调责账购费资赔车转轮载辆输过运还远遗里钟销锁错键门闭问间险页题额风骑"

# the places of the six documents (full and short names), which no question names
CITIES = ["岺州", "嵨阳", "琎州", "玓川", "珓城", "瑵州"]

CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
      "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五", "二十六",
      "二十七", "二十八", "二十九", "三十"]

# genre features each document must show (substrings of its text; for the HTML page, of its source)
SHAPE = {
    A: ["岺州市人民政府门户网站　当前位置：首页 > 政府信息公开 > 政策文件 > 市政府办公室文件　　索引号：",
        "　　发文机关：岺州市人民政府办公室　　成文日期：2025年6月9日　　发布日期：2025年6月13日　　有效性：有效",
        "　　岺州市人民政府办公室关于印发岺州市建筑垃圾资源化利用管理办法的通知　　岺政办发〔2025〕19号　　各区（县）人民政府",
        "　　岺州市人民政府办公室　　2025年6月9日　　岺州市建筑垃圾资源化利用管理办法　　第一条　", "7∶3", "“岺州建废通”"],
    B: ["嵨阳市人民政府办公室关于印发嵨阳市农贸市场标准化升级改造实施方案（2025—2026年）的通知\n\n嵨政办字〔2025〕33号\n",
        "\n嵨阳市人民政府办公室\n2025年4月28日\n\n（此件公开发布）\n", "\n专栏　各区（经开区）农贸市场改造任务（2025—2026年）\n",
        "6∶4", "0763-5127480", "“嵨菜通”"],
    C: ['<meta name="SiteName" content="琎州市文化和旅游局">', '<meta name="SiteIDCode" content="4413000062">',
        '<meta name="ColumnName" content="政策解读">', '<meta name="PubDate" content="2025-10-09 16:05">',
        '<div class="nav">', '<div class="position">当前位置：<a href="/">首页</a> » <a href="/zcjd/">政策解读</a> » 文字解读</div>',
        '<dl class="doc-info">', '<h1 class="title">', '<div class="content" id="Zoom">', '<ul class="attachments">',
        "【打印】", "【关闭】", "主办：琎州市文化和旅游局", "网站标识码：4413000062", "ICP备", "公网安备"],
    D: ["發佈時間：2025-08-05", "瀏覽：3528", "【打印】【關閉】", "玓交規〔2025〕6號", "“玓川通”"],
    E: ["珓城县农业农村局 珓城县财政局关于组织申报2025年度蚕桑产业发展奖补资金的通知", "表1　珓城县2025年度蚕桑产业发展奖补标准",
        "“珓桑通”", "“一卡通”", "最高不超过15万元", "（此件公开发布）"],
    F: ["瑵州市商务局 瑵州市财政局关于印发《瑵州市便民早餐网点建设扶持办法》的通知", "瑵商发〔2025〕15号",
        "“瑵州早餐”", "“瑵早点”", "5∶5"],
}
DOC_NUMBER_A = "岺政办发〔2025〕19号"
N_ARTICLES_A = 22
N_TASKS_B = 11
LEAD_B = {1: ["市商务局"], 2: ["市商务局"], 3: ["市消防救援支队"], 5: ["市商务局", "市市场监督管理局"],
          6: ["市市场监督管理局"], 7: ["市城市管理局"], 8: ["市住房和城乡建设局"], 9: ["市城市管理局"],
          10: ["市发展和改革委员会"], 11: ["市商务局"]}
NO_NOTE_B = [4]                                  # task 4 carries no note: it inherits task 3's 下同
XIATONG_B = 3                                    # the only note ending in ，下同
ONLY_JOINS_B = ("市生态环境局", [8, 9])           # leads nothing, a 责任单位 in exactly these tasks
PLACES_B = ["嵨城区", "嶍东区", "岯山区", "峷湖区", "嵨阳经开区"]   # the 专栏's five lines, in order
DT_LABELS_C = ["信息索引：", "公开主体：", "所属分类：", "解读文件：", "解读日期：", "解读形式："]
DOC_NUMBER_C = "琎文旅规〔2025〕4号"
N_SECTIONS_C = 8
ATTACH_C = [".pdf", ".docx"]
N_QUESTIONS_D = 19
CLOSING_D = ["玓川市交通運輸局", "玓川市公共自行車服務中心", "2025年8月5日"]
HEADINGS_E = ["支持对象和条件", "奖补项目和标准", "不予支持的情形", "申报材料", "申报时间和程序", "项目验收", "资金管理",
              "工作要求", "联系方式"]
TABLE_HEADER_E = ["类别", "建设或实施内容", "验收条件", "补助标准", "备注"]
TABLE_ROWS_E = 7
N_BULLET_E = 5
N_LIST_E = 6
SECTIONS_F = ["一、总则", "二、扶持对象和条件", "三、扶持内容和标准", "四、不予扶持的情形", "五、申报和审核", "六、监督管理", "七、附则"]
TITLE_F = "瑵州市便民早餐网点建设扶持办法"

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
    """For each task paragraph ``（N）…`` under 二、重点任务 of the plain-text 实施方案: (牵头单位, 责任单位,
    ends with 下同) from the bracket line ``【牵头单位：…；责任单位：…】`` right after it, or None when the next
    line is not such a note."""
    lines = b.splitlines()
    start, end = lines.index("二、重点任务"), lines.index("三、支持政策")
    out = {}
    for k in range(start, end):
        m = re.match(r"（([一二三四五六七八九十]+)）", lines[k])
        if not m:
            continue
        n = CN.index(m.group(1)) + 1
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        note = re.fullmatch(r"【牵头单位：([^；【】]+)；责任单位：([^【】]+)】", nxt)
        if note is None:
            out[n] = None
            continue
        resp = note.group(2)
        xiatong = resp.endswith("，下同")
        resp = resp.removesuffix("，下同")
        out[n] = (note.group(1).split("、"), re.split(r"[、，]", resp), xiatong)
    return out


def genre(folder: Path, text: dict[str, str]) -> list[str]:
    """Shape checks beyond the SHAPE substrings."""
    fails = []
    for doc, marks in SHAPE.items():
        fails += [f"{doc}: genre feature missing: {m!r}" for m in marks if m not in text.get(doc, "")]
    # --- one-line 管理办法 (.txt): no line break and no trailing newline; site header with 政府信息公开
    # breadcrumb and metadata line; the 印发通知 glued in front; articles 第一条–第二十二条 WITHOUT chapters;
    # the page tools (打印/关闭/扫一扫/上一篇/下一篇) closing the line
    a = text.get(A, "")
    if "\n" in a or "\r" in a:
        fails.append(f"{A}: the 管理办法 must be one line without any line break")
    if a.count(DOC_NUMBER_A) != 1:
        fails.append(f"{A}: the 文号 should appear once")
    if re.search(r"第[一二三四五六七八九十]+章", a):
        fails.append(f"{A}: the 管理办法 should have no chapters")
    arts = re.findall(r"　　第([一二三四五六七八九十]+)条　", a)
    if arts != CN[:N_ARTICLES_A] or f"第{CN[N_ARTICLES_A]}条" in a:
        fails.append(f"{A}: articles 第一条–第{CN[N_ARTICLES_A - 1]}条 not in order: {arts}")
    if not a.startswith("岺州市人民政府门户网站　当前位置："):
        fails.append(f"{A}: the line should open with the site header")
    if not re.search(r"　　【打印本页】　【关闭窗口】　　扫一扫在手机打开当前页　　上一篇：[^　]+　　下一篇：[^　]+$", a):
        fails.append(f"{A}: the page tools (打印/关闭/扫一扫/上一篇/下一篇) should close the line")
    # --- plain-text 实施方案: 通知 title, 文号, issuer, date first; sections 一、–四、; tasks （一）–（十一） each
    # followed by a bracket note line except task 4, which inherits task 3's ``下同``; two 牵头单位 only in
    # task 5; 市生态环境局 leads nothing and is a 责任单位 only in tasks 8 and 9; the 专栏 of five place lines
    # after the last task and before 三、支持政策; year targets for 2025 and 2026 only; 支持政策 （一）–（六）
    b = text.get(B, "")
    bl = b.splitlines()
    if not bl or not bl[0].endswith("的通知") or "#" in b:
        fails.append(f"{B}: expected a plain-text file opening with the 通知 title")
    if [ln[:2] for ln in bl if re.match(r"[一二三四]、", ln)] != ["一、", "二、", "三、", "四、"]:
        fails.append(f"{B}: sections 一、–四、 not as expected")
    try:
        tasks = plan_tasks(b)
    except ValueError:
        tasks = {}
    if list(tasks) != list(range(1, N_TASKS_B + 1)):
        fails.append(f"{B}: expected tasks （一）–（{CN[N_TASKS_B - 1]}）, found {list(tasks)}")
    else:
        if [n for n, v in tasks.items() if v is None] != NO_NOTE_B:
            fails.append(f"{B}: only tasks {NO_NOTE_B} should carry no note")
        if [n for n, v in tasks.items() if v and v[2]] != [XIATONG_B] or b.count("下同") != 1:
            fails.append(f"{B}: the only ``下同`` should close task {XIATONG_B}'s note")
        for n, want in LEAD_B.items():
            if tasks[n] is not None and tasks[n][0] != want:
                fails.append(f"{B}: task {n} should be led by {want}, not {tasks[n][0]}")
        if [n for n, v in tasks.items() if v and len(v[0]) > 1] != [5]:
            fails.append(f"{B}: only task 5 should have two lead units")
        dept, joins = ONLY_JOINS_B
        if [n for n, v in tasks.items() if v and dept in v[0]] \
                or [n for n, v in tasks.items() if v and dept in v[1]] != joins or b.count(dept) != len(joins):
            fails.append(f"{B}: {dept} should lead none and be a 责任单位 in exactly tasks {joins}")
        others = Counter(d for v in tasks.values() if v for d in v[1] if d.startswith("市"))
        leads = {d for v in tasks.values() if v for d in v[0]}
        if sorted(d for d, k in others.items() if k == len(joins) and d not in leads) != [dept]:
            fails.append(f"{B}: {dept} should be the only department leading nothing with exactly {len(joins)} tasks")
    if "专栏" in b:
        box_at = bl.index(next(ln for ln in bl if ln.startswith("专栏")))
        box = bl[box_at + 1: box_at + 1 + len(PLACES_B)]
        if any(not ln.startswith(f"　　{pl}：") for ln, pl in zip(box, PLACES_B, strict=True)) \
                or not _in_order(b, ["（十一）", "\n专栏　", "\n三、支持政策\n"]):
            fails.append(f"{B}: the 专栏 should list {PLACES_B} between the last task and 三、支持政策")
    if [ln[2:9] for ln in bl if ln.startswith("　　到20")] != ["到2025年底", "到2026年底"] or "2027" in b:
        fails.append(f"{B}: expected year-target paragraphs for 2025 and 2026 only")
    if not _in_order(b, ["\n三、支持政策\n"] + [f"\n　　（{n}）" for n in CN[:6]] + ["\n四、保障措施\n"]):
        fails.append(f"{B}: 支持政策 items （一）–（六） not in order")
    # --- HTML 政策解读: metadata as ONE <dl> of six <dt>/<dd> pairs (no <table>, no <ul> metadata), the 文号
    # only there; sections 一、–八、 as <h3>; an attachment list (.pdf, .docx) inside the body; 【打印】【关闭】
    # and the footer after it
    c = text.get(C, "")
    dl = c[c.find('<dl class="doc-info">'): c.find("</dl>")]
    labels = re.findall(r"<dt>([^<]+)</dt><dd>[^<]+</dd>", dl)
    if "<table" in c or c.count("<dl") != 1 or labels != DT_LABELS_C:
        fails.append(f"{C}: expected one metadata <dl> with the labels {DT_LABELS_C} and no <table>")
    if c.count(DOC_NUMBER_C) != 2 or DOC_NUMBER_C not in dl:
        fails.append(f"{C}: the 文号 should appear in the metadata list and in the attachment name only")
    secs = [f"<h3>{n}、" for n in CN[:N_SECTIONS_C]]
    if not _in_order(c, secs) or f"<h3>{CN[N_SECTIONS_C]}、" in c:
        fails.append(f"{C}: sections 一、–{CN[N_SECTIONS_C - 1]}、 not in order")
    att = c[c.find('<ul class="attachments">'):]
    links = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', att[: att.find("</ul>")])
    if [Path(h).suffix for h, _ in links] != ATTACH_C or [Path(t).suffix for _, t in links] != ATTACH_C:
        fails.append(f"{C}: the attachment list should link {ATTACH_C}")
    vis = html_text(c)
    if not _in_order(vis, ["一、出台背景", "附件：", "【打印】", "【关闭】", "相关文件", "网站标识码"]):
        fails.append(f"{C}: body, attachments, page tools and footer not in order")
    # --- traditional 问答 (.txt): site line, breadcrumb, title, source line; Q1–Q19 each followed by A1–A19;
    # issuers and date close it; no simplified character of the draft left
    d = text.get(D, "")
    dls = d.splitlines()
    if len(dls) < 4 or dls[0] != "玓川市交通運輸局（繁體版）" or not dls[1].startswith("首頁 > ") \
            or dls[2] != "玓川市城市公共自行車服務常見問題解答" or not dls[3].startswith("來源："):
        fails.append(f"{D}: expected site line, breadcrumb, title and source line")
    qs = [i for i, ln in enumerate(dls) if re.match(r"Q\d+：", ln)]
    nums = [int(re.match(r"Q(\d+)", dls[i]).group(1)) for i in qs]
    if nums != list(range(1, N_QUESTIONS_D + 1)) or any(not dls[i + 1].startswith(f"A{n}：") for i, n in zip(qs, nums)) \
            or sum(bool(re.match(r"A\d+：", ln)) for ln in dls) != N_QUESTIONS_D:
        fails.append(f"{D}: expected Q1–Q{N_QUESTIONS_D} each followed by its A line")
    if dls[-len(CLOSING_D):] != CLOSING_D:
        fails.append(f"{D}: issuers and date should close the 问答")
    fails += [f"{D}: simplified character {ch} in the traditional document" for ch in SIMPLIFIED if ch in d]
    # --- .docx 申报通知: title and 文号 first; Heading 2 section paragraphs (no numbers) in order; one Table
    # Grid table (header + seven numbered rows) after its 表1 title and followed by a 注 paragraph; five
    # ``List Bullet`` paragraphs under 不予支持的情形 and six ``List Number`` paragraphs (numbers not in the text)
    # under 申报材料; （此件公开发布） last
    paras, tables, order, styles, pstyles = docx_read(folder / "docs" / f"{E}.docx")
    if len(tables) != 1 or tables[0][0] != TABLE_HEADER_E or len(tables[0]) != TABLE_ROWS_E + 1 \
            or any(len(r) != len(TABLE_HEADER_E) for r in tables[0]) \
            or [r[0] for r in tables[0][1:]] != [str(n) for n in range(1, TABLE_ROWS_E + 1)] or styles != ["TableGrid"]:
        fails.append(f"{E}: expected one Table Grid table with the header {TABLE_HEADER_E} and {TABLE_ROWS_E} numbered rows")
    if not paras[0].endswith("的通知") or paras[1] != "珓农发〔2025〕27号" or paras[-1] != "（此件公开发布）":
        fails.append(f"{E}: expected the 通知 title and the 文号 first and （此件公开发布） last")
    heads = [(i, p) for i, (p, s) in enumerate(zip(paras, pstyles)) if s == "Heading2"]
    if [p for _, p in heads] != HEADINGS_E:
        fails.append(f"{E}: Heading 2 sections should be {HEADINGS_E}")
    elif "tbl" in order:
        k = order.index("tbl")
        at = dict((p, i) for i, p in heads)
        if not paras[k - 1].startswith("表1　") or not paras[k].startswith("　　注：") or not at["奖补项目和标准"] < k - 1 \
                or not at["不予支持的情形"] > k:
            fails.append(f"{E}: the table should stand under 奖补项目和标准 after its 表1 title, followed by a 注")
        bullets = [i for i, s in enumerate(pstyles) if s == "ListBullet"]
        if bullets != list(range(at["不予支持的情形"] + 1, at["不予支持的情形"] + 1 + N_BULLET_E)):
            fails.append(f"{E}: expected {N_BULLET_E} List Bullet paragraphs right under 不予支持的情形")
        lst = [i for i, s in enumerate(pstyles) if s == "ListNumber"]
        if len(lst) != N_LIST_E or lst != list(range(at["申报材料"] + 2, at["申报材料"] + 2 + N_LIST_E)) \
                or at["申报时间和程序"] != lst[-1] + 1 or any(re.match(r"\s*\d", paras[i]) for i in lst):
            fails.append(f"{E}: expected {N_LIST_E} List Number paragraphs (no numbers in their text) under 申报材料")
    # --- .pdf 扶持办法: a text PDF of at least three pages, each with ``第N页 共M页``; the 印发通知 title and
    # 文号; section lines 一、–七、 in order and no 章/条; the document title as PDF metadata
    pdf = folder / "docs" / f"{F}.pdf"
    pages = pdf_pages(pdf)
    if len(pages) < 3 or any(f"第{n}页 共{len(pages)}页" not in pg for n, pg in enumerate(pages, 1)):
        fails.append(f"{F}: expected at least three pages each with ``第N页 共M页``")
    f = "\n".join(pages)
    if [ln.strip() for ln in f.split("\n") if re.match(r"\s*[一二三四五六七八九十]+、", ln)] != SECTIONS_F:
        fails.append(f"{F}: section lines should be {SECTIONS_F}")
    if re.search(r"第[一二三四五六七八九十]+[章条]", f):
        fails.append(f"{F}: the 办法 should have no 章 or 条")
    if (pypdf.PdfReader(str(pdf)).metadata or {}).get("/Title") != TITLE_F:
        fails.append(f"{F}: PDF metadata title should be {TITLE_F}")
    return fails


def counts(folder: Path) -> int:
    """dev26's own layout. Prints failures; returns their number."""
    items = [json.loads(line) for line in (folder / "qa.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    fails = []
    ids = [it["id"] for it in items]
    if ids != [f"{PREFIX}{n:03d}" for n in range(1, N_ALL + 1)]:
        fails.append(f"ids are not {PREFIX}001–{PREFIX}{N_ALL:03d} in order")
    if not 95 <= N_ALL <= 100 or N_ANS < 50 or N_ALL - N_ANS < 44:
        fails.append("need 95–100 items, at least 50 answerable and at least 44 unanswerable")
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
    fails += [f"form (a) question uses the over-used form {o}: {q}" for q in a_questions for o in OVERUSED if o in q]
    for it in items[:N_ANS]:
        if not (it["note"].startswith("[paraphrase]") or it["note"].startswith("[followup] [paraphrase]")):
            fails.append(f"{it['id']}: an answerable note should start with [paraphrase]")
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
    print(f"dev26 layout: {extra} failures ({readers})")
    sys.exit(1 if status or extra else 0)
