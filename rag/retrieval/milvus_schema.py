"""What the Milvus collection looks like and how it is addressed: schema, analyzer, filters.

``create_collection`` lays out one collection per index — per clause its id, doc id, level and
region (for filters), the indexing text with a jieba analyzer, the sparse vector Milvus's BM25
function fills from that text, the dense embedding and a hash of the row (for incremental syncs). ``jieba_analyzer`` builds the analyzer
from what ``rag.retrieval.tokenize.Tokenizer`` knows, ``filter_expr`` turns a ``Filter`` into a Milvus
boolean expression and ``quote`` escapes the values that go into one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rag.retrieval.base import Filter

DEFAULT_ANALYZER = {"tokenizer": "jieba"}
MAX_TEXT_BYTES = 65_535  # Milvus VARCHAR limit
# rank-bm25 / bm25s defaults, as the local backend uses; a Milvus server would default to k1=1.2.
# (Milvus Lite 3.2 drops these index params but uses the same values by default.)
BM25_PARAMS = {"bm25_k1": 1.5, "bm25_b": 0.75}


def quote(value: str) -> str:
    """A Milvus filter-expression string literal for ``value``, escaped so that no value can
    change the expression (ids come from manifests and requests).

    Raises:
        ValueError: ``value`` holds a control character other than tab, CR or LF.
    """
    if any(ord(ch) < 0x20 and ch not in "\t\r\n" for ch in value):
        raise ValueError(f"filter value {value!r} holds a control character; not allowed")
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"')
               .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"))
    return f'"{escaped}"'


def filter_expr(where: Filter | None) -> str:
    """The Milvus boolean expression for ``where`` (``""`` for no filter).

    An empty set filters everything out, as ``Filter.allows`` does.
    """
    if where is None or where.is_empty:
        return ""
    parts = []
    for field_name, values in (("doc_id", where.doc_ids), ("level", where.levels),
                               ("region", where.regions)):
        if values is not None:
            parts.append(f"{field_name} in [{', '.join(quote(v) for v in sorted(values))}]")
    return " and ".join(parts)


def ids_expr(clause_ids: Iterable[str]) -> str:
    """The Milvus expression selecting exactly these clause ids."""
    return f"clause_id in [{', '.join(map(quote, clause_ids))}]"


def jieba_analyzer(domain_words: Iterable[str] = (), stopwords: Iterable[str] = ()) -> dict:
    """Milvus analyzer params: jieba in search mode with extra dictionary words and a stop filter.

    Args:
        domain_words: Words to keep whole (``Tokenizer.domain_words``: 牵头单位 names, headline
            terms), added to jieba's default dictionary.
        stopwords: Tokens to drop (``Tokenizer.stopwords``).

    Returns:
        ``analyzer_params`` for the text field (JSON-able, so it can be fingerprinted).

    Raises:
        ValueError: A word is empty or holds whitespace.
    """
    words, stops = list(dict.fromkeys(domain_words)), sorted(set(stopwords))
    bad = [w for w in (*words, *stops) if not w or any(ch.isspace() for ch in w)]
    if bad:
        raise ValueError(f"analyzer words {bad[:5]!r} are empty or hold whitespace")
    params: dict = {"tokenizer": {"type": "jieba", "dict": ["_default_", *words], "mode": "search",
                                  "hmm": True}}
    if stops:
        params["filter"] = [{"type": "stop", "stop_words": stops}]
    return params


def clip_bytes(text: str, limit: int = MAX_TEXT_BYTES) -> str:
    """``text`` cut to at most ``limit`` UTF-8 bytes (on a character boundary)."""
    raw = text.encode("utf-8")
    # A clause longer than Milvus's VARCHAR limit keeps its head rather than failing the build.
    return text if len(raw) <= limit else raw[:limit].decode("utf-8", errors="ignore")


def create_collection(pm, client, collection: str, dim: int, analyzer: Mapping) -> None:
    """Create the clause collection with its BM25 function and both vector indexes.

    Args:
        pm: The ``pymilvus`` module.
        client: An open ``MilvusClient``.
        collection: Collection name.
        dim: Dimension of the dense vectors.
        analyzer: ``analyzer_params`` of the text field (see ``jieba_analyzer``).
    """
    schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field("clause_id", pm.DataType.VARCHAR, is_primary=True, max_length=1024)
    for name in ("doc_id", "level", "region"):
        schema.add_field(name, pm.DataType.VARCHAR, max_length=512)
    schema.add_field("text", pm.DataType.VARCHAR, max_length=MAX_TEXT_BYTES,
                     enable_analyzer=True, analyzer_params=analyzer)
    schema.add_field("sparse", pm.DataType.SPARSE_FLOAT_VECTOR)
    schema.add_field("dense", pm.DataType.FLOAT_VECTOR, dim=dim)
    # What the row holds, hashed (``rag.retrieval.milvus_write.row_hash``): a sync rewrites only rows whose hash differs.
    schema.add_field("row_hash", pm.DataType.VARCHAR, max_length=64)
    schema.add_function(pm.Function(name="text_bm25", function_type=pm.FunctionType.BM25,
                                    input_field_names=["text"],
                                    output_field_names=["sparse"]))
    index = client.prepare_index_params()
    index.add_index(field_name="dense", index_type="AUTOINDEX", metric_type="COSINE")
    index.add_index(field_name="sparse", index_type="SPARSE_INVERTED_INDEX",
                    metric_type="BM25", params=dict(BM25_PARAMS))
    # Strong consistency: a search right after build must see every row.
    client.create_collection(collection, schema=schema, index_params=index,
                             consistency_level="Strong")
