"""Every saved query answers on a real server as on the embedded stores: every case of
tests/queries/cases.toml — on data/, and on the fixture graph published to a second server — compared
with the same expected answers (SELECT rows in order, CONSTRUCT triples as a set); and a hostile
parameter stays data when the query goes over the wire."""

from __future__ import annotations

import json

import pytest
from query_cases import answered, expected, load_cases

from normkg.endpoint import RemoteStore
from normkg.errors import EXIT_OK, EXIT_RUNTIME
from normkg.queries import saved_queries

pytestmark = pytest.mark.server


def check_remote(case, server_and_endpoint, project) -> None:
    server, endpoint = server_and_endpoint
    saved = saved_queries(project)[case.query]
    assert answered(RemoteStore(endpoint), saved, case) == expected(case, saved), \
        f"{case.id} on {server.name}"


@pytest.mark.parametrize("case", load_cases("data"), ids=lambda c: c.id)
def test_every_data_case_answers_as_expected(case, published, project):
    check_remote(case, published, project)


@pytest.mark.parametrize("case", load_cases("fixture"), ids=lambda c: c.id)
def test_every_fixture_case_answers_as_expected(case, published_fixture, project):
    check_remote(case, published_fixture, project)


def test_a_hostile_parameter_is_bound_as_data_on_the_server(published, cli, monkeypatch, project_copy):
    server, endpoint = published
    if server.credentials:
        monkeypatch.setenv("NORMKG_ENDPOINT_USER", server.credentials[0])
        monkeypatch.setenv("NORMKG_ENDPOINT_PASSWORD", server.credentials[1])
    (project_copy.root / "queries" / "echo.rq").write_text(
        "#+ summary: Echo a text parameter\nSELECT ?echo ?triples WHERE {\n"
        "  { SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o } }\n  BIND(?_text AS ?echo)\n}\n", encoding="utf-8")
    hostile = '") } } ; DROP ALL ; INSERT DATA { <urn:x> <urn:y> "pwned" } #\n'
    before = endpoint.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    result = cli("query", "echo", "-p", f"text={hostile}", "--format", "json", "--endpoint", endpoint.query_url,
                 root=project_copy.root)
    assert result.exit_code == EXIT_OK, result.stderr
    answer = json.loads(result.stdout)["results"]["bindings"]
    assert [row["echo"]["value"] for row in answer] == [hostile]
    assert endpoint.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows == before
    assert not endpoint.select('SELECT ?s WHERE { ?s ?p "pwned" }').rows


def test_a_server_error_is_reported_with_its_message_and_exit_3(published, cli):
    server, endpoint = published
    result = cli("query", "gap-matrix", "--endpoint", endpoint.query_url.rsplit("/", 1)[0] + "/no-such-endpoint")
    assert result.exit_code == EXIT_RUNTIME
    assert "HTTP 404" in result.stderr and "Traceback" not in result.stderr
