"""Real SPARQL servers for the integration tests, started on free loopback ports in private folders.

A server that cannot start is skipped with the reason, or FAILS the test when NORMKG_REQUIRE_SERVERS=1
(as .ci/run sets), so CI never passes by skipping."""

from __future__ import annotations

import os

import pytest
from launch import OxigraphServer, ServerUnavailable, VirtuosoServer

from normkg.endpoint import Endpoint, use_credentials
from normkg.publish.graph_store import graph_triples, make_plan, publish


def unavailable(reason: str):
    if os.environ.get("NORMKG_REQUIRE_SERVERS") == "1":
        pytest.fail(f"NORMKG_REQUIRE_SERVERS=1 and {reason}")
    pytest.skip(reason)


def start(server):
    try:
        return server.start()
    except ServerUnavailable as err:
        unavailable(str(err))


def endpoint_of(server) -> Endpoint:
    if server.credentials:
        for url in (server.update, server.graph_store):
            use_credentials(url, *server.credentials)
    return Endpoint(server.endpoint, server.update, server.graph_store, timeout=30, attempts=1)


def publish_compiled(endpoint: Endpoint, compiled) -> None:
    graphs = graph_triples(compiled.path, compiled.manifest)
    publish(endpoint, graphs, make_plan(endpoint, graphs))


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory):
    """An Oxigraph server holding the published dataset."""
    server = start(OxigraphServer(tmp_path_factory.mktemp("oxigraph")))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    server = start(VirtuosoServer(tmp_path_factory.mktemp("virtuoso")))
    yield server
    server.stop()


@pytest.fixture(scope="session", params=["oxigraph", "virtuoso"])
def published(request, compiled):
    """Each server with the compiled dataset published to it: (server, endpoint)."""
    server = request.getfixturevalue(request.param)
    endpoint = endpoint_of(server)
    publish_compiled(endpoint, compiled)
    return server, endpoint
