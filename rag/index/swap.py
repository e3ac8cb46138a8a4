"""Replace a whole folder atomically and recover from a crash at any moment of doing so.

A build writes the new index into ``.{name}.build-XXXX`` beside the index folder, then swaps it in
with two renames: index → ``.{name}.old-XXXX``, build → index. Every step holds an exclusive
lock on ``.{name}.lock`` beside the index (``filelock``: ``flock`` on POSIX, ``msvcrt`` on Windows,
so the library imports everywhere), so two builds never interleave their swaps, and whoever holds
the lock knows that any ``.build-*`` / ``.old-*`` folder it sees was left by a killed process.

A kill between the two renames leaves no index folder but a complete ``.old-*``;
``recover_interrupted_swap`` (called by readers that find no index) renames it back, so the
previous index keeps serving. The operating system releases the lock when a process dies.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock

MARKER = "manifest.json"  # a folder holding it is a complete index: it is written last


@contextmanager
def folder_lock(target: Path) -> Iterator[None]:
    """Hold the exclusive lock of ``target`` (blocking until it is free).

    The lock is a file ``.{name}.lock`` beside ``target`` and not the folder itself, because
    Windows cannot lock a folder. A new ``FileLock`` per call: two callers in one process exclude
    each other as two processes do.

    Args:
        target: The folder about to be replaced; its parent must exist.
    """
    with FileLock(lock_path(target)):
        yield


def lock_path(target: Path) -> Path:
    """The lock file of ``target``: ``.{name}.lock`` beside it; it stays there between builds
    (deleting it on release would let a waiting process lock a file nobody else sees)."""
    target = Path(target)
    return target.with_name(f".{target.name}.lock")


def leftovers(target: Path) -> list[Path]:
    """Temporary ``.{name}.build-*`` and ``.{name}.old-*`` folders beside ``target``."""
    target = Path(target)
    if not target.parent.is_dir():
        return []
    prefixes = (f".{target.name}.build-", f".{target.name}.old-")
    return sorted(p for p in target.parent.iterdir() if p.name.startswith(prefixes) and p.is_dir())


def clean_leftovers(target: Path) -> list[Path]:
    """Delete what killed builds left beside ``target``. Call with ``folder_lock`` held.

    Returns:
        The folders removed.
    """
    found = leftovers(target)
    for path in found:
        shutil.rmtree(path, ignore_errors=True)
    return found


def swap_in(tmp: Path, target: Path) -> None:
    """Replace ``target`` by ``tmp``; ``target`` stays whole until the rename. Call with the lock held.

    Args:
        tmp: The complete new folder (same parent as ``target``).
        target: The folder to replace; created when missing.
    """
    if not target.exists():
        os.replace(tmp, target)
        return
    if (target / ".gitkeep").exists():  # the repository tracks an empty index/ folder
        (tmp / ".gitkeep").touch()
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
    os.replace(target, old)
    try:
        os.replace(tmp, target)
    except OSError:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def recover_interrupted_swap(target: Path) -> bool:
    """Put the previous folder back when a swap was killed between its two renames.

    Args:
        target: The index folder that was found missing.

    Returns:
        ``True`` when a previous folder was restored.
    """
    target = Path(target)
    if target.exists() or not target.parent.is_dir():
        return False
    with folder_lock(target):
        if target.exists():  # a build finished its swap while we waited for the lock
            return False
        complete = [p for p in leftovers(target) if ".old-" in p.name and (p / MARKER).is_file()]
        if not complete:
            return False
        newest = max(complete, key=lambda p: (p / MARKER).stat().st_mtime)
        os.replace(newest, target)
        return True
