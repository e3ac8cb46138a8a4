"""What a build computed once and never needs to compute again: embeddings and BM25 tokens.

Embedding is the slow step of a build (about 15 clauses/s with e5 on two cores): a corpus of
10,000 clauses takes ten minutes to embed, while everything else takes seconds. This cache keys
each clause's vector by the embedder's name and the sha256 of the very text that was embedded,
and each clause's BM25 tokens by a digest of the tokenizer (its code, jieba's version, the
domain dictionary and the stopwords) and the sha256 of the text that was tokenized. A rebuild
then embeds only new or changed texts and tokenizes again only when the dictionary changed.

Why sqlite, in one file beside the index folder (``index.cache.sqlite`` next to ``index/``):
entries are addressed by content, so they are right forever and need not be swapped with the
index — the index folder is replaced as a whole on every build, and copying 150 MB of vectors
into each new folder would cost more than the lookup saves. sqlite gives a transaction per
batch (a killed build keeps what it embedded and never leaves half an entry), readers while a
build writes, lookups by key without loading the whole cache, and it ships with Python.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np

CACHE_SUFFIX = ".cache.sqlite"
KEEP_TOKEN_SETS = 2  # dictionaries whose tokens are kept (the current one and the one before)
_BATCH = 500  # keys per lookup (sqlite allows 999 parameters by default)
_SEP = "\x1f"  # between tokens: jieba never puts a control character inside a token


def cache_path(index_dir: Path) -> Path:
    """Where the cache of ``index_dir`` lives: ``index/`` → ``index.cache.sqlite`` beside it."""
    index_dir = Path(index_dir)
    return index_dir.with_name(index_dir.name + CACHE_SUFFIX)


def text_key(text: str) -> bytes:
    """The cache key of a text: its sha256 digest."""
    return hashlib.sha256(text.encode("utf-8")).digest()


class IndexCache:
    """Embeddings and token lists of clause texts, in one sqlite file.

    Args:
        path: The database file (created with its folder when missing).

    Raises:
        sqlite3.DatabaseError: The file exists but is not a usable cache (the caller may delete it).
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path), timeout=60.0, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")  # readers go on while a build writes
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript("""
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS vectors (embedder TEXT NOT NULL, text_key BLOB NOT NULL,
                vector BLOB NOT NULL, PRIMARY KEY (embedder, text_key)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS tokens (tokenizer TEXT NOT NULL, text_key BLOB NOT NULL,
                tokens TEXT NOT NULL, PRIMARY KEY (tokenizer, text_key)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS token_sets (tokenizer TEXT PRIMARY KEY, used REAL NOT NULL);
        """)
        self._db.execute("INSERT OR IGNORE INTO meta VALUES ('id', ?)", (uuid.uuid4().hex,))

    @property
    def id(self) -> str:
        """A random id made when the file was created: an index built with another (or no) cache
        file names another id, which tells a build to seed this one from that index."""
        return self._db.execute("SELECT value FROM meta WHERE key = 'id'").fetchone()[0]

    def close(self) -> None:
        """Close the database (closing twice is harmless)."""
        self._db.close()

    def __enter__(self) -> IndexCache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _lookup(self, table: str, column: str, owner_field: str, owner: str,
                keys: Sequence[bytes]) -> dict[bytes, object]:
        found: dict[bytes, object] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), _BATCH):
            chunk = unique[start:start + _BATCH]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT text_key, {column} FROM {table} WHERE {owner_field} = ? "
                                    f"AND text_key IN ({marks})", (owner, *chunk))
            found.update(rows.fetchall())
        return found

    # ----------------------------------------------------------------- vectors
    def get_vectors(self, embedder: str, dim: int, keys: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        """The cached vectors of these keys for ``embedder`` (a vector of another dim is ignored)."""
        raw = self._lookup("vectors", "vector", "embedder", embedder, keys)
        return {k: np.frombuffer(v, np.float32) for k, v in raw.items() if len(v) == 4 * dim}

    def put_vectors(self, embedder: str, items: Mapping[bytes, np.ndarray]) -> None:
        """Store vectors (float32) in one transaction."""
        rows = [(embedder, k, np.ascontiguousarray(v, np.float32).tobytes()) for k, v in items.items()]
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)

    def vector_count(self, embedder: str | None = None) -> int:
        """Vectors held (of one embedder, or of all)."""
        if embedder is None:
            return self._db.execute("SELECT count(*) FROM vectors").fetchone()[0]
        return self._db.execute("SELECT count(*) FROM vectors WHERE embedder = ?", (embedder,)).fetchone()[0]

    # ----------------------------------------------------------------- tokens
    def get_tokens(self, tokenizer: str, keys: Sequence[bytes]) -> dict[bytes, list[str]]:
        """The cached token lists of these keys for the tokenizer digest ``tokenizer``."""
        raw = self._lookup("tokens", "tokens", "tokenizer", tokenizer, keys)
        return {k: (v.split(_SEP) if v else []) for k, v in raw.items()}

    def put_tokens(self, tokenizer: str, items: Mapping[bytes, Iterable[str]]) -> None:
        """Store token lists in one transaction and note the tokenizer as just used."""
        rows = [(tokenizer, k, _SEP.join(v)) for k, v in items.items()]
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT OR REPLACE INTO tokens VALUES (?, ?, ?)", rows)
            self._db.execute("INSERT OR REPLACE INTO token_sets VALUES (?, ?)", (tokenizer, time.time()))

    def touch_tokens(self, tokenizer: str) -> None:
        """Note that a build used the tokens of ``tokenizer`` (they are kept by ``prune_tokens``)."""
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO token_sets VALUES (?, ?)", (tokenizer, time.time()))

    def prune_tokens(self, keep: int = KEEP_TOKEN_SETS) -> int:
        """Drop the tokens of all but the ``keep`` most recently used dictionaries: tokens of an
        old dictionary are never read again once the corpus has moved on.

        Returns:
            Token lists deleted.
        """
        sets = [r[0] for r in self._db.execute("SELECT tokenizer FROM token_sets ORDER BY used DESC")]
        stale = sets[keep:]
        deleted = 0
        with self._db:
            self._db.execute("BEGIN")
            for tokenizer in stale:
                deleted += self._db.execute("DELETE FROM tokens WHERE tokenizer = ?", (tokenizer,)).rowcount
                self._db.execute("DELETE FROM token_sets WHERE tokenizer = ?", (tokenizer,))
        return deleted
