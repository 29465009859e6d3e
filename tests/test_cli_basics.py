"""SPEC 9 and the docs: every command has help, usage errors exit 2, the README is runnable."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from gitrepo import Cli

ROOT = Path(__file__).resolve().parent.parent


def command_paths() -> list[tuple[str, ...]]:
    import typer.main

    from streakline.cli import app

    paths: list[tuple[str, ...]] = []

    def walk(command: Any, prefix: tuple[str, ...]) -> None:
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            paths.append((*prefix, name))
            walk(sub, (*prefix, name))

    walk(typer.main.get_command(app), ())
    return paths


def command_help(path: tuple[str, ...]) -> str:
    import typer.main

    from streakline.cli import app

    command: Any = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]
    return str(command.help or "")


def test_every_command_has_help_from_its_docstring(cli: Cli) -> None:
    for path in command_paths():
        run = cli.run(*path, "--help")
        assert run.exit_code == 0, run.detail
        doc = command_help(path)
        assert doc.strip(), f"`streakline {' '.join(path)}` has no docstring"
        first_line = doc.strip().splitlines()[0]
        assert first_line[:30] in " ".join(run.stdout.split()), run.detail


def test_top_level_help_lists_every_command(cli: Cli) -> None:
    run = cli.run("--help")

    assert run.exit_code == 0, run.detail
    for path in command_paths():
        assert path[-1] in run.stdout or path[0] in run.stdout, run.detail


def test_scanner_commands_exist() -> None:
    assert {("init",), ("scan",), ("posts",)} <= set(command_paths())


def test_bad_option_is_a_usage_error(cli: Cli) -> None:
    for path in command_paths():
        run = cli.run(*path, "--no-such-option")
        assert run.exit_code == 2, run.detail


def test_unknown_command_is_a_usage_error(cli: Cli) -> None:
    run = cli.run("no-such-command")

    assert run.exit_code == 2, run.detail


def readme() -> str:
    return (ROOT / "README.md").read_text()


def fenced_blocks(text: str) -> list[str]:
    return re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.M | re.S)


def ci_test_commands() -> list[str]:
    """The lines of `.ci/run` that run the test suite."""
    lines = (ROOT / ".ci" / "run").read_text().splitlines()
    return [
        line.strip()
        for line in lines
        if not line.strip().startswith("#") and re.search(r"\bpytest\b", line)
    ]


def test_readme_has_the_set_up_commands() -> None:
    blocks = fenced_blocks(readme())

    assert any("pip install" in block and "streakline" in block for block in blocks), (
        "README.md needs a fenced block that installs and runs streakline"
    )


def test_readme_shows_the_test_command_ci_runs() -> None:
    commands = ci_test_commands()
    text = readme()

    assert commands, ".ci/run runs no pytest command"
    for command in commands:
        assert command in text, f"README.md does not show `{command}`"


def test_readme_mentions_every_command() -> None:
    text = readme()

    for path in command_paths():
        name = " ".join(path)
        assert f"streakline {name}" in text, f"README.md does not mention `streakline {name}`"
