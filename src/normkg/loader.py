"""Load the Turtle sources into an rdflib Dataset, one named graph per file.

Parsing is done twice on purpose: Oxigraph's parser first, because it reports errors precisely as
file:line:col; then rdflib's, because validation must see literals exactly as written (Oxigraph
canonicalises them, which would hide datatype errors).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from normkg.errors import SourceError
from normkg.namespaces import PREFIXES
from normkg.project import Project

# rdflib logs a full traceback for every ill-formed typed literal; SHACL reports those as data errors.
logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)


def check_syntax(path: Path, display: str) -> None:
    """Raise SourceError naming display:line:col if the file is not well-formed Turtle."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise SourceError(f"{display}: cannot read: {err.strerror}") from None
    try:
        for _ in ox.parse(data, ox.RdfFormat.TURTLE, base_iri=path.as_uri()):
            pass
    except SyntaxError as err:
        line, col = (err.lineno or 0), (err.offset or 0)
        message = str(err.msg if hasattr(err, "msg") else err)
        message = message.split(": ", 1)[-1] if message.startswith("Parser error") else message
        raise SourceError(f"{display}:{line}:{col}: malformed Turtle: {message}") from None
    except UnicodeDecodeError as err:
        raise SourceError(f"{display}: not UTF-8: {err.reason}") from None


def parse_file(path: Path, display: str, into: Graph) -> Graph:
    """Parse one Turtle file into ``into`` after checking its syntax."""
    check_syntax(path, display)
    try:
        into.parse(path, format="turtle")
    except Exception as err:  # rdflib raises many types; Oxigraph accepted the file already
        raise SourceError(f"{display}: rdflib could not read it: {err}") from None
    return into


def new_dataset() -> Dataset:
    dataset = Dataset()
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns, override=True)
    return dataset


def load_sources(project: Project, files: list[Path] | None = None) -> Dataset:
    """The sources as a Dataset with one named graph per file (all files by default)."""
    dataset = new_dataset()
    for path in project.source_files() if files is None else files:
        graph = dataset.graph(URIRef(project.graph_iri(path)))
        parse_file(path, project.relative(path), graph)
    return dataset


def union_graph(dataset: Dataset) -> Graph:
    """All triples of the dataset's named graphs in one rdflib Graph."""
    merged = Graph()
    for prefix, ns in PREFIXES.items():
        merged.bind(prefix, ns, override=True)
    for graph in dataset.graphs():
        for triple in graph:
            merged.add(triple)
    return merged
