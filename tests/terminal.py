"""Running the console script with stdout or stderr on a real pseudo-terminal, as in a shell."""

from __future__ import annotations

import os
import pty
import subprocess
import termios
import threading
from dataclasses import dataclass
from typing import IO

from gitrepo import streakline_exe


@dataclass(frozen=True)
class Output:
    exit_code: int
    stdout: bytes
    stderr: bytes

    @property
    def detail(self) -> str:
        return (
            f"exit {self.exit_code}\n--- stdout\n{self.stdout.decode(errors='replace')}"
            f"--- stderr\n{self.stderr.decode(errors='replace')}"
        )


def _terminal() -> tuple[int, int]:
    """A pseudo-terminal that passes bytes on as written, without turning `\\n` into `\\r\\n`."""
    leader, follower = pty.openpty()
    attrs = termios.tcgetattr(follower)
    attrs[1] &= ~termios.ONLCR
    termios.tcsetattr(follower, termios.TCSANOW, attrs)
    return leader, follower


def _drain_terminal(leader: int, into: list[bytes]) -> None:
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: every process holding the terminal has closed it
            return
        if not chunk:
            return
        into.append(chunk)


def _drain_pipe(pipe: IO[bytes], into: list[bytes]) -> None:
    while chunk := pipe.read(65536):
        into.append(chunk)


def run_streakline(
    *args: str,
    env: dict[str, str] | None = None,
    stdout_tty: bool = False,
    stderr_tty: bool = False,
    timeout: float = 300,
) -> Output:
    """Runs the installed `streakline`; each stream is a terminal or a pipe, as asked."""
    terminals = {
        name: _terminal() for name, on_tty in (("out", stdout_tty), ("err", stderr_tty)) if on_tty
    }
    proc = subprocess.Popen(
        [str(streakline_exe()), *args],
        stdin=subprocess.DEVNULL,
        stdout=terminals["out"][1] if "out" in terminals else subprocess.PIPE,
        stderr=terminals["err"][1] if "err" in terminals else subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    chunks: dict[str, list[bytes]] = {"out": [], "err": []}
    readers = []
    for name, pipe in (("out", proc.stdout), ("err", proc.stderr)):
        if name in terminals:
            leader, follower = terminals[name]
            os.close(follower)  # else the terminal stays open after the process ends
            reader = threading.Thread(target=_drain_terminal, args=(leader, chunks[name]))
        else:
            assert pipe is not None
            reader = threading.Thread(target=_drain_pipe, args=(pipe, chunks[name]))
        reader.start()
        readers.append(reader)
    try:
        code = proc.wait(timeout=timeout)
    finally:
        proc.kill()
        for reader in readers:
            reader.join(timeout=10)
        for leader, _ in terminals.values():
            os.close(leader)
        for pipe in (proc.stdout, proc.stderr):
            if pipe is not None:
                pipe.close()
    return Output(code, b"".join(chunks["out"]), b"".join(chunks["err"]))
