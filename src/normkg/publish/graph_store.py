"""Publish the compiled dataset to a SPARQL 1.1 server, atomically.

1. Every named graph (sources, inferred, and the publication record that lists them) is uploaded with
   Graph Store Protocol PUT to a staging graph of this run,
   ``https://w3id.org/normkg/graph/staging/{run}/{graph path}``; the live graphs are not touched.
   The server merges the data graphs into a staged union graph (SPARQL Update ``ADD``), the default
   graph of remote queries (see endpoint.py).
2. The staging graphs' triple counts are checked against the build.
3. One SPARQL Update request swaps them in: ``MOVE`` each staging graph onto its live graph, ``DROP``
   the live graphs this version no longer has. The server runs one request as one transaction, so
   readers see the previous version or the new one, never a mix; a failure before or during the swap
   leaves the previous version as it was.
4. The live counts are checked again. Staging graphs a failed run left behind are dropped by the next.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from normkg.endpoint import PUBLICATION_GRAPH, UNION_GRAPH, Endpoint, published_graphs
from normkg.errors import EndpointError, NormkgError
from normkg.namespaces import GRAPH
from normkg.publish.description import describe

STAGING = str(GRAPH["staging/"])
BATCH = 100_000  # triples per request: larger graphs are PUT, then POSTed to, in batches

Progress = Callable[[str, int], None]  # (live graph IRI, triples just uploaded)


def staging_iri(run: str, live: str) -> str:
    return f"{STAGING}{run}/{live[len(str(GRAPH)):]}"


def graph_triples(dataset: Path, manifest: dict) -> dict[str, list[ox.Triple]]:
    """What goes to the server, by graph: the compiled dataset's named graphs and the publication record."""
    store = ox.Store()
    store.load(path=str(dataset), format=ox.RdfFormat.N_QUADS)
    graphs: dict[str, list[ox.Triple]] = {g: [] for g in manifest["graphs"]}
    for quad in store:
        graphs.setdefault(quad.graph_name.value, []).append(ox.Triple(quad.subject, quad.predicate, quad.object))
    record = describe(manifest).serialize(format="nt", encoding="utf-8")
    graphs[PUBLICATION_GRAPH] = [ox.Triple(t.subject, t.predicate, t.object) for t in ox.parse(record, ox.RdfFormat.N_TRIPLES)]
    return graphs


@dataclass(frozen=True)
class Plan:
    """What a publication will do, before it does anything."""

    run: str
    counts: dict[str, int]  # live graph -> triples: the uploaded graphs, then the union graph
    previous: tuple[str, ...]  # graphs of the version published now
    stale: tuple[str, ...]  # staging graphs left by runs that did not finish

    @property
    def uploaded(self) -> list[str]:
        return [g for g in self.counts if g != UNION_GRAPH]

    @property
    def retired(self) -> list[str]:
        return sorted(set(self.previous) - set(self.counts))

    def staging(self, live: str) -> str:
        return staging_iri(self.run, live)

    def lines(self, endpoint: Endpoint) -> list[str]:
        """The plan in words, for --dry-run."""
        uploaded = sum(self.counts[g] for g in self.uploaded)
        out = [f"query {endpoint.query_url}", f"update {endpoint.update_url}", f"graph store {endpoint.graph_store_url}",
               f"upload {uploaded} triples in {len(self.uploaded)} graphs to staging graphs {STAGING}{self.run}/…:"]
        out += [f"  {self.counts[g]:>9}  {g}" for g in sorted(self.uploaded)]
        out.append(f"merge them into {self.staging(UNION_GRAPH)} ({self.counts[UNION_GRAPH]} distinct triples)")
        out.append("check every staged graph's triple count, then swap them in with one SPARQL Update (MOVE staging -> live)")
        out += [f"  drop retired graph {g}" for g in self.retired]
        out += [f"  drop stale staging graph {g}" for g in self.stale]
        return out


def staging_graphs(endpoint: Endpoint) -> tuple[str, ...]:
    table = endpoint.select(
        f'SELECT DISTINCT ?graph WHERE {{ GRAPH ?graph {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?graph), "{STAGING}")) }}'
    )
    return tuple(sorted(str(row[0]) for row in table.rows))


def current_version(endpoint: Endpoint) -> tuple[str, ...]:
    """The graphs published now (with the record and the union graph), or none if nothing was published yet."""
    graphs = published_graphs(endpoint)
    return graphs + (PUBLICATION_GRAPH, UNION_GRAPH) if graphs else ()


def make_plan(endpoint: Endpoint, graphs: dict[str, list[ox.Triple]], run: str | None = None) -> Plan:
    counts = {g: len(triples) for g, triples in graphs.items()}
    counts[UNION_GRAPH] = len({t for g, triples in graphs.items() if g != PUBLICATION_GRAPH for t in triples})
    run = run or time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-" + secrets.token_hex(3)
    return Plan(run, counts, current_version(endpoint), staging_graphs(endpoint))


def count_triples(endpoint: Endpoint, graphs: list[str]) -> dict[str, int]:
    """Triples per graph on the server (graphs it does not have count 0)."""
    values = " ".join(f"<{g}>" for g in graphs)
    table = endpoint.select(
        f"SELECT ?graph (COUNT(*) AS ?n) WHERE {{ VALUES ?graph {{ {values} }} GRAPH ?graph {{ ?s ?p ?o }} }} GROUP BY ?graph"
    )
    found = {str(graph): int(n) for graph, n in table.rows}
    return {g: found.get(g, 0) for g in graphs}


def drop(endpoint: Endpoint, graphs) -> None:
    if graphs:
        endpoint.update(";\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))


def upload(endpoint: Endpoint, graph: str, triples: list[ox.Triple], progress: Progress, live: str) -> None:
    """PUT the triples into ``graph``; a large graph without blank nodes goes in batches (PUT, then POST)."""
    has_blank = any(isinstance(t, ox.BlankNode) for triple in triples for t in (triple.subject, triple.object))
    size = len(triples) if has_blank else BATCH
    for start in range(0, max(len(triples), 1), size):
        batch = triples[start : start + size]
        endpoint.send_graph(graph, ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES), replace=start == 0)
        progress(live, len(batch))


def swap_request(plan: Plan) -> str:
    """The one SPARQL Update request that replaces the published version by the staged one."""
    operations = [f"DROP SILENT GRAPH <{g}>" for g in plan.retired]
    for live, count in sorted(plan.counts.items()):
        if count:
            operations.append(f"MOVE SILENT GRAPH <{plan.staging(live)}> TO GRAPH <{live}>")
        else:
            operations.append(f"DROP SILENT GRAPH <{live}>")
    return ";\n".join(operations)


def stage(endpoint: Endpoint, plan: Plan, graphs: dict[str, list[ox.Triple]], progress: Progress) -> None:
    """Upload every graph to its staging graph, merge the data graphs into the staged union, check the counts."""
    for live in plan.uploaded:
        if plan.counts[live]:
            upload(endpoint, plan.staging(live), graphs[live], progress, live)
    for live in plan.uploaded:
        if plan.counts[live] and live != PUBLICATION_GRAPH:
            endpoint.update(f"ADD SILENT GRAPH <{plan.staging(live)}> TO GRAPH <{plan.staging(UNION_GRAPH)}>")
    found = count_triples(endpoint, [plan.staging(g) for g, n in plan.counts.items() if n])
    wrong = [f"<{live}>: {found[plan.staging(live)]} of {n}" for live, n in plan.counts.items()
             if n and found[plan.staging(live)] != n]
    if wrong:
        raise EndpointError("the staged graphs hold other triple counts than the build: " + "; ".join(wrong))


def publish(endpoint: Endpoint, graphs: dict[str, list[ox.Triple]], plan: Plan,
            progress: Progress = lambda graph, n: None) -> None:
    """Stage, verify, swap in; raise EndpointError (the published version intact) on failure."""
    drop(endpoint, plan.stale)
    try:
        stage(endpoint, plan, graphs, progress)
    except NormkgError as err:
        try:
            drop(endpoint, [plan.staging(g) for g in plan.counts])
        except NormkgError:
            pass  # the server is gone; the next run drops these staging graphs
        raise EndpointError(f"publication stopped before the swap; the published version is unchanged: {err}") from None
    try:
        endpoint.update(swap_request(plan))
    except NormkgError as err:
        raise EndpointError(
            f"the swap request failed ({err}); the server runs it as one transaction, so it holds the previous "
            "version or the new one, not a mix: publish again"
        ) from None
    live_counts = count_triples(endpoint, sorted(plan.counts))
    wrong = [g for g, n in plan.counts.items() if live_counts[g] != n]
    if wrong:
        raise EndpointError(f"after the swap the server reports other triple counts for {', '.join(wrong)}")


def run(endpoint: Endpoint, compiled, dry_run: bool = False) -> None:
    """The `publish graph-store` command: print the plan, or publish with a progress bar on stderr."""
    import click
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    graphs = graph_triples(compiled.path, compiled.manifest)
    plan = make_plan(endpoint, graphs)
    if dry_run:
        click.echo("\n".join(plan.lines(endpoint)))
        return
    total = sum(plan.counts[g] for g in plan.uploaded)
    columns = (TextColumn("uploading"), BarColumn(), MofNCompleteColumn(), TextColumn("triples"), TimeElapsedColumn())
    started = time.perf_counter()
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("upload", total=total)
        publish(endpoint, graphs, plan, lambda graph, n: bar.advance(task, n))
    seconds = time.perf_counter() - started
    click.echo(f"published {total} triples in {len(plan.uploaded)} graphs to {endpoint.query_url} "
               f"in {seconds:.1f} s ({total / seconds:,.0f} triples/s)"
               + (f"; dropped {len(plan.retired)} retired graphs" if plan.retired else ""))
