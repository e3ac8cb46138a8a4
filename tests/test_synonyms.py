"""Colloquial → official query expansion (rag.retrieval.synonyms)."""

from __future__ import annotations

from rag.retrieval.synonyms import COLLOQUIAL, expand

CORPUS = "推动新能源汽车出口，建设充电基础设施，培育新能源客车"


def holds(word: str) -> bool:
    return word in CORPUS


def test_official_words_the_corpus_holds_are_added():
    out = expand("电动大巴卖到国外的目标", holds)
    assert out == {"卖到国外": ("出口",), "大巴": ("客车",)}


def test_words_the_corpus_lacks_or_the_question_has_are_left_out():
    assert expand("充电桩", holds) == {"充电桩": ("充电基础设施",)}  # 充电设施 is not in CORPUS
    assert expand("新能源汽车出口", holds) == {}  # nothing colloquial
    assert expand("电动车出口", holds) == {"电动车": ("新能源汽车",)}


def test_longer_keys_win():
    table = {"电池": ("蓄电池",), "旧电池": ("废旧",)}
    assert expand("旧电池怎么办", lambda w: True, table) == {"旧电池": ("废旧",)}


def test_the_map_is_domain_vocabulary():
    assert all(key and words and all(words) for key, words in COLLOQUIAL.items())


def test_how_an_enterprise_names_its_owner_and_relatives():
    rule = "企业吸纳的人员为企业法定代表人、股东及其直系亲属的，不予补贴"
    out = expand("公司招的是老板的亲戚", lambda w: w in rule)
    assert out["老板"] == ("法定代表人", "股东") and out["亲戚"] == ("亲属",)
