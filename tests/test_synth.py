"""eval.synth: the synthetic corpus is deterministic, well-formed and realistic enough to index."""

from __future__ import annotations

from collections import Counter

import pytest

from eval.synth import render_raw, synth_corpus


@pytest.fixture(scope="module")
def corpus():
    return synth_corpus(3000, seed=7)


def test_count_and_unique_ids(corpus):
    documents, clauses = corpus
    assert len(clauses) == 3000
    assert len({c.id for c in clauses}) == 3000
    doc_ids = {d.id for d in documents}
    assert len(doc_ids) == len(documents) > 1
    assert {c.doc_id for c in clauses} <= doc_ids
    assert all(c.id.startswith(c.doc_id + ":") for c in clauses)


def test_deterministic_for_a_seed(corpus):
    assert synth_corpus(3000, seed=7) == corpus
    assert synth_corpus(3000, seed=8)[1] != corpus[1]


def test_realistic_metadata(corpus):
    documents, clauses = corpus
    kinds = Counter(c.kind for c in clauses)
    assert kinds["item"] > kinds["column"] > 0 and kinds["notice"] == len(documents)
    with_lead = [c for c in clauses if c.lead]
    assert len(with_lead) > len(clauses) // 3
    assert all("牵头单位" in c.text and all(d in c.text for d in c.lead) for c in with_lead)
    assert all(not set(c.lead) & set(c.support) for c in clauses)
    with_targets = [c for c in clauses if c.targets]
    assert len(with_targets) > len(clauses) // 10
    assert all(t.raw in c.text and t.year for c in with_targets for t in c.targets)
    assert {d.level for d in documents} == {"city", "province"}
    assert len({d.region for d in documents}) > 5


def test_offsets_match_rendered_raw(corpus):
    documents, clauses = corpus
    doc_id = documents[0].id
    own = [c for c in clauses if c.doc_id == doc_id]
    raw = render_raw(own)
    assert all(raw[c.start:c.end] == c.text for c in own)


def test_bad_count():
    with pytest.raises(ValueError, match="n_clauses must be at least 1"):
        synth_corpus(0)
    assert len(synth_corpus(1)[1]) == 1
