"""Golden files in tests/golden/, compared byte for byte or rewritten with --update-golden."""

from __future__ import annotations

from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"


def check_golden(request: pytest.FixtureRequest, name: str, text: str) -> None:
    path = GOLDEN / name
    if request.config.getoption("--update-golden"):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text.encode())
        return
    assert path.exists(), f"{path} is missing: run pytest --update-golden"
    assert text == path.read_bytes().decode(), f"{name} changed: see `pytest --update-golden`"
