"""Answers about a document itself: 文号, issuer, date, purpose, basis (依据) and recipients.

These come from the manifest (``Document``) and from the document's own notice and preamble, not
from retrieval: "聊城的方案是根据哪个文件制定的" is answered by the 根据《…》 phrase of the named
document, whichever clause the retriever ranks first.
"""

from __future__ import annotations

import re
from collections import Counter

from rag.answer.base import LIMIT, Citations, NoAnswer
from rag.answer.compose import Composer
from rag.answer.intent import Detection
from rag.answer.registry import CUES
from rag.answer.sentences import (
    body_text,
    coverage,
    folded,
    sentences,
    task_name,
    trim,
    without_label,
)
from rag.ingest.numbering import strip_label
from rag.model import Hit

_DOCUMENT_NAMED = re.compile(r"办法|方案|措施|政策|文件|规定|细则|通知|意见|计划|指南")  # the document asked of itself
_BASIS = re.compile(r"(?:根据|依据|按照|贯彻落实|落实)[^。；《]{0,20}《[^》]+》(?:[（(][^）)]*[）)])?")
_RECIPIENTS = re.compile(r"([^。：:\n]*?(?:政府|管委会|部门|机构|单位|院校|企业)[^。：:\n]*)[：:]")
_PURPOSE = re.compile(r"^为[^。]{4,}?制定本[^。]*")
_IN_FORCE = re.compile(r"自[^。；，]{2,16}?起(?:施行|实施|执行|生效)|有效期")
_NUMBER_ASKED = re.compile(r"文号|发文字号|几号文|哪个文件|哪份文件")  # (这份问答解读的是哪个文件)
_NUMBER_WRITTEN = re.compile(r"[\u4e00-\u9fff]{2,8}[〔\[［(（]\d{4}[〕\]］)）]\d+号")  # (琮政规〔2025〕9号 in a 解读's text)
_OWN_RULE = re.compile(r"^(?:答[：:]\s*)?(?:本|该|《[^》]{1,30}》)")  # 本办法自… / 《办法》自…, not a cited one


_ISSUER_PREFIX = re.compile(r"^.{0,30}?(?:人民政府|办公厅|办公室|委员会)?关于(?:印发)?")
_TYPE_SUFFIX = re.compile(r"(?:的)?(?:三年)?(?:行动方案|实施方案|行动计划|实施意见|若干措施|若干意见|管理办法|实施细则|工作方案|"
                          r"方案|计划|意见|办法|措施|规定|细则|通知|决定|规划|纲要|要点)?(?:（[^）]*）)?$")


def subject(doc) -> str:
    """What a document is about, from its title: 岚溪市新材料产业高质量发展三年行动计划（2025—2027年）
    → 岚溪市新材料产业高质量发展; 某市人民政府关于做好清洁取暖工作的通知 → 做好清洁取暖工作."""
    title = re.sub(r"^《([^》]+)》(?:的)?(?:政策)?解读$", r"\1", doc.title)  # 《X管理办法》政策解读 is about X
    title = _ISSUER_PREFIX.sub("", title)
    return _TYPE_SUFFIX.sub("", title) or doc.title


def _book(title: str) -> str:
    """A title in 《》, once: 《X管理办法》政策解读 already names its document."""
    return title if title.startswith("《") else f"《{title}》"


def main_points(own: list) -> list[tuple[str, object]]:
    """What a document mainly sets out: the headings under its largest section (二、重点任务 →
    （一）…（四）…), or that section's own item titles (a 解读's questions), each with its first
    clause; an annex (附件) is no section of the text."""
    body = [c for c in own if c.kind in ("item", "paragraph", "column") and c.path and not c.path[0].startswith("附件")]
    if not body:
        return []
    top = Counter(c.path[0] for c in body).most_common(1)[0][0]
    points: dict[str, object] = {}
    for c in body:
        if c.path[0] == top:
            name = without_label(c.path[1] if len(c.path) > 1 else task_name(c) or c.title)
            name = re.sub(r"^(?:问|问题)\s*[：:]\s*", "", name).rstrip("？?")
            if name:
                points.setdefault(name, c)
    return list(points.items()) if len(points) >= 2 else []


def doc_fact(composer: Composer, det: Detection, hits: list[Hit], cites: Citations) -> str | None:
    """The fact asked about the document the question names (by place or level), else the
    document of the best hit.

    Args:
        composer: The corpus' composer (documents and clauses).
        det: The detected question.
        hits: Retrieved clauses, best first.
        cites: Where markers are registered.

    Returns:
        The answer text, or ``None`` when no document is in view.

    Raises:
        NoAnswer: The question names a place that has no document of its own.
    """
    # documents in the order the question's clauses rank them: of two plans of one city, the one
    # the question is about (望川的人才新政) comes first
    ranked = list(dict.fromkeys(h.clause.doc_id for h in hits))
    documents = sorted(composer.documents.values(),
                       key=lambda d: ranked.index(d.id) if d.id in ranked else len(ranked))
    named = [d for d in documents if d.number and folded(d.number) in det.text]  # 望政办发〔2025〕21号这个文件
    docs = named or [d for d in documents if d.region in det.regions]
    if not docs and det.places:
        raise NoAnswer  # a place with no document of its own (青岛市的实施方案)
    docs = docs or [d for d in documents if d.level in det.levels]
    if not docs and hits:
        docs = [composer.doc(hits[0])]
    if not docs:
        return None
    doc = docs[0]
    own = composer.by_doc.get(doc.id, [])
    notice = next((c for c in own if c.kind == "notice"), own[0] if own else None)
    if CUES["in_force"].search(det.text):
        said = [(c, s) for c in own for s in sentences(strip_label(c.text)) if _IN_FORCE.search(s) and "废止" not in s]
        # the document's own day first when the question names the document (这个登记办法哪天开始实施),
        # else the term of what it names (白名单管几年: 白名单有效期2年, not the 办法's own 有效期3年)
        topical = {t: w for t, w in det.terms.items() if w > 0}
        own_asked = _DOCUMENT_NAMED.search(det.text) is not None or not topical
        said.sort(key=lambda cs: (0.0 if own_asked else -coverage(topical, cs[1]), not _OWN_RULE.match(cs[1])))
        if said:
            picked = [said[0]]
            if "有效期" not in said[0][1]:
                picked += [cs for cs in said[1:] if "有效期" in cs[1]][:1]
            return composer.quote(det, [(Hit(c, 1.0, 0), s) for c, s in picked], cites)
    if CUES["subject"].search(det.text):
        purpose = next((m.group(0) for c in own if (m := _PURPOSE.search(body_text(c)))), "")
        about = f"{_book(doc.title)}主要讲{subject(doc)}"
        points = main_points(own)
        if points:  # its main headings, each cited, as many as the answer's budget holds
            shown, size = [], len(about) + 1
            about += cites.mark(Hit(notice, 1.0, 0)) if notice else ""  # the document itself, first
            for name, clause in points:
                if shown and size + len(name) > LIMIT + LIMIT // 2:
                    break
                shown.append(f"{name}{cites.mark(Hit(clause, 1.0, 0))}")
                size += len(name) + 1
            return f"{about}，主要内容：{'；'.join(shown)}。"
        tail = f"：{trim(purpose, det.terms, LIMIT - len(about))}" if purpose else ""
        return f"{about}{tail}{cites.mark(Hit(notice, 1.0, 0))}。" if notice else f"{about}。"
    if CUES["purpose"].search(det.text):
        for clause in own:
            m = _PURPOSE.search(body_text(clause))
            if m:
                return f"{trim(m.group(0), det.terms, LIMIT)}{cites.mark(Hit(clause, 1.0, 0))}。"
    if CUES["basis"].search(det.text):
        for clause in own:
            m = _BASIS.search(clause.text)
            if m:
                return f"{doc.short_name or doc.title}{m.group(0)}{cites.mark(Hit(clause, 1.0, 0))}。"
    if notice and CUES["recipients"].search(det.text):
        m = _RECIPIENTS.search(notice.text)
        if m:
            return f"{doc.short_name or doc.title}印发给{m.group(1)}{cites.mark(Hit(notice, 1.0, 0))}。"
    if not doc.number and _NUMBER_ASKED.search(det.text):
        # a 政策解读 has no 文号 of its own; the one of the document it explains is written in its text
        said = next(((c, s) for c in own for s in sentences(strip_label(c.text)) if _NUMBER_WRITTEN.search(folded(s))), None)
        if said:
            return f"{trim(said[1], det.terms, LIMIT)}{cites.mark(Hit(said[0], 1.0, 0))}。"
    date, published = (re.sub(r"^(\d{4})-(\d{2})-(\d{2})$", lambda m: f"{m[1]}年{int(m[2])}月{int(m[3])}日", d)
                       for d in (doc.date, doc.published))
    facts = "，".join(x for x in (doc.number and f"文号{doc.number}", doc.issuer and f"由{doc.issuer}",
                                  date and f"于{date}印发", published and published != date and f"{published}发布")
                      if x)
    text = f"{_book(doc.title)}{facts}"
    return f"{text}{cites.mark(Hit(notice, 1.0, 0))}。" if notice else f"{text}。"
