"""The command line: exit codes and messages on good and bad input (DESIGN §6)."""

from __future__ import annotations

import re

from normkg.errors import EXIT_NONCONFORMANT, EXIT_OK, EXIT_RUNTIME, EXIT_USAGE

HEADLINE = "instruments-lacking-binding-cultural-rights"
CONVENTION_FILE = "data/instruments/unesco-2005-cultural-expressions.ttl"


def test_unknown_query_is_a_usage_error(cli):
    result = cli("query", "no-such-query")
    assert result.exit_code == EXIT_USAGE
    assert "no saved query named 'no-such-query'" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_parameter_is_a_usage_error(cli):
    result = cli("query", HEADLINE, "-p", "colour=red")
    assert result.exit_code == EXIT_USAGE
    assert "has no parameter 'colour'" in result.stderr
    assert "on, ai, lang" in result.stderr


def test_malformed_date_parameter_names_the_parameter(cli):
    result = cli("query", HEADLINE, "-p", "on=28/11/2026")
    assert result.exit_code == EXIT_USAGE
    assert "parameter on: '28/11/2026' is not a date" in result.stderr


def test_parameter_without_equals_sign(cli):
    result = cli("query", HEADLINE, "-p", "on")
    assert result.exit_code == EXIT_USAGE
    assert "not of the form name=value" in result.stderr


def test_malformed_turtle_names_file_line_and_column(cli, project_copy):
    path = project_copy.root / CONVENTION_FILE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    target = next(i for i, line in enumerate(lines) if line.startswith("<art_11>"))
    lines[target] = "<art_11> a nkg:Provision ;; ] .\n"
    path.write_text("".join(lines), encoding="utf-8")
    for command in (["build"], ["query", HEADLINE], ["validate"]):
        result = cli(*command, root=project_copy.root)
        assert result.exit_code == EXIT_RUNTIME, command
        assert re.search(rf"{re.escape(CONVENTION_FILE)}:{target + 1}:\d+: malformed Turtle", result.stderr), result.stderr
        assert "Traceback" not in result.stderr


def test_unreadable_root_is_a_usage_error(cli, tmp_path):
    result = cli("build", root=tmp_path)
    assert result.exit_code == EXIT_USAGE
    assert "is not a normkg project" in result.stderr


def test_validate_passes_on_the_bundled_data(cli):
    result = cli("validate")
    assert result.exit_code == EXIT_OK, result.stdout
    assert "0 violations" in result.stdout


def test_removing_a_required_property_fails_validation_and_names_the_file(cli, project_copy):
    path = project_copy.root / CONVENTION_FILE
    text = path.read_text(encoding="utf-8")
    broken = text.replace("    eli:type_document itype:convention ;\n", "", 1)
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    result = cli("validate", "--profile", "core", root=project_copy.root)
    assert result.exit_code == EXIT_NONCONFORMANT
    assert CONVENTION_FILE in result.stdout
    assert "An instrument needs exactly one type (eli:type_document)." in result.stdout
    assert "does not conform: 1 violation," in result.stdout


def test_queries_lists_every_saved_query(cli, project):
    from normkg.queries import saved_queries

    result = cli("queries")
    assert result.exit_code == EXIT_OK
    names = list(saved_queries(project))
    assert HEADLINE in names
    for name in names:
        assert name in result.stdout


def test_version_and_module_entry_point():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "normkg", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("normkg, version ")
