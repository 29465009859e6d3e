"""Pure: the problems a scan found in post versions -> warnings a writer can act on (SPEC 4).

A problem in the version at the tip of the branch is named with its path: the writer can
open the file and fix it. Problems found only in older versions, gone at the tip, are
history nobody can change; they are counted in one line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

# A problem's kind is its text up to the first detail: "impossible date '2024-00-00'
# ignored" is an "impossible date", "front matter does not parse: ..." is itself.
_DETAIL = re.compile(r"[:;(]| '| \"")


@dataclass(frozen=True, slots=True)
class Flawed:
    """One version of a post in which reading found problems."""

    lineage: int
    commit: str
    blob: str
    problems: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Tip:
    """Where a lineage stands at the end of the scan: its path, and its blob unless deleted."""

    path: str
    blob: str | None


def problem_kind(problem: str) -> str:
    return _DETAIL.split(problem, maxsplit=1)[0].strip() or problem


def compute_warnings(
    flawed: Iterable[Flawed],
    tips: Mapping[int, Tip],
    is_post_path: Callable[[str], bool],
) -> list[str]:
    """Named problems of tip versions (by path), then one summary line for older versions.

    Only posts count: a lineage is one by its latest path (SPEC 5). An older version's
    problem of a kind its post still has at the tip is left to the named warning.
    """
    at_tip: dict[int, Flawed] = {}
    older: list[Flawed] = []
    for version in flawed:
        tip = tips[version.lineage]
        if not is_post_path(tip.path):
            continue
        if version.blob == tip.blob:
            at_tip[version.lineage] = version  # the latest commit that wrote this content
        else:
            older.append(version)
    named = sorted(
        (tips[lineage].path, version.commit, problem)
        for lineage, version in at_tip.items()
        for problem in dict.fromkeys(version.problems)
    )
    lines = [f"{path} at {commit[:10]}: {problem}" for path, commit, problem in named]
    still = {
        lineage: {problem_kind(p) for p in version.problems} for lineage, version in at_tip.items()
    }
    kinds: Counter[str] = Counter()
    versions: set[tuple[int, str]] = set()
    for version in older:
        gone = {problem_kind(p) for p in version.problems} - still.get(version.lineage, set())
        if gone and (version.lineage, version.blob) not in versions:
            versions.add((version.lineage, version.blob))
            kinds.update(gone)
    if versions:
        posts = len({lineage for lineage, _ in versions})
        counts = ", ".join(f"{kind}: {n}" for kind, n in sorted(kinds.items(), key=_by_count))
        lines.append(
            f"{_plural(len(versions), 'old version')} of {_plural(posts, 'post')} had problems "
            f"that are gone at the tip ({counts})"
        )
    return lines


def _by_count(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
