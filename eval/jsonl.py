"""JSON Lines files of the eval sets (``qa.jsonl``, ``alignment_gold.jsonl``), read with line numbers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path


def read_jsonl(path: Path | str) -> Iterator[tuple[int, object]]:
    """Yield ``(line_number, decoded value)`` for every non-blank line of ``path``.

    Args:
        path: The ``.jsonl`` file (UTF-8).

    Raises:
        FileNotFoundError: ``path`` does not exist.
        ValueError: A line is not valid JSON; the message names the file and line.
    """
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(f"{path}:{n}: not valid JSON ({err.msg})") from err
