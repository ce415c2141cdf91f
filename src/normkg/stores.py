"""The embedded stores a saved query runs on: Oxigraph (default) and rdflib's in-memory store (the
reference engine). Both load the compiled dataset and see the union of its named graphs as the
default graph, so the same SPARQL answers the same way on both."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.term import Node

from normkg.errors import UsageError
from normkg.terms import from_oxigraph, simple, typed

STORES = ("oxigraph", "memory")


@dataclass(frozen=True)
class Table:
    """The answer of a SELECT query: column names and rows of rdflib terms (None when unbound)."""

    columns: list[str]
    rows: list[tuple[Node | None, ...]]


class OxigraphStore:
    """pyoxigraph's in-memory store."""

    name = "oxigraph"

    def __init__(self, dataset_path: Path):
        self._store = ox.Store()
        self._store.load(path=str(dataset_path), format=ox.RdfFormat.N_QUADS)

    def select(self, query: str) -> Table:
        result = self._run(query)
        columns = [v.value for v in result.variables]
        rows = [tuple(from_oxigraph(solution[c]) for c in columns) for solution in result]
        return Table(columns, rows)

    def construct(self, query: str) -> list[tuple[Node, Node, Node]]:
        return [tuple(simple(from_oxigraph(t)) for t in (x.subject, x.predicate, x.object)) for x in self._run(query)]

    def _run(self, query: str):
        try:
            return self._store.query(query, use_default_graph_as_union=True)
        except SyntaxError as err:
            raise UsageError(f"malformed SPARQL: {err}") from None


class MemoryStore:
    """rdflib's pure-Python in-memory store: slower, but the reference engine."""

    name = "memory"

    def __init__(self, dataset_path: Path):
        self._dataset = Dataset(default_union=True)
        self._dataset.parse(dataset_path, format="nquads")

    def select(self, query: str) -> Table:
        result = self._run(query)
        columns = [str(v) for v in result.vars]
        return Table(columns, [tuple(typed(t) for t in row) for row in result])

    def construct(self, query: str) -> list[tuple[Node, Node, Node]]:
        return list(self._run(query))

    def _run(self, query: str):
        from pyparsing import ParseException

        try:
            return self._dataset.query(query)
        except ParseException as err:
            raise UsageError(f"malformed SPARQL: {err}") from None


def open_store(kind: str, dataset_path: Path):
    """An embedded store of the given kind loaded with the compiled dataset."""
    if kind == "oxigraph":
        return OxigraphStore(dataset_path)
    if kind == "memory":
        return MemoryStore(dataset_path)
    raise UsageError(f"unknown store {kind!r}: choose one of {', '.join(STORES)}")
