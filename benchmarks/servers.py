"""Upload throughput and saved-query suite time on real servers, as ratios to a baseline measured
in the same run (the embedded Oxigraph store: load of the same triples, the same queries).

    python benchmarks/servers.py [--scale N]   # N copies of the dataset, renamed, for a larger upload

Starts a private Oxigraph server and a private Virtuoso (tests/servers/launch.py), publishes with
`normkg publish graph-store`'s code path, runs every saved query remotely with the parameters of its
data cases (tests/queries/cases.toml), prints a table."""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from normkg.build import build
from normkg.endpoint import PUBLICATION_GRAPH, RemoteStore
from normkg.namespaces import BASE
from normkg.project import Project
from normkg.publish.graph_store import graph_triples, make_plan, publish
from normkg.queries import saved_queries
from normkg.stores import open_store

TESTS = Path(__file__).parents[1] / "tests"


def load_module(name: str, path: Path):
    """A plain-Python helper module of the tests, loaded from its file."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = sys.modules[name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


launch = load_module("launch", TESTS / "servers" / "launch.py")
query_cases = load_module("query_cases", TESTS / "query_cases.py")


def scaled(graphs: dict, copies: int) -> dict:
    """``copies`` renamed copies of every data graph: IRIs get a /copy-{i} suffix so triples differ."""
    if copies <= 1:
        return graphs
    out = {}
    for name, triples in graphs.items():
        out[name] = list(triples)
        for i in range(1, copies):
            rename = lambda t: ox.NamedNode(f"{t.value}/copy-{i}") if isinstance(t, ox.NamedNode) and t.value.startswith(BASE) else t  # noqa: E731
            out[name] += [ox.Triple(rename(t.subject), t.predicate, rename(t.object)) for t in triples
                          if isinstance(t.subject, ox.NamedNode) and name != PUBLICATION_GRAPH]
    return out


def timed(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    project = Project.locate()
    compiled, _ = build(project)
    graphs = scaled(graph_triples(compiled.path, compiled.manifest), args.scale)
    triples = sum(len(t) for t in graphs.values())
    queries = saved_queries(project)
    cases = [(queries[c.query], c) for c in query_cases.load_cases("data")]
    embedded = open_store("oxigraph", compiled.path)
    store = ox.Store()
    base_load = timed(lambda: store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g))
                                           for g, ts in graphs.items() for t in ts))
    base_queries = timed(lambda: [query_cases.answer(embedded, saved, case) for saved, case in cases])
    print(f"{triples} triples in {len(graphs)} graphs; {len(cases)} cases of {len(queries)} saved queries")
    print(f"{'where':<22}{'upload s':>10}{'triples/s':>12}{'x baseline':>12}{'queries s':>11}{'x baseline':>12}")
    print(f"{'embedded (baseline)':<22}{base_load:>10.2f}{triples / base_load:>12,.0f}{1:>12.2f}{base_queries:>11.2f}{1:>12.2f}")
    for kind in (launch.OxigraphServer, launch.VirtuosoServer):
        with tempfile.TemporaryDirectory() as folder:
            server = kind(Path(folder)).start()
            try:
                endpoint = launch.endpoint_of(server, timeout=300)
                upload = timed(lambda: publish(endpoint, graphs, make_plan(endpoint, graphs)))
                remote = RemoteStore(endpoint)
                failures = []

                def suite():
                    for saved, case in cases:
                        try:
                            query_cases.answer(remote, saved, case)
                        except Exception:  # noqa: BLE001 - counted and named below
                            failures.append(case.id)

                queries = timed(suite)
                print(f"{server.name:<22}{upload:>10.2f}{triples / upload:>12,.0f}{base_load / upload:>12.3f}"
                      f"{queries:>11.2f}{base_queries / queries:>12.3f}" + (f"  failed: {', '.join(failures)}" if failures else ""))
            finally:
                server.stop()


if __name__ == "__main__":
    main()
