"""rag.ingest.lifecycle: 有效期 and 废止 read from a document's own words."""

from __future__ import annotations

import pytest

from rag.ingest.lifecycle import Standing, read_standing, repealed_ids
from rag.model import Document


@pytest.mark.parametrize(
    ("text", "issued", "expires"),
    [
        ("第二十条 本办法自2024年7月1日起施行，有效期5年。", "", "2029-06-30"),
        ("本方案自印发之日起实施，有效期至2027年12月31日。", "", "2027-12-31"),
        ("有效期至二〇二七年十二月三十一日。", "", "2027-12-31"),
        ("本意见自印发之日起施行，有效期三年。", "2024-02-29", "2027-02-28"),
        ("本措施自发布之日起施行，有效期为２年。", "2023-05-10", "2025-05-09"),  # full-width digits
        ("本通知自2025年1月1日起执行，有效期至2026年12月31日。", "", "2026-12-31"),
        # not about the document itself: one subsidy's term
        ("对企业给予补贴，补贴政策有效期至2025年12月31日。", "", ""),
        # a term without a start and no issue date to count from
        ("本办法有效期5年。", "", ""),
        ("本办法自印发之日起施行。", "2024-01-01", ""),
    ],
)
def test_expiry(text, issued, expires):
    assert read_standing(text, issued).expires == expires


def test_the_last_statement_wins():
    text = "本方案有效期至2025年12月31日。……经评估，本方案有效期至2027年6月30日。"
    assert read_standing(text).expires == "2027-06-30"


def test_repealed_documents_by_title_and_number():
    text = ("本办法自2024年7月1日起施行。《山东省新能源汽车产业发展规划》（鲁政办发〔2019〕12号）同时废止。"
            "原《聊城市充电设施管理办法》即行废止。")
    standing = read_standing(text)
    assert standing.repeals == ("山东省新能源汽车产业发展规划", "鲁政办发〔2019〕12号", "聊城市充电设施管理办法")
    docs = [Document(id="plan", title="山东省新能源汽车产业发展规划（2019—2025年）"),
            Document(id="rules", title="聊城市充电设施管理暂行办法", number="聊政办发[2020]7号"),
            Document(id="by-number", title="另一个标题", number="鲁政办发〔2019〕12号"),
            Document(id="self", title="山东省新能源汽车产业发展规划")]
    assert repealed_ids(standing, docs, own_id="self") == ["plan", "by-number"]


def test_mentions_without_repeal_words_name_nothing():
    assert read_standing("现将《山东省新能源汽车产业发展规划》印发给你们。").repeals == ()
    assert repealed_ids(Standing(), [Document(id="a", title="甲方案")]) == []
