"""Crash safety: ``policyqa build`` / ``policyqa ingest`` killed (SIGKILL) at several moments never
leave a broken index or a half-written corpus, and a tampered index is refused in one line.

Every test works on a temporary copy of the real corpus and index (``serve_util.workspace``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from serve_util import CLI, REPO, cli_env, free_port, workspace
from test_ingest import NOTICE

from rag.index.manifest import MANIFEST, CorruptIndexError
from rag.index.swap import leftovers
from rag.ingest.add import ingest_files
from rag.ingest.corpus import MANIFEST as CORPUS_MANIFEST
from rag.service import PolicyQA

pytestmark = pytest.mark.slow
KILL_TIMEOUT = 600.0


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _serves(corpus_dir: Path, index_dir: Path) -> str:
    """Open the index without rebuilding, run a query, return its version."""
    qa = PolicyQA.open(corpus_dir, index_dir, rebuild="never")
    assert qa.search("充电基础设施", top_k=3).hits
    return qa.index_version


@pytest.fixture(scope="module")
def space(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str, str]:
    """A workspace with a servable index: ``(corpus_dir, index_dir, version, manifest sha)``."""
    corpus_dir, index_dir = workspace(tmp_path_factory.mktemp("crash"))
    qa = PolicyQA.open(corpus_dir, index_dir, rebuild="if-needed")  # builds only if the copy is stale
    return corpus_dir, index_dir, qa.index_version, _sha(index_dir / MANIFEST)


def _wait_for(proc: subprocess.Popen, ready: Callable[[], bool]) -> bool:
    """Poll until ``ready()``; ``False`` if the process ended first."""
    deadline = time.monotonic() + KILL_TIMEOUT
    while not ready():
        if proc.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(0.002)
    return True


def _stat_ino(path: Path) -> int:
    try:
        return path.stat().st_ino
    except FileNotFoundError:
        return -1


MOMENTS = ["early", "embedding", "writing", "after_swap"]


@pytest.mark.parametrize("moment", MOMENTS)
def test_killed_build_leaves_a_servable_index(space, tmp_path: Path, moment: str):
    corpus_dir, index_dir, version, manifest_sha = space
    log = tmp_path / "build.log"
    manifest_ino = _stat_ino(index_dir / MANIFEST)
    moments = {
        "early": lambda: time.sleep(0.3) or True,
        "embedding": lambda: "embedding clauses" in log.read_text(errors="replace"),
        "writing": lambda: bool([p for p in leftovers(index_dir) if ".build-" in p.name]),
        "after_swap": lambda: _stat_ino(index_dir / MANIFEST) not in (manifest_ino, -1),
    }
    with log.open("w") as out:
        # --full: an unchanged corpus would otherwise embed nothing (the cache beside the index)
        proc = subprocess.Popen([*CLI, "build", "--full"], cwd=REPO, env=cli_env(corpus_dir, index_dir),
                                stdout=out, stderr=subprocess.STDOUT)
        reached = _wait_for(proc, moments[moment])
        if moment == "embedding" and reached:
            time.sleep(0.5)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    swapped = _sha(index_dir / MANIFEST) != manifest_sha
    print(f"build killed at {moment!r}: reached={reached}, swapped={swapped}, rc={proc.returncode}")
    served = _serves(corpus_dir, index_dir)
    if not swapped:
        assert served == version  # killed before the swap: the previous index, same version
    if moment in ("early", "embedding"):
        assert reached and not swapped  # the old index is untouched, byte for byte
    if moment == "after_swap":
        assert reached and swapped  # the new index is complete as soon as it is in place


def test_next_build_removes_leftovers_of_killed_builds(space):
    corpus_dir, index_dir, _, _ = space
    for name in (f".{index_dir.name}.build-dead1234", f".{index_dir.name}.old-dead5678"):
        (index_dir.parent / name).mkdir(exist_ok=True)
        (index_dir.parent / name / "vectors.npy").write_bytes(b"half")
    done = subprocess.run([*CLI, "build"], cwd=REPO, env=cli_env(corpus_dir, index_dir),
                          capture_output=True, text=True, timeout=KILL_TIMEOUT)
    assert done.returncode == 0, done.stderr
    assert leftovers(index_dir) == []
    _serves(corpus_dir, index_dir)


def test_swap_killed_between_its_renames_restores_the_old_index(space, tmp_path: Path):
    corpus_dir, index_dir, _, _ = space
    version = _serves(corpus_dir, index_dir)
    work = tmp_path / "w"
    work.mkdir()
    idx = work / "index"
    shutil.copytree(index_dir, idx)
    os.replace(idx, work / ".index.old-killed01")  # first rename done, second never happened
    (work / ".index.build-killed02").mkdir()
    assert _serves(corpus_dir, idx) == version
    assert (idx / MANIFEST).is_file()


@pytest.mark.parametrize(
    ("damage", "file"),
    [("truncate", "vectors.npy"), ("flip", "clauses.json"), ("truncate", "bm25"), ("garble", MANIFEST)],
)
def test_tampered_index_is_refused_in_one_line(space, tmp_path: Path, damage: str, file: str):
    corpus_dir, index_dir, _, _ = space
    bad = tmp_path / "index"
    shutil.copytree(index_dir, bad)
    target = bad / file
    if target.is_dir():
        target = sorted(p for p in target.iterdir() if p.is_file())[0]
    data = target.read_bytes()
    if damage == "truncate":
        target.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        i = len(data) // 2
        target.write_bytes(data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1 :])
    else:
        target.write_bytes(b"{not json")
    with pytest.raises(CorruptIndexError) as info:
        PolicyQA.open(corpus_dir, bad, rebuild="if-needed")
    message = str(info.value)
    assert "\n" not in message and "policyqa build" in message

    port = free_port()
    served = subprocess.run([*CLI, "serve", "--host", "127.0.0.1", "--port", str(port)], cwd=REPO,
                            env=cli_env(corpus_dir, bad), capture_output=True, text=True, timeout=300)
    assert served.returncode == 1
    assert "Traceback" not in served.stderr
    errors = [line for line in served.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and target.name in errors[0], served.stderr
    assert "Uvicorn running" not in served.stderr + served.stdout


# ----------------------------------------------------------------- ingest
@pytest.fixture(scope="module")
def ingest_case(tmp_path_factory: pytest.TempPathFactory):
    """A document to ingest, and the corpus state after a complete ingest of it."""
    root = tmp_path_factory.mktemp("ingest_kill")
    doc = root / "kill-plan.txt"
    doc.write_text("\n".join(NOTICE), encoding="utf-8")
    done = root / "done"
    shutil.copytree(REPO / "corpus", done)
    t0 = time.monotonic()
    finished = subprocess.run([*CLI, "ingest", str(doc), "--corpus-dir", str(done)], cwd=REPO,
                              capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    return doc, _files(done), time.monotonic() - t0


def _files(folder: Path) -> dict[str, bytes]:
    """Listed state of a corpus: visible files only (atomic-write temporaries are hidden)."""
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}


@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.8, 0.9, 0.95, 1.0])
def test_killed_ingest_leaves_corpus_old_or_complete(ingest_case, tmp_path: Path, fraction: float):
    doc, complete, duration = ingest_case
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", corpus_dir)
    before = _files(corpus_dir)
    proc = subprocess.Popen([*CLI, "ingest", str(doc), "--corpus-dir", str(corpus_dir)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(duration * fraction)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = _files(corpus_dir)
    manifest = after[CORPUS_MANIFEST]
    assert manifest in (before[CORPUS_MANIFEST], complete[CORPUS_MANIFEST])
    assert {k: v for k, v in after.items() if k in before and k != CORPUS_MANIFEST} == \
        {k: v for k, v in before.items() if k != CORPUS_MANIFEST}
    for name, data in after.items():  # anything new is complete, never half-written
        assert name in complete and data == complete[name] or name == CORPUS_MANIFEST
    state = "complete" if manifest == complete[CORPUS_MANIFEST] else "old"
    print(f"ingest killed at {fraction:.0%} of {duration:.1f} s: manifest {state}")
    if state == "old":  # a rerun after the crash succeeds and completes the corpus
        ingest_files([doc], corpus_dir)
        assert _files(corpus_dir) == complete


def test_ingest_takes_over_the_text_a_killed_ingest_left(ingest_case, tmp_path: Path):
    doc, complete, _ = ingest_case
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", corpus_dir)
    (corpus_dir / "kill-plan.txt").write_bytes(complete["kill-plan.txt"])  # killed before the manifest
    ingest_files([doc], corpus_dir)
    assert _files(corpus_dir) == complete
    other = tmp_path / "corpus2"
    shutil.copytree(REPO / "corpus", other)
    (other / "kill-plan.txt").write_bytes(b"someone else's file")
    with pytest.raises(ValueError, match="cannot store"):
        ingest_files([doc], other)
