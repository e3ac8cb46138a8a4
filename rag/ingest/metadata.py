"""A document's metadata read from its own text: title, 文号, issuer, date, level and region.

Documents arrive as a letterhead + 文号 + 关于印发《…》的通知 + signature, as a 实施意见 under its own
heading (青岚市人民政府关于…的实施意见) signed at the end, as a page saved from a government site
(a metadata list 发文机关 / 发文字号 / 成文日期, the title and 文号 repeated, chrome around), as one
flattened line, or in traditional script. ``detect_metadata`` reads, in this order of trust:

1. the site's metadata list (发文字号：…, 发文机关：…, 成文日期：…);
2. the notice title: ``X关于印发《Y》的通知`` gives title Y and issuer X; a heading ``X关于…的意见``
   (no 印发) is itself the title, X its issuer;
3. a title-like paragraph ending in a document type (方案, 意见, 办法 …), reposting prefixes such
   as 【政策转载】 dropped;
4. the 文号 standing on its own line, else the first one in the head that is not a cited
   document's (《…》（鲁政字〔2023〕236号）);
5. the signature: an issuing body right before a date, in the head (a notice) or at the end.

Matching runs on the text folded to simplified script; every value is returned as written.
Level and region follow from the issuer (``level_and_region``).
"""

from __future__ import annotations

import re

from rag.ingest.linejoin import DATE_LINE, DOC_NUMBER, is_title_like
from rag.ingest.numbering import cn_value, numbering_of
from rag.ingest.paragraphs import document_paras
from rag.ingest.script import to_simplified

FIELDS = ("title", "number", "issuer", "date", "published", "level", "region")
_NOTICE = re.compile(r"关于(?:印发|转发|公布)《?(.+?)》?的通知$")
_HEADING = re.compile(r"^(.{2,30}?)关于.{2,60}的(?:通知|意见|实施意见|决定|批复|通告|公告|办法|规定)$")
_DOC_TYPE = re.compile(r"(?:方案|计划|意见|办法|规定|细则|通知|决定|规划|纲要|措施|条例|公告|通告|要点|指南|指引|政策|解读|问答)"
                       r"(?:（[^）]*）)?$")
_ISSUER = re.compile(r"(?:人民政府|办公厅|办公室|委员会|政府|厅|局|部|委|管委会)$")
# The last issuing body in a run of text: 市政府文件海晏市人民政府 → 海晏市人民政府.
_NAME_PART = r"(?:(?![府件文])[\u4e00-\u9fff])"  # a place name holds no 政府 / 文件 of the chrome before it
_ISSUER_TAIL = re.compile(rf"((?:{_NAME_PART}{{1,10}}?(?:省|市|县|区|州|盟|旗|自治区))+(?:人民政府|政府)?"
                          rf"(?:办公厅|办公室|{_NAME_PART}{{0,10}}?(?:委员会|厅|局|委))?|国务院(?:办公厅)?)$")
# A government rule (规章) is promulgated by decree: （…2024年6月3日珂城市人民政府令第15号公布　自…起施行）.
_DECREE = re.compile(r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*([\u4e00-\u9fff]{2,20}?人民政府)(令第\s*\d{1,4}\s*号)公布")
# A page's 来源 names the publishing body when it is one (来源：市住房和城乡建设局), not a site (本网).
_SOURCE = re.compile(r"来\s*源[：:]\s*([\u4e00-\u9fff]{3,30}?(?:人民政府|办公厅|办公室|委员会|厅|局|委))(?![\u4e00-\u9fff])")
# The notice title standing inline in a flattened page: 《》 delimit it safely anywhere.
_INLINE_NOTICE = re.compile(r"关于(?:印发|转发|公布)《([^》]{4,80})》的通知")
_SIGNED = re.compile(r"[。！]\s*([\u4e00-\u9fff]{3,30}?(?:人民政府|办公厅|办公室|委员会|政府|厅|局|委))\s*"
                     r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")
_REPOST = re.compile(r"^(?:【[^】]{1,10}】|\[[^\]]{1,10}\]|转载[：:]|转发[：:])\s*")
_SITE_SUFFIX = re.compile(r"\s*[_|—-]\s*[^_|—-]{2,20}(?:人民政府|政府网|门户网站|网)$")
_LIST_VALUE = r"[：:]\s*([^\s　：:]{2,40})"
_LISTED = {
    "number": re.compile(rf"(?:发文字号|文\s*号){_LIST_VALUE}"),
    "issuer": re.compile(rf"(?:发文机关|发布机构|发文单位|制发机关|印发单位|印发机关|发布单位){_LIST_VALUE}"),
    "date": re.compile(r"(?:成文日期|发文日期|印发日期)[：:]\s*(\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?)"),
    "published": re.compile(r"(?:发布日期|发布时间)[：:]\s*(\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?)"),
    "title": re.compile(r"(?:^|\n)\s*(?:标\s*题|名\s*称)[：:]\s*([^\n]{4,80})"),
}
_DATE = re.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*([\d一二三四五六七八九十]{1,3})\s*月\s*"
                   r"([\d一二三四五六七八九十]{1,3})\s*日")
_MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")
_ADMIN_UNIT = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:特别行政区|自治区|自治州|自治县|省|市|地区|盟|州|县|区|旗)")
_CITED = re.compile(r"《[^》]*》\s*[（(]?$")
# A rule flattened to one line runs its title into the first issuer or its own 文号 (琭城市…管理办法琭城市教育局,
# 玥澜市…暂行办法（玥知规〔2025〕2号): the title ends at its document type where what follows is one of those.
_PLACE_PART = r"(?:(?![局委厅府室会])[\u4e00-\u9fff])"  # (a place's name ends no issuing body)
_GLUED_TITLE = re.compile(r"^(.{4,60}?(?:方案|计划|意见|办法|规定|细则|规则|措施|条例|指南|指引)(?:（(?:试行|暂行)）)?)"
                          r"(?=[（(][^（）()]{1,12}[〔\[［]\d{4}|"
                          rf"((?:{_PLACE_PART}{{1,10}}?(?:省|市|县|区|州|盟|旗))+[\u4e00-\u9fff（）()]{{0,16}}?"
                          rf"(?:人民政府|办公厅|办公室|委员会|政府|厅|局|委))(?:$|\s|{_PLACE_PART}{{1,10}}?(?:省|市|县|区|州|盟|旗)|"
                          r"[\u4e00-\u9fff]{1,6}[〔\[［]\d{4}|\d{4}年))")
# an issuing body glued before a 文号 it is not part of (琭城市公安局琭教规〔2025〕5号)
_BODY_BEFORE_NUMBER = re.compile(r"^[\u4e00-\u9fff]{3,}?(?:人民政府|办公室|委员会|局)(?=[\u4e00-\u9fff]{1,6}[〔\[［(（]\d{4})")


def iso_date(text: str) -> str:
    """``2024年6月3日`` / ``二〇二四年六月三日`` / ``2025-04-15`` → ``YYYY-MM-DD``; ``""`` if none."""
    m = _DATE.search(text) or re.search(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})", text)
    if not m:
        return ""
    try:
        y, mo, d = (cn_value(g) for g in m.groups())
    except ValueError:
        return ""
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 and 1949 <= y <= 2100 else ""


def level_and_region(issuer: str) -> tuple[str, str]:
    """Guess the administrative level and region from an issuing body's name.

    Args:
        issuer: E.g. ``山东省人民政府``, ``聊城市人民政府``, ``国务院办公厅``, ``豐源縣人民政府辦公室``.

    Returns:
        ``(level, region)``: 省 → province, 市 → city, 县/区 → county, 国务院/国家/部委 →
        national (region 全国); ``("other", "")`` when nothing matches. The region is as written.
    """
    folded = to_simplified(issuer or "")
    if not folded:
        return "other", ""
    if folded.startswith(("国务院", "国家", "中共中央", "中华人民共和国")) or re.fullmatch(r"[^省市县区]{2,12}部", folded):
        return "national", "全国"
    units, pos = [], 0
    while m := _ADMIN_UNIT.match(folded, pos):
        units.append((m.start(), m.end()))
        pos = m.end()
    if not units:
        return "other", ""
    start, end = units[-1]
    last, region = folded[start:end], issuer[start:end]
    if last.endswith(("省", "自治区", "特别行政区")) or last in _MUNICIPALITIES:
        return "province", region
    if last.endswith(("市", "自治州", "地区", "盟", "州")):
        return "city", region
    return "county", region


def _issuer_before(folded: str, end: int) -> tuple[int, int] | None:
    """Span of the issuing body that ends at ``folded[:end]`` (after chrome or a sentence)."""
    m = _ISSUER_TAIL.search(folded[max(0, end - 40):end])
    if not m or len(m.group(1)) < 3:
        return None
    return end - len(m.group(1)), end


def detect_metadata(text: str) -> dict[str, str]:
    """Read title, 文号, issuer, date, level and region from a document's text.

    Args:
        text: Raw or normalized document text (any script, flattened or not).

    Returns:
        ``{"title", "number", "issuer", "date", "published", "level", "region"}``; unknown values
        are ``""`` (level ``"other"``). ``published`` is a site's 发布日期, read only from its
        metadata list.
    """
    found = dict.fromkeys(("title", "number", "issuer", "date", "published"), "")
    raw_folded = to_simplified(text)
    for field, pattern in _LISTED.items():  # a site's metadata list (read before chrome goes)
        m = pattern.search(raw_folded[:6000])
        if m:
            value = text[m.start(1):m.end(1)]
            found[field] = iso_date(value) if field in ("date", "published") else value.strip()
    _, paras = document_paras(text)
    plain = [p.text for p in paras]
    folded = [to_simplified(p) for p in plain]
    head = range(min(len(paras), 40))
    for i in head:  # the notice title, or the document's own heading with 关于
        f = folded[i]
        if not is_title_like(f, 90):
            continue
        m = _NOTICE.search(f)
        if m:
            found["title"] = found["title"] or plain[i][m.start(1):m.end(1)]
            span = _issuer_before(f, f.index("关于", max(0, m.start(1) - 6)))
            if span and not found["issuer"]:
                found["issuer"] = plain[i][span[0]:span[1]]
            break
        m = _HEADING.match(f)
        if m and not found["title"]:
            found["title"] = plain[i]
            span = _issuer_before(f, m.end(1))
            if span and not found["issuer"]:
                found["issuer"] = plain[i][span[0]:span[1]]
            break
    listed = _NOTICE.search(to_simplified(found["title"]))
    if listed:  # a site lists the notice's title: the document is the one it issues
        found["title"] = found["title"][listed.start(1):listed.end(1)]
    head_text = "\n".join(folded[:40])[:3000]
    head_plain = "\n".join(plain[:40])  # the same head as written (folding keeps every character's place)
    inline = _INLINE_NOTICE.search(head_text)
    if inline and not found["title"]:
        found["title"] = head_plain[inline.start(1):inline.end(1)]
        span = _issuer_before(head_text, inline.start())
        if span and not found["issuer"]:
            found["issuer"] = head_plain[span[0]:span[1]]
    if not found["title"]:
        found["title"] = next((plain[i] for i in head if is_title_like(folded[i], 60) and _DOC_TYPE.search(folded[i])
                               and not numbering_of(folded[i])), "")
    if not found["title"] or found["title"] in plain[:3]:  # (none, or a whole head paragraph taken for one)
        glued = next(((i, m) for i in range(min(len(paras), 3)) if is_title_like(folded[i], 90)
                      and (m := _GLUED_TITLE.match(folded[i])) and (not found["title"] or plain[i] == found["title"])), None)
        if glued:
            i, m = glued
            found["title"] = plain[i][:m.end(1)]
            if not found["issuer"] and m.group(2):
                found["issuer"] = plain[i][m.start(2):m.end(2)]  # (the first of the issuing bodies)
    if not found["number"]:
        own = next((plain[i] for i in head if DOC_NUMBER.fullmatch(folded[i])), "")
        if not own:
            joined = "\n".join(folded[:12])
            m = next((m for m in DOC_NUMBER.finditer(joined) if not _CITED.search(joined[:m.start()])), None)
            own = "\n".join(plain[:12])[m.start():m.end()] if m else ""
        body = _BODY_BEFORE_NUMBER.match(to_simplified(own))
        found["number"] = own[body.end():] if body else own
    if not found["issuer"] or not found["date"]:
        _signature(found, plain, folded)
    signed = _SIGNED.search(head_text) if not found["date"] else None
    if signed:  # a flattened notice: …请认真遵照执行。松陵县人民政府2024年6月5日
        found["date"] = iso_date(signed.group(2))
        found["issuer"] = found["issuer"] or head_plain[signed.start(1):signed.end(1)]
    decree = _DECREE.search(head_text) if not found["number"] else None
    if decree:  # a rule: its decree number, the promulgating government and day
        found["number"] = head_plain[decree.start(2):decree.end(3)]
        found["issuer"] = found["issuer"] or head_plain[decree.start(2):decree.end(2)]
        found["date"] = found["date"] or iso_date(decree.group(1))
    source = _SOURCE.search(raw_folded[:6000]) if not found["issuer"] else None
    if source:
        found["issuer"] = text[source.start(1):source.end(1)]
    found["date"] = found["date"] or found["published"]  # a page with no other day was issued when published
    found["title"] = _SITE_SUFFIX.sub("", _REPOST.sub("", found["title"])).strip()
    own_number = re.search(r"[（(]([^（）()]{4,30})[）)]$", found["title"])
    if own_number and DOC_NUMBER.fullmatch(own_number.group(1)):  # 芷川市人才安居办法（芷人才办发〔2025〕3号）
        found["title"] = found["title"][:own_number.start()]
        found["number"] = found["number"] or own_number.group(1)
    level, region = level_and_region(found["issuer"])
    if level == "other":  # no issuer of a level (a 办法 flattened to one line, a reposted 问答): its title's place
        level, region = _title_place(found["title"])
    return {**found, "level": level, "region": region}


def _title_place(title: str) -> tuple[str, str]:
    """Level and region of the administrative units a title opens with (芷川市人才安居办法,
    《杞嶺市促進…措施》問答); ``("other", "")`` for a title opening with none (全市, 本省 name none)."""
    start = len(title) - len(title.lstrip("《“【"))
    run, pos = "", start
    folded = to_simplified(title)
    while (m := _ADMIN_UNIT.match(folded, pos)) and m.group()[0] not in "全本我各该":
        run, pos = title[start:m.end()], m.end()
    return level_and_region(run) if run else ("other", "")


def _signature(found: dict[str, str], plain: list[str], folded: list[str]) -> None:
    """Issuer and date from a signature — a date line after an issuing body's line — in the head
    (a notice's), else at the end of the document (a 实施意见 signed below its text)."""
    order = [*range(min(len(plain), 40)), *range(len(plain) - 1, max(len(plain) - 8, 39), -1)]
    for i in order:
        if not DATE_LINE.match(folded[i]):
            continue
        before = folded[i - 1] if i else ""
        if not found["date"]:
            found["date"] = iso_date(folded[i])
        if not found["issuer"] and is_title_like(before, 30) and _ISSUER.search(before):
            found["issuer"] = plain[i - 1]
        if found["date"] and found["issuer"]:
            return
