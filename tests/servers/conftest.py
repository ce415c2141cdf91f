"""Real SPARQL servers for the integration tests, started on free loopback ports in private folders.

A server that cannot start is skipped with the reason, or FAILS the test when NORMKG_REQUIRE_SERVERS=1
(as scripts/test, the README's test command, sets), so CI never passes by skipping."""

from __future__ import annotations

import os

import pytest
from launch import ApacheW3id, NginxSite, OxigraphServer, ServerUnavailable, VirtuosoServer, endpoint_of, free_port
from query_cases import fixture_project

from normkg.build import build
from normkg.project import Project
from normkg.publish.site import publish_site
from normkg.endpoint import Endpoint
from normkg.publish.graph_store import graph_triples, make_plan, publish

SERVERS = {"oxigraph": OxigraphServer, "virtuoso": VirtuosoServer}


def unavailable(reason: str):
    if os.environ.get("NORMKG_REQUIRE_SERVERS") == "1":
        pytest.fail(f"NORMKG_REQUIRE_SERVERS=1 and {reason}")
    pytest.skip(reason)


def start(server):
    try:
        return server.start()
    except ServerUnavailable as err:
        unavailable(str(err))


def publish_compiled(endpoint: Endpoint, compiled) -> None:
    graphs = graph_triples(compiled.path, compiled.manifest)
    publish(endpoint, graphs, make_plan(endpoint, graphs))


def running(request, tmp_path_factory, kind: str, name: str):
    """A private server of ``kind`` in a fresh folder, stopped at the end of the session."""
    server = start(SERVERS[kind](tmp_path_factory.mktemp(name)))
    request.addfinalizer(server.stop)
    return server


@pytest.fixture(scope="session")
def oxigraph(request, tmp_path_factory):
    """An Oxigraph server holding the published dataset."""
    return running(request, tmp_path_factory, "oxigraph", "oxigraph")


@pytest.fixture(scope="session")
def virtuoso(request, tmp_path_factory):
    return running(request, tmp_path_factory, "virtuoso", "virtuoso")


@pytest.fixture(scope="session", params=["oxigraph", "virtuoso"])
def published(request, compiled):
    """Each server with the compiled dataset published to it: (server, endpoint)."""
    server = request.getfixturevalue(request.param)
    endpoint = endpoint_of(server)
    publish_compiled(endpoint, compiled)
    return server, endpoint


@pytest.fixture(scope="session", params=["oxigraph", "virtuoso"])
def published_fixture(request, tmp_path_factory, project):
    """A second server of each kind with the saved queries' fixture graph published to it."""
    compiled, _ = build(fixture_project(tmp_path_factory.mktemp("fixture-project"), project))
    server = running(request, tmp_path_factory, request.param, f"{request.param}-fixture")
    endpoint = endpoint_of(server)
    publish_compiled(endpoint, compiled)
    return server, endpoint


@pytest.fixture(scope="session")
def site_folder(compiled, tmp_path_factory):
    """The static site, published for the loopback port nginx will serve it on: (folder, port).
    Its w3id redirects therefore point at that nginx."""
    port = free_port()
    out = tmp_path_factory.mktemp("site") / "site"
    publish_site(out, Project.locate(), compiled, f"http://127.0.0.1:{port}")
    return out, port


@pytest.fixture(scope="session")
def site(request, site_folder, tmp_path_factory):
    """The base URL of the site served by nginx with the server block it was published with."""
    out, port = site_folder
    server = start(NginxSite(tmp_path_factory.mktemp("nginx"), out, port))
    request.addfinalizer(server.stop)
    return server.base


@pytest.fixture(scope="session")
def w3id(request, site_folder, tmp_path_factory):
    """Apache with the site's generated .htaccess in normkg/, as on w3id.org: the base of the IRIs."""
    out, _ = site_folder
    server = start(ApacheW3id(tmp_path_factory.mktemp("apache"), out / "redirects" / "w3id.htaccess"))
    request.addfinalizer(server.stop)
    return server.base + "/normkg/"
