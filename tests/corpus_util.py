"""A corpus of documents written for a test, ingested as a user would (``policyqa ingest``) and opened."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def opened_corpus(root: Path, files: Mapping[str, str], level: str | None, region: str | None) -> Iterator[object]:
    """Write ``files`` (name → text) under ``root``, ingest them with ``level`` and ``region``, build
    the index and yield the opened ``PolicyQA``."""
    from rag.ingest.edit import add_files, apply_change
    from rag.service import PolicyQA

    corpus = root / "corpus"
    corpus.mkdir()
    paths = []
    for name, text in files.items():
        path = root / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    given = {k: v for k, v in (("level", level), ("region", region)) if v is not None}  # None: read from the text
    apply_change(corpus, lambda: add_files(paths, corpus, **given))
    with PolicyQA.open(corpus, root / "index") as opened:
        yield opened


def corpus_fixture(name: str, files: Mapping[str, str], level: str | None, region: str | None):
    """A module-scoped pytest fixture ``name`` serving ``files`` ingested as a user would
    (``opened_corpus``): ``county = corpus_fixture("county", {"plan.txt": PLAN}, "county", "岫山县")``."""
    import pytest

    @pytest.fixture(scope="module", name=name)
    def served(tmp_path_factory):
        with opened_corpus(tmp_path_factory.mktemp(name), files, level, region) as opened:
            yield opened

    return served


# Another document of ten short measures: beside a test's own few clauses it makes their words as
# specific (rare across the library) as they are in a real one.
FILLER = "\n".join(["澄原市促进消费若干措施", *(f"{n}、支持{thing}发展。对{thing}项目给予一次性奖励{n}0万元。"
                                         for n, thing in zip("一二三四五六七八九十", ("夜间经济", "文旅消费", "汽车消费", "家电以旧换新",
                                                                               "餐饮门店", "体育赛事", "展会经济", "直播电商", "老字号", "社区商业"),
                                                             strict=True))])
