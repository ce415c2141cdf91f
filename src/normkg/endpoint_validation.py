"""Validate what a server publishes, with the same shapes, profiles and report as the sources.

Each published source graph is fetched (CONSTRUCT over the query endpoint: portable, and checked
against the graph's triple count so a server that caps results cannot hide triples) and written back
as the file it came from into a scratch folder, read as the local sources are and checked with this
project's shapes. Reports therefore name the same files as a local run (without lines: the files are
the server's copies). What a server changed
on load cannot be seen: Oxigraph, for one, stores canonical literals ("007"^^xsd:integer as 7)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from rdflib import Graph

from normkg.endpoint import Endpoint, published_graphs
from normkg.errors import EndpointError
from normkg.namespaces import GRAPH
from normkg.project import Project
from normkg.publish.graph_store import count_triples
from normkg.loader import load_sources
from normkg.shapes import choose_profile, load_shapes
from normkg.validate import Finding, validate_dataset

SOURCE_FOLDERS = ("ontology/", "data/")


def source_file(graph: str) -> str | None:
    """The source file a published graph came from (data/x.ttl), or None for other graphs."""
    path = graph[len(str(GRAPH)):] if graph.startswith(str(GRAPH)) else ""
    return f"{path}.ttl" if path.startswith(SOURCE_FOLDERS) else None


def fetch_sources(endpoint: Endpoint, root: Path) -> int:
    """Write every published source graph under ``root`` as its file; return how many."""
    graphs = {g: f for g in published_graphs(endpoint) if (f := source_file(g))}
    if not graphs:
        raise EndpointError(f"{endpoint.query_url}: no normkg dataset published there; publish it with "
                            "`normkg publish graph-store`")
    counts = count_triples(endpoint, sorted(graphs))
    for graph, file in sorted(graphs.items()):
        triples = endpoint.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        if len(set(triples)) != counts[graph]:
            raise EndpointError(f"{endpoint.query_url}: returned {len(set(triples))} of the {counts[graph]} triples of "
                                f"<{graph}>; raise the server's result limit (Virtuoso: ResultSetMaxRows)")
        content = Graph()
        for triple in triples:
            content.add(triple)
        target = root / file
        target.parent.mkdir(parents=True, exist_ok=True)
        content.serialize(target, format="nt", encoding="utf-8")
    return len(graphs)


def validate_endpoint(project: Project, url: str, profile: str = "full", inference: str = "owlrl") -> list[Finding]:
    """The findings for the server's copy, validated with this project's shapes and profiles."""
    endpoint = Endpoint.from_environment(url)
    shapes = load_shapes(project)
    chosen = choose_profile(project, profile, shapes)
    with tempfile.TemporaryDirectory(prefix="normkg-remote-") as scratch:
        root = Path(scratch)
        fetch_sources(endpoint, root)
        return validate_dataset(load_sources(Project(root)), shapes, chosen, inference)
