"""Atomic publication over the Graph Store Protocol: staging, verification, swap; a server killed in
the middle of a publication keeps the previous version; dry runs change nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import publish_compiled, start
from launch import OxigraphServer, endpoint_of

from normkg.build import build
from normkg.endpoint import PUBLICATION_GRAPH, UNION_GRAPH, RemoteStore, published_graphs
from normkg.endpoint_validation import validate_endpoint
from normkg.errors import EXIT_OK, EndpointError
from normkg.publish.graph_store import STAGING, count_triples, graph_triples, make_plan, publish, staging_graphs
from normkg.validate import validate

pytestmark = pytest.mark.server
CONVENTION = "data/instruments/unesco-2005-cultural-expressions.ttl"
TITLE_QUERY = ('SELECT ?title WHERE { <https://w3id.org/normkg/eli/unesco/convention/2005/cultural-expressions> '
               '<http://purl.org/dc/terms/title> ?title FILTER(lang(?title) = "en") }')


def test_publication_holds_every_graph_with_the_build_counts(published, compiled):
    server, endpoint = published
    counts = count_triples(endpoint, list(compiled.graphs))
    assert counts == {g: info["triples"] for g, info in compiled.graphs.items()}
    assert set(published_graphs(endpoint)) == set(compiled.graphs)
    assert not staging_graphs(endpoint)


def test_interrupted_publication_keeps_the_previous_version(tmp_path, compiled, project_copy):
    """Kill the server (SIGKILL) after a few graphs of version 2 are staged; restart it on the same
    database: version 1 answers, whole; the next publication cleans up and swaps version 2 in."""
    server = start(OxigraphServer(tmp_path / "oxigraph"))
    try:
        endpoint = endpoint_of(server)
        publish_compiled(endpoint, compiled)
        version1 = count_triples(endpoint, list(compiled.graphs) + [UNION_GRAPH])
        title1 = RemoteStore(endpoint).select(TITLE_QUERY).rows

        source = project_copy.root / CONVENTION
        source.write_text(source.read_text(encoding="utf-8").replace(
            '"Convention on the Protection and Promotion of the Diversity of Cultural Expressions"@en',
            '"Convention on the Diversity of Cultural Expressions (version 2)"@en', 1), encoding="utf-8")
        version2, _ = build(project_copy)
        graphs = graph_triples(version2.path, version2.manifest)
        plan = make_plan(endpoint, graphs)
        uploaded = []

        def kill_midway(graph, n):
            uploaded.append(graph)
            if len(uploaded) == 5:
                server.kill()

        with pytest.raises(EndpointError, match="published version is unchanged"):
            publish(endpoint, graphs, plan, kill_midway)
        server.start()  # same --location: what was committed survives

        assert count_triples(endpoint, list(compiled.graphs) + [UNION_GRAPH]) == version1
        assert RemoteStore(endpoint).select(TITLE_QUERY).rows == title1
        stale = staging_graphs(endpoint)
        assert stale and all(g.startswith(f"{STAGING}{plan.run}/") for g in stale)

        publish(endpoint, graphs, make_plan(endpoint, graphs))
        assert not staging_graphs(endpoint)
        assert [str(r[0]) for r in RemoteStore(endpoint).select(TITLE_QUERY).rows] == [
            "Convention on the Diversity of Cultural Expressions (version 2)"]
    finally:
        server.stop()


def test_dry_run_prints_the_plan_and_changes_nothing(published, cli, monkeypatch, compiled):
    server, endpoint = published
    if server.credentials:
        monkeypatch.setenv("NORMKG_ENDPOINT_USER", server.credentials[0])
        monkeypatch.setenv("NORMKG_ENDPOINT_PASSWORD", server.credentials[1])
    before = count_triples(endpoint, list(compiled.graphs) + [PUBLICATION_GRAPH])
    result = cli("publish", "graph-store", "--endpoint", endpoint.query_url, "--update", endpoint.update_url,
                 "--graph-store", endpoint.graph_store_url, "--dry-run")
    assert result.exit_code == EXIT_OK, result.stderr
    assert "swap them in with one SPARQL Update" in result.stdout
    assert all(g in result.stdout for g in compiled.graphs)
    assert count_triples(endpoint, list(compiled.graphs) + [PUBLICATION_GRAPH]) == before
    assert not staging_graphs(endpoint)


def test_publish_command_reports_throughput(published, cli, monkeypatch):
    server, endpoint = published
    if server.credentials:
        monkeypatch.setenv("NORMKG_ENDPOINT_USER", server.credentials[0])
        monkeypatch.setenv("NORMKG_ENDPOINT_PASSWORD", server.credentials[1])
    result = cli("publish", "graph-store", "--endpoint", endpoint.query_url, "--update", endpoint.update_url,
                 "--graph-store", endpoint.graph_store_url)
    assert result.exit_code == EXIT_OK, result.stderr
    assert "triples/s" in result.stdout


def test_validate_endpoint_gives_the_local_report(published, project, monkeypatch):
    """Same findings, file for file (a server has no lines to give), except where the build itself changed
    a literal: Oxigraph stores derived integer types as xsd:integer, so the published copy fails
    xsd:positiveInteger shapes."""
    server, endpoint = published
    if server.credentials:
        monkeypatch.setenv("NORMKG_ENDPOINT_USER", server.credentials[0])
        monkeypatch.setenv("NORMKG_ENDPOINT_PASSWORD", server.credentials[1])
    local = {replace(f, line=None) for f in validate(project)}
    remote = set(validate_endpoint(project, endpoint.query_url))
    assert remote >= local
    assert all(str(f.component).endswith("DatatypeConstraintComponent") for f in remote - local), remote - local
