"""Writing the files `export` and the hook build: only those whose bytes changed.

A site build (or a commit hook) that reads a file while it is written must see the old
bytes or the new, never half of them: each file is written next to its target and moved
over it in one rename.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from streakline.errors import StreaklineError


@dataclass(frozen=True)
class OutputFile:
    path: str  # posix path from the repo root
    data: bytes


def _target(root: Path, rel: str) -> Path:
    """Where `rel` lands, refused when it would leave the repo (`..`, a link to elsewhere)."""
    parts = rel.split("/")
    if rel.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise StreaklineError(f"{rel!r} is not a path inside the repo; nothing was written")
    target = root.joinpath(*parts)
    resolved_root = root.resolve()
    # The nearest folder that exists decides where the folders still to make will be.
    existing = target.parent
    while not existing.exists() and existing != root:
        existing = existing.parent
    if not existing.resolve().is_relative_to(resolved_root):
        raise StreaklineError(
            f"{rel} would be written outside the repo (a folder on its way is a link); "
            "nothing was written"
        )
    return target


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None


def _replace(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    # Made with 0o666 less the umask, as any file the writer makes; mkstemp would give 0o600.
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_outputs(root: Path, files: Iterable[OutputFile]) -> list[str]:
    """Write each file whose bytes differ from what is there (making folders as needed).

    Every path is checked before anything is written. Returns the paths written, sorted.
    """
    planned = [(f, _target(root, f.path)) for f in files]
    changed = []
    for file, target in planned:
        if _read(target) == file.data:
            continue
        _replace(target, file.data)
        changed.append(file.path)
    return sorted(changed)
