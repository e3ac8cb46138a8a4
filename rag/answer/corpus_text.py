"""The corpus' whole text, asked "does it hold this word, how often" in time that does not grow with it.

Reading a question asks of several words whether the corpus holds them at all (a topic the
corpus lacks, a department it never names). Scanning 25 million characters of a 100,000-clause
library for a word it does not hold takes milliseconds per word; ``CorpusText`` cuts the text
into blocks of about ``BLOCK`` characters at line ends and keeps, for every character pair, the
blocks that hold it (sorted numpy arrays). A word is then searched only in the blocks holding all
of its pairs — for a word the corpus lacks, usually none. Answers are exact: a word never spans
two lines, and blocks end at line ends.
"""

from __future__ import annotations

import re

import numpy as np

BLOCK = 1 << 18  # characters per block: about 100 blocks for a 100k-clause library


def _pairs(text: str) -> np.ndarray:
    """The distinct character pairs of ``text`` as sorted uint64 codes."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    return np.unique((codes[:-1] << np.uint64(32)) | codes[1:])


class CorpusText:
    """The folded text of every clause, title and document field, one per line.

    Args:
        text: The text (lines joined by ``\\n``).
        block: Characters per block (a block ends at the first line end after it).
    """

    def __init__(self, text: str, block: int = BLOCK):
        self.blocks: list[str] = []
        start = 0
        while start < len(text):
            end = text.find("\n", start + block)
            end = len(text) if end < 0 else end + 1
            self.blocks.append(text[start:end])
            start = end
        self._keys = np.empty(0, np.uint64)
        self._ids = np.empty(0, np.uint32)
        if len(self.blocks) > 1:
            pairs = [_pairs(b) for b in self.blocks]
            keys = np.concatenate(pairs)
            ids = np.concatenate([np.full(len(p), n, np.uint32) for n, p in enumerate(pairs)])
            order = np.argsort(keys, kind="stable")  # blocks stay in text order within a pair
            self._keys, self._ids = keys[order], ids[order]

    def __len__(self) -> int:
        return sum(map(len, self.blocks))

    def _candidates(self, word: str) -> list[str]:
        """The blocks that may hold ``word``: those holding each of its character pairs."""
        if len(self.blocks) <= 1 or len(word) < 2 or "\n" in word:
            return self.blocks
        chosen: np.ndarray | None = None
        for key in _pairs(word):
            lo, hi = np.searchsorted(self._keys, key, "left"), np.searchsorted(self._keys, key, "right")
            found = self._ids[lo:hi]
            chosen = found if chosen is None else np.intersect1d(chosen, found, assume_unique=True)
            if not len(chosen):
                return []
        return [self.blocks[i] for i in chosen]

    def __contains__(self, word: str) -> bool:
        return any(word in b for b in self._candidates(word))

    def count(self, word: str) -> int:
        """Non-overlapping occurrences of ``word`` (as ``str.count``)."""
        return sum(b.count(word) for b in self._candidates(word))

    def before(self, word: str, span: int, limit: int = 200) -> list[str]:
        """The ``span`` characters before each occurrence of ``word`` (at most ``limit``), each
        cut at the line start."""
        out: list[str] = []
        for b in self._candidates(word):
            for m in re.finditer(re.escape(word), b):
                out.append(b[max(0, m.start() - span):m.start()].rsplit("\n", 1)[-1])
                if len(out) >= limit:
                    return out
        return out

    def sentences(self, word: str, limit: int = 200) -> list[str]:
        """The sentences (cut at 。；！？ and line ends) holding ``word`` (at most ``limit``)."""
        out: list[str] = []
        for b in self._candidates(word):
            for m in re.finditer(re.escape(word), b):
                start = max(b.rfind(c, 0, m.start()) for c in "。；！？\n") + 1
                ends = [i for i in (b.find(c, m.end()) for c in "。；！？\n") if i >= 0]
                out.append(b[start:min(ends, default=len(b))])
                if len(out) >= limit:
                    return out
        return out

    def search(self, pattern: re.Pattern) -> bool:
        """Whether ``pattern`` matches within one line of the text (a full scan)."""
        return any(pattern.search(b) for b in self.blocks)
