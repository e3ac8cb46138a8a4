"""The lines that say who issued a document — a 通知's signature (澄原市人民政府办公室) and a
reposting page's metadata list (发布机构：…, 标题：…) — are never quoted as an answer (dev12 e059
quoted both for 在哪个办公室)."""

from __future__ import annotations

from rag.answer.extract import candidate_sentences
from rag.model import Clause, Hit


def _sentences(text: str, kind: str = "notice") -> list[str]:
    clause = Clause(id="d:通知", doc_id="d", path=("通知",), kind=kind, title="", text=text)
    return [s for s, _ in candidate_sentences(Hit(clause=clause, score=1.0, rank=1))]


def test_a_signature_line_is_not_quoted():
    said = _sentences("澄原市人民政府办公室关于印发若干措施的通知\n各区人民政府：\n《若干措施》已经市人民政府同意，现印发给你们，请认真贯彻执行。\n"
                      "澄原市人民政府办公室\n2025年9月5日")
    assert not any(s.strip("。") == "澄原市人民政府办公室" for s in said), said
    assert any("认真贯彻执行" in s for s in said), said


def test_a_page_metadata_line_is_not_quoted():
    said = _sentences("机构概况政策文件\n发布机构：澄原市人民政府办公室成文日期：2025年9月5日\n标题：澄原市人民政府办公室关于印发若干措施的通知\n"
                      "文号：澄政办发〔2025〕31号发布日期：2025年9月12日", kind="lead_in")
    assert not any(s.startswith(("发布机构", "标题", "文号")) for s in said), said
