"""RDF terms as normkg passes them around (rdflib terms), converted from Oxigraph's, and written
safely into SPARQL text."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
IRI_FORBIDDEN = set('<>"{}|^`\\') | {chr(c) for c in range(0x21)}


def from_oxigraph(term) -> Node | None:
    """An rdflib term for an Oxigraph term (None stays None)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")


def sparql_term(term: Node) -> str:
    """The SPARQL syntax of an IRI or literal; nothing in the value can escape its quotes or brackets."""
    if isinstance(term, URIRef):
        if any(ch in IRI_FORBIDDEN for ch in str(term)):
            raise ValueError(f"not a valid IRI: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        body = '"' + "".join(_ECHAR.get(ch, ch) for ch in str(term)) + '"'
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype:
            return f"{body}^^{sparql_term(term.datatype)}"
        return body
    raise ValueError(f"cannot write {term!r} into a query")
