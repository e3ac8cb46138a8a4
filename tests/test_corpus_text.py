"""rag.answer.corpus_text: blocks and pair indexes answer exactly as ``str`` does on the whole text."""

from __future__ import annotations

import random
import re

from rag.answer.corpus_text import CorpusText


def test_holds_and_counts_exactly_as_the_whole_text_does():
    rng = random.Random(5)
    alphabet = "充电基础设施建设牵头单位市发展改革委能源局补贴万元年到"
    lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(5, 60))) for _ in range(400)]
    text = "\n".join(lines)
    indexed = CorpusText(text, block=500)  # many blocks
    assert len(indexed.blocks) > 10 and "".join(indexed.blocks) == text and len(indexed) == len(text)
    words = {line[i:i + n] for line in lines[:50] for n in (1, 2, 3, 5) for i in range(0, len(line) - n, 7)}
    words |= {"".join(rng.choice(alphabet) for _ in range(n)) for n in (2, 3, 4, 6) for _ in range(100)}
    words |= {"氢能船舶", "充电桩", "低空经济", "补贴万元年", "x"}
    for word in words:
        assert (word in indexed) == (word in text), word
        assert indexed.count(word) == text.count(word), word


def test_a_small_text_is_one_block_and_a_pattern_stays_within_a_line():
    small = CorpusText("质量监督检验\n发展和改革")
    assert len(small.blocks) == 1 and "监督" in small and "检验发展" not in small
    assert small.search(re.compile("质.{0,3}检")) and not small.search(re.compile("验.{0,3}发"))
    assert "任何词" not in CorpusText("") and CorpusText("").count("词") == 0


def test_what_stands_before_a_word_within_its_line():
    text = CorpusText("对新认定的国家级、省级企业技术中心给予奖励\n市级企业技术中心不奖励", block=8)
    assert sorted(text.before("企业技术中心", 6)) == ["国家级、省级", "市级"]
