"""Help that cannot go stale: every command has help with an example, and docs/cli.md lists it."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from backcoach.cli import app

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]


def test_there_are_commands():
    assert {"exercises", "show", "session", "history", "analyze", "serve"} <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_help_with_an_example_and_is_documented(name):
    help_text = COMMANDS[name].help or ""
    assert help_text.strip(), f"{name} has no help"
    assert f"Example: backcoach {name}" in help_text
    assert f"`backcoach {name}`" in (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_links_resolve():
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+)\)", readme):
        if "://" not in target:
            assert (ROOT / target).exists(), target
