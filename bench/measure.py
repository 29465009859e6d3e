"""Timing primitives and the results table, shared by every row of the benchmark.

Each row times two commands, N runs interleaved after one untimed warm-up of each, and
judges the ratio of their medians.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

TODAY = "2026-11-25"  # every command that depends on today runs on this day


class BenchError(Exception):
    """A command under measurement failed; the row reports it instead of a figure."""


@dataclass(frozen=True)
class Sample:
    seconds: float
    rss_mb: float


@dataclass(frozen=True)
class Row:
    name: str
    ours: str
    floor: str
    ratio: float | None
    target: str
    verdict: str  # "ok" | "MISS" | "SKIP" | "ERROR"
    note: str = ""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def clean_env() -> dict[str, str]:
    """The user's environment without settings that would redirect git or streakline.

    PYTHONDONTWRITEBYTECODE is dropped too: an installed streakline has its bytecode
    compiled, and without it every timed run would compile our modules from source, which
    the floors (whose libraries were compiled when pip installed them) never pay.
    """
    skipped = ("GIT_", "STREAKLINE_", "PYTHONDONTWRITEBYTECODE")
    return {k: v for k, v in os.environ.items() if not k.startswith(skipped)}


def measure(cmd: Sequence[str]) -> Sample:
    """Run `cmd` once: wall time, and the peak RSS of its process tree.

    `os.wait4` reports the child's own usage merged with that of the children it waited
    for, so `ru_maxrss` is the largest process anywhere in the tree (in KiB on Linux).
    """
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=clean_env())
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            lines = err.read().decode(errors="replace").strip().splitlines() or ["(no output)"]
            raise BenchError(f"exit {proc.returncode}: {lines[-1][:120]}")
    return Sample(elapsed, usage.ru_maxrss / 1024)


def compare(
    ours: Sequence[str], floor: Sequence[str], runs: int
) -> tuple[list[Sample], list[Sample]]:
    """Warm up each command once, then run them interleaved `runs` times."""
    return compare_runs(lambda: measure(ours), lambda: measure(floor), runs)


def compare_runs(
    ours: Callable[[], Sample], floor: Callable[[], Sample], runs: int
) -> tuple[list[Sample], list[Sample]]:
    """Warm up each once, then run them interleaved `runs` times."""
    ours()
    floor()
    a: list[Sample] = []
    b: list[Sample] = []
    for i in range(runs):
        log(f"  run {i + 1}/{runs}")
        a.append(ours())
        b.append(floor())
    return a, b


def measure_together(cmds: Sequence[Sequence[str]]) -> Sample:
    """Start every command at once and wait for all: wall time, largest process's RSS.

    Raises BenchError naming the first command that failed once all have ended.
    """
    with contextlib.ExitStack() as stack:
        errs = [stack.enter_context(tempfile.TemporaryFile()) for _ in cmds]
        procs: list[subprocess.Popen[bytes]] = []
        try:
            start = time.perf_counter()
            for cmd, err in zip(cmds, errs, strict=True):
                procs.append(
                    subprocess.Popen(
                        cmd,
                        stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL,
                        stderr=err,
                        env=clean_env(),
                    )
                )
            rss = 0
            for proc in procs:
                _, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = os.waitstatus_to_exitcode(status)
                rss = max(rss, usage.ru_maxrss)
            elapsed = time.perf_counter() - start
        finally:
            # On an error or Ctrl-C, no scanner is left running behind us.
            for proc in procs:
                if proc.returncode is None:
                    proc.kill()
                    proc.wait()
        failed = [(p, e) for p, e in zip(procs, errs, strict=True) if p.returncode != 0]
        if failed:
            proc, err = failed[0]
            err.seek(0)
            lines = err.read().decode(errors="replace").strip().splitlines() or ["(no output)"]
            raise BenchError(
                f"{len(failed)} of {len(cmds)} failed, first exit {proc.returncode}: "
                f"{lines[-1][:120]}"
            )
    return Sample(elapsed, rss / 1024)


def measure_in_turn(cmds: Sequence[Sequence[str]]) -> Sample:
    """Run the commands one after another: total wall time, largest process's RSS."""
    samples = [measure(cmd) for cmd in cmds]
    return Sample(sum(s.seconds for s in samples), max(s.rss_mb for s in samples))


def median(samples: list[Sample]) -> float:
    return statistics.median(s.seconds for s in samples)


def seconds(x: float) -> str:
    return f"{x:.3f} s"


def row(
    name: str,
    target: str,
    check: Callable[[float], bool],
    run: Callable[[], tuple[list[Sample], list[Sample]]],
    note: str = "",
) -> Row:
    """Time ours against the floor and judge the ratio of medians."""
    try:
        a, b = run()
    except BenchError as exc:
        return Row(name, "-", "-", None, target, "ERROR", str(exc))
    ratio = median(a) / median(b)
    verdict = "ok" if check(ratio) else "MISS"
    return Row(name, seconds(median(a)), seconds(median(b)), ratio, target, verdict, note)


def skipped(name: str, target: str, why: str) -> Row:
    return Row(name, "-", "-", None, target, "SKIP", why)


def render(rows: list[Row]) -> str:
    header = ("name", "ours", "floor", "ratio", "target", "ok")
    table = [
        (r.name, r.ours, r.floor, "-" if r.ratio is None else f"{r.ratio:.3f}", r.target, r.verdict)
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [header, *table]) for i in range(len(header))]
    lines = []
    for line, r in zip([header, *table], [None, *rows], strict=True):
        cells = [
            c.ljust(w) if i in (0, 4, 5) else c.rjust(w)
            for i, (c, w) in enumerate(zip(line, widths, strict=True))
        ]
        text = "  ".join(cells)
        if r is not None and r.note:
            text += f"  {r.note}"
        lines.append(text.rstrip())
    return "\n".join(lines)
