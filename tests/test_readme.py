"""The README stays true: its example is today's answer, and its command table lists every command."""

from __future__ import annotations

import re

HEADLINE_MARK = "<!-- headline-example: regenerate with `normkg query instruments-lacking-binding-cultural-rights -p on=2026-11-28 --format md` -->"


def readme(project) -> str:
    return (project.root / "README.md").read_text(encoding="utf-8")


def test_headline_example_is_the_current_answer(project, cli):
    text = readme(project)
    assert HEADLINE_MARK in text
    result = cli("query", "instruments-lacking-binding-cultural-rights", "-p", "on=2026-11-28", "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert result.stdout in text, "README example is stale: regenerate it with the command in its marker"


def test_every_command_is_in_the_readme_table(project):
    from normkg.cli import main

    documented = set(re.findall(r"^\| `normkg (\w[\w-]*)", readme(project), flags=re.MULTILINE))
    assert documented == set(main.commands)


def test_the_two_setup_commands(project):
    text = readme(project)
    assert "python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/normkg query instruments-lacking-binding-cultural-rights" in text
    assert "\nscripts/test\n" in text
    assert (project.root / "scripts" / "test").stat().st_mode & 0o111
    ci = (project.root / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert "scripts/test" in ci, "CI runs the README's test command as written"
