"""The layers hold: reading posts and computing statistics never reach git or the database.

Imports are walked in the source (lazy ones inside functions included, type-only ones under
`if TYPE_CHECKING:` left out), so a module that would import the git layer on some path is
caught even when no test takes that path.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from gitrepo import Cli, GitRepo, markdown

SRC = Path(__file__).resolve().parents[1] / "src"
PURE = (
    "streakline.frontmatter", "streakline.formats.markdown", "streakline.formats.rst",
    "streakline.formats.asciidoc", "streakline.formats.org", "streakline.formats.html",
    "streakline.metadata", "streakline.recover", "streakline.simpleyaml", "streakline.words",
    "streakline.dates", "streakline.lineage", "streakline.changes", "streakline.rules",
    "streakline.stats", "streakline.streaks", "streakline.report", "streakline.detect",
    "streakline.render.screen", "streakline.render.posts", "streakline.render.board",
    "streakline.render.calendar", "streakline.render.charts",
    "streakline.achievements", "streakline.exporting", "streakline.render.milestones",
    "streakline.pace", "streakline.render.cells", "streakline.render.layout",
    "streakline.render.history", "streakline.render.names", "streakline.render.compact",
)  # fmt: skip
FORBIDDEN = ("streakline.gitscan", "streakline.store", "streakline.models", "sqlalchemy", "git")


def module_file(name: str) -> Path | None:
    base = SRC.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def runtime_imports(name: str) -> set[str]:
    """Modules `name` imports at run time, at its top or inside its functions."""
    path = module_file(name)
    assert path is not None, name
    tree = ast.parse(path.read_text(), str(path))
    type_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            type_only.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m}


def closure(name: str) -> dict[str, str]:
    """Every module reachable from `name`, each with the module that imported it first."""
    seen: dict[str, str] = {name: ""}
    todo = [name]
    while todo:
        current = todo.pop()
        for imported in sorted(runtime_imports(current)):
            top = imported.split(".")[0]
            if imported in seen or (top == "streakline" and module_file(imported) is None):
                continue
            seen[imported] = current
            if top == "streakline":
                todo.append(imported)
    return seen


@pytest.mark.parametrize("name", PURE)
def test_pure_modules_never_reach_git_or_the_database(name: str) -> None:
    reached = closure(name)
    bad = sorted(
        f"{module} (imported by {reached[module]})"
        for module in reached
        if any(module == f or module.startswith(f + ".") for f in FORBIDDEN)
    )
    assert bad == []


def test_the_walk_sees_lazy_imports() -> None:
    """service imports the store inside functions only; the walk must still find it."""
    assert "streakline.store" in closure("streakline.service")
    assert "streakline.gitscan" in closure("streakline.service")


def test_no_module_edits_os_environ() -> None:
    edits = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            text = ast.unparse(node) if isinstance(node, ast.Call | ast.Assign | ast.Delete) else ""
            if (
                "os.environ" in text
                and any(
                    f"os.environ.{verb}(" in text
                    for verb in ("pop", "clear", "update", "setdefault")
                )
            ) or (isinstance(node, ast.Assign | ast.Delete) and "os.environ[" in text):
                edits.append(f"{path.relative_to(SRC)}:{node.lineno}: {text[:80]}")
    assert edits == []


def test_a_scan_leaves_the_hooks_git_variables_in_place(
    make_repo: Callable[..., GitRepo], cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `git commit <paths>` hook needs its GIT_INDEX_FILE after streakline has run."""
    repo = make_repo()
    repo.write("posts/a.md", markdown(title="A", date="2024-01-01"))
    repo.commit("A")
    index = str(repo.path / ".git" / "next-index-123.lock")
    monkeypatch.setenv("GIT_INDEX_FILE", index)
    monkeypatch.setenv("GIT_DIR", str(repo.path / ".git"))

    (post,) = cli.posts(repo)

    assert post["path"] == "posts/a.md"
    assert (os.environ.get("GIT_INDEX_FILE"), os.environ.get("GIT_DIR")) == (
        index,
        str(repo.path / ".git"),
    )
