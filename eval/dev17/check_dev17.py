#!/usr/bin/env python3
"""Checks eval/dev17/qa.jsonl against eval/dev17/docs/ with the checks every set gets
(``eval/check_set.py``), plus dev17's own layout (90 items, k001–k054 answerable with 9 per
document and 1–2 quotes each, k055–k090 unanswerable with 6 per document, each unanswerable form
a–h named at the start of its note, at least 4 items of each of forms a, b, c, f and at least 3 of
each of d, e, g, h, at least 40 answerable items marked ``[paraphrase]``, exactly 6 marked
``[followup]`` each naming a word that only one document uses, the (h) items' terms absent from
all six documents, every quote occurring exactly once in its document, every document
1,400–2,400 汉字, the two one-line documents without any line break, a Word table in the .docx,
the HTML 文号 only in the metadata table, the 问答 in traditional script, and the checksums in
``FROZEN.sha256``).

Unanswerable forms (this set's letters): a a sibling category the document does not cover,
b an amount or rate never stated for a thing the document mentions, c a procedure or time limit
never given, d a contact person, address or office not stated, e a year or period with no figures,
f a department with no role in the task or never named, g a place not in the document, h a topic
absent from the whole library.

The .docx document is not plain text, so the shared ``check`` runs on a copy of the set under a
temporary folder in which the .docx is replaced by its text as python-docx reads it (paragraphs,
then every table cell, one per line, same file stem). Each .docx quote must in addition lie
inside one paragraph or one table cell. Run from anywhere:
``/work/main/.venv/bin/python eval/dev17/check_dev17.py`` (needs python-docx)."""

import hashlib
import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from eval.check_set import check  # noqa: E402

A = "xiling-rural-toilet-renovation-plan-2025-2027"
B = "rongzhou-express-delivery-village-measures-2025"
C = "qucheng-cultural-relic-building-adoption-measures-2025"
D = "yuxi-county-tea-industry-subsidy-guide-2025"
E = "fanjiang-public-parking-qa-2025-trad"
F = "yaoshan-ancient-trees-protection-notice-2025"
ORDER = [A, B, C, D, E, F]
ONE_LINE = [C, D]
ANSWERABLE = dict.fromkeys(ORDER, 9)
UNANSWERABLE = dict.fromkeys(ORDER, 6)
N_ANS = sum(ANSWERABLE.values())
N_ALL = N_ANS + sum(UNANSWERABLE.values())

# key absent terms for each unanswerable item: (document it imitates, terms that must not occur there).
# Terms of the traditional document are given in both scripts where they differ.
ABSENT = {
    "k055": (A, ["改造村级公共厕所", "既有公厕", "公厕改造", "翻新"]),
    "k056": (A, ["处理站建设按", "每座处理站", "处理站给予补助", "每站"]),
    "k057": (A, ["个工作日内拨付", "日内拨付", "拨付时限", "个工作日"]),
    "k058": (A, ["2026年底", "到2026年", "2026年，"]),
    "k059": (A, ["交通运输"]),
    "k060": (A, ["嶓源"]),
    "k061": (B, ["改扩建", "扩建", "改建"]),
    "k062": (B, ["每人补贴", "培训补贴", "每人每"]),
    "k063": (B, ["个工作日", "到账", "拨付", "审核"]),
    "k064": (B, ["科室", "联系人", "地址", "经办人"]),
    "k065": (B, ["农业农村"]),
    "k066": (B, ["职业伤害", "工伤"]),
    "k067": (C, ["市级文物保护单位", "市级文保"]),
    "k068": (C, ["防雷设施的，按", "防雷设施的，每", "消防设施补助", "安防设施补助"]),
    "k069": (C, ["个工作日内审批", "日内审批", "审批时限", "个工作日内批复"]),
    "k070": (C, ["电话", "窗口", "地址", "联系人"]),
    "k071": (C, ["消防救援", "应急管理"]),
    "k072": (C, ["考古", "勘探"]),
    "k073": (D, ["铜奖", "优秀奖"]),
    "k074": (D, ["每公里", "便道按", "便道补助"]),
    "k075": (D, ["个工作日内拨付", "日内拨付", "拨付时限", "到账"]),
    "k076": (D, ["地址", "办公地点", "楼"]),
    "k077": (D, ["2026年度", "2026年4月", "2026年1月"]),
    "k078": (D, ["峤头", "镇："]),
    "k079": (E, ["住宅小区", "住宅小區", "物业", "物業"]),
    "k080": (E, ["临时公共停车场按", "臨時公共停車場按", "临时公共停车场每", "臨時公共停車場每"]),
    "k081": (E, ["个工作日内批准", "個工作日內批准", "审批时限", "審批時限", "日内办结", "日內辦結"]),
    "k082": (E, ["地址", "联系人", "聯繫人", "聯絡人", "科室"]),
    "k083": (E, ["2025年底", "2026年底"]),
    "k084": (E, ["违停", "違停", "罚款", "罰款", "违章停车", "違章停車"]),
    "k085": (F, ["名木每株", "名木管护补助"]),
    "k086": (F, ["复壮补助", "每株复壮", "复壮费用按"]),
    "k087": (F, ["保费为", "每株保费", "保额"]),
    "k088": (F, ["2026年底"]),
    "k089": (F, ["水利"]),
    "k090": (F, ["玹溪", "镇："]),
}

FORM = {
    "k055": "a", "k056": "b", "k057": "c", "k058": "e", "k059": "f", "k060": "g",
    "k061": "a", "k062": "b", "k063": "c", "k064": "d", "k065": "f", "k066": "h",
    "k067": "a", "k068": "b", "k069": "c", "k070": "d", "k071": "f", "k072": "h",
    "k073": "a", "k074": "b", "k075": "c", "k076": "d", "k077": "e", "k078": "g",
    "k079": "a", "k080": "b", "k081": "c", "k082": "d", "k083": "e", "k084": "h",
    "k085": "a", "k086": "b", "k087": "b", "k088": "e", "k089": "f", "k090": "g",
}
MIN_FORM = {"a": 4, "b": 4, "c": 4, "f": 4, "d": 3, "e": 3, "g": 3, "h": 3}

# follow-up items: the word each contains (as asked, and as the document writes it) that only one
# document of the library uses
FOLLOWUP = {"k006": ("改厕", "改厕"), "k015": ("交邮融合", "交邮融合"), "k025": ("修缮工程", "修缮工程"),
            "k034": ("茶园", "茶园"), "k042": ("璠停车", "璠停車"), "k052": ("台风", "台风")}

# simplified characters (all present in the simplified draft) that must not survive in the traditional document
SIMPLIFIED = "车设补问资个项时场内库单么会间机给励边营万贴台区运对体楼临业关开标级过费请门办规长医学并满后变拨务价贷报复获网发来将题"

DOC_NUMBER = (B, "瑢政办规〔2025〕11号")


def han(text: str) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text)


def docx_pieces(path: Path) -> list[str]:
    d = docx.Document(str(path))
    return [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]


def texts(folder: Path) -> dict[str, str]:
    out = {}
    for p in sorted((folder / "docs").iterdir()):
        if p.is_file():
            out[p.stem] = "\n".join(docx_pieces(p)) if p.suffix == ".docx" else p.read_bytes().decode("utf-8")
    return out


def shared(folder: Path) -> int:
    """The shared checks, on a copy whose .docx is replaced by its extracted text."""
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "docs").mkdir()
        shutil.copy(folder / "qa.jsonl", t / "qa.jsonl")
        for p in sorted((folder / "docs").iterdir()):
            if p.suffix == ".docx":
                (t / "docs" / f"{p.stem}.txt").write_text("\n".join(docx_pieces(p)), encoding="utf-8")
            elif p.is_file():
                shutil.copy(p, t / "docs" / p.name)
        return check(t, ABSENT)


def frozen(folder: Path) -> list[str]:
    """FROZEN.sha256 lists qa.jsonl and every doc, and every checksum matches."""
    path = folder / "FROZEN.sha256"
    if not path.is_file():
        return ["FROZEN.sha256 missing"]
    fails, listed = [], set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        digest, name = line.split(None, 1)
        name = name.strip()
        listed.add(name)
        target = folder / name
        if not target.is_file():
            fails.append(f"FROZEN lists a missing file: {name}")
        elif hashlib.sha256(target.read_bytes()).hexdigest() != digest:
            fails.append(f"checksum differs: {name}")
    wanted = {"qa.jsonl"} | {f"docs/{p.name}" for p in (folder / "docs").iterdir() if p.is_file()}
    fails += [f"FROZEN does not list {n}" for n in sorted(wanted - listed)]
    return fails


def counts(folder: Path) -> int:
    """dev17's own layout. Prints failures; returns their number."""
    items = [json.loads(line) for line in (folder / "qa.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    fails = []
    ids = [it["id"] for it in items]
    if ids != [f"k{n:03d}" for n in range(1, N_ALL + 1)]:
        fails.append(f"ids are not k001–k{N_ALL:03d} in order")
    if len(set(ids)) != len(ids):
        fails.append("duplicate ids")
    for n, it in enumerate(items, 1):
        if it["answerable"] is not (n <= N_ANS):
            fails.append(f"{it['id']}: answerable should be {n <= N_ANS}")
    expected = [d for d in ORDER for _ in range(ANSWERABLE[d])]
    for it, doc in zip(items[:N_ANS], expected, strict=True):
        if it["docs"] != [doc]:
            fails.append(f"{it['id']}: expected doc {doc}")
        if not 1 <= len(it["gold_quotes"]) <= 2:
            fails.append(f"{it['id']}: {len(it['gold_quotes'])} quotes (1–2 wanted)")
    expected = [d for d in ORDER for _ in range(UNANSWERABLE[d])]
    for it, doc in zip(items[N_ANS:], expected, strict=True):
        if ABSENT.get(it["id"], ("",))[0] != doc:
            fails.append(f"{it['id']}: expected to imitate {doc}")
    if set(ABSENT) != {it["id"] for it in items[N_ANS:]} or set(FORM) != set(ABSENT):
        fails.append("ABSENT/FORM keys differ from the unanswerable ids")
    forms = Counter(FORM.values())
    fails += [f"form {f}: only {forms[f]} items (at least {m})" for f, m in MIN_FORM.items() if forms[f] < m]
    for it in items[N_ANS:]:
        if not it["note"].startswith(f"({FORM.get(it['id'])})"):
            fails.append(f"{it['id']}: note should start with its form ({FORM.get(it['id'])})")
    para = [it["id"] for it in items[:N_ANS] if it["note"].startswith("[paraphrase]")]
    if len(para) < 40:
        fails.append(f"only {len(para)} answerable items marked [paraphrase]")
    follow = [it["id"] for it in items if "[followup]" in it["note"]]
    if sorted(follow) != sorted(FOLLOWUP):
        fails.append(f"[followup] items {follow} differ from {sorted(FOLLOWUP)}")
    per_doc = Counter(d for it in items for d in it["docs"])
    for doc in ORDER:
        if per_doc[doc] != ANSWERABLE[doc]:
            fails.append(f"{doc}: {per_doc[doc]} answerable items")
    files = sorted(p for p in (folder / "docs").iterdir() if p.is_file())
    if sorted(p.stem for p in files) != sorted(ORDER):
        fails.append(f"docs/ holds {[p.name for p in files]}")
    text = texts(folder)
    for p in files:
        if not 1400 <= han(text[p.stem]) <= 2400:
            fails.append(f"{p.name}: {han(text[p.stem])} 汉字")
    for doc in ONE_LINE:
        if "\n" in text.get(doc, "") or "\r" in text.get(doc, ""):
            fails.append(f"{doc}: must be a single line with no trailing newline")
    fails += [f"{E}: simplified character {ch}" for ch in SIMPLIFIED if ch in text.get(E, "")]
    doc, number = DOC_NUMBER
    if text.get(doc, "").count(number) != 1 or "<td>" + number not in text.get(doc, ""):
        fails.append(f"{doc}: the 文号 should occur once, in the metadata table")
    docx_path = folder / "docs" / f"{F}.docx"
    if not docx.Document(str(docx_path)).tables:
        fails.append(f"{F}: no Word table")
    byid = {it["id"]: it for it in items}
    for i, (asked, written) in FOLLOWUP.items():
        users = [d for d in ORDER if asked in text.get(d, "") or written in text.get(d, "")]
        if asked not in byid.get(i, {}).get("question", "") or users != byid.get(i, {}).get("docs"):
            fails.append(f"{i}: follow-up word {asked}/{written} is in {users}")
    for it in items[N_ANS:]:
        if FORM.get(it["id"]) == "h":
            fails += [f"{it['id']}: (h) term {t} occurs in {d}" for t in ABSENT[it["id"]][1]
                      for d in ORDER if t in text.get(d, "")]
    pieces = docx_pieces(docx_path)
    for it in items[:N_ANS]:
        for q in it["gold_quotes"]:
            n = sum(text.get(d, "").count(q) for d in it["docs"])
            if n != 1:
                fails.append(f"{it['id']}: quote occurs {n} times: {q}")
            if F in it["docs"] and not any(q in piece for piece in pieces):
                fails.append(f"{it['id']}: quote not inside one paragraph or table cell: {q}")
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
    print(f"dev17 layout: {extra} failures")
    sys.exit(1 if status or extra else 0)
