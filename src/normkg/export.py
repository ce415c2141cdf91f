"""Write the compiled dataset, or a query's triples, in a standard RDF format."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from normkg.build import write_atomically
from normkg.errors import OutputError
from normkg.namespaces import PREFIXES

RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "nq": "nquads"}


def serialise_triples(triples: list[tuple[Node, Node, Node]], fmt: str, prefixes: dict[str, str] | None = None) -> str:
    """Triples in Turtle, N-Triples or JSON-LD, with normkg's prefixes and then ``prefixes`` (e.g. a query's own)."""
    graph = Graph()
    for prefix, ns in {**PREFIXES, **(prefixes or {})}.items():
        graph.bind(prefix, ns, override=True)
    for triple in triples:
        graph.add(triple)
    return graph.serialize(format=RDFLIB_FORMATS[fmt])


def export_dataset(dataset_path: Path, fmt: str, out: str | None) -> None:
    """The dataset as N-Quads or JSON-LD (named graphs kept), or Turtle (all graphs merged)."""
    if fmt == "nq":
        data = dataset_path.read_bytes()
    else:
        store = ox.Store()
        store.load(path=str(dataset_path), format=ox.RdfFormat.N_QUADS)
        if fmt == "ttl":
            data = _union_turtle(store)
        else:
            data = ox.serialize(store, format=ox.RdfFormat.JSON_LD, prefixes=PREFIXES)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            write_atomically(Path(out), lambda f: f.write(data))
        except OSError as err:
            raise OutputError(f"{out}: cannot write: {err.strerror}") from None


def _union_turtle(store: ox.Store) -> bytes:
    """All graphs merged into one Turtle document, with normkg's prefixes."""
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store}
    return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
