"""RDF terms as normkg passes them around (rdflib terms), converted from Oxigraph's and from SPARQL
JSON results, and written safely into SPARQL text. In answer rows a simple literal is always typed
xsd:string (RDF 1.1), in triples never, whichever engine produced it, so stores compare equal."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
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


def typed(term: Node | None) -> Node | None:
    """The term with a simple literal typed xsd:string, as RDF 1.1 and Oxigraph have it (for answer rows)."""
    if isinstance(term, Literal) and term.datatype is None and not term.language:
        return Literal(str(term), datatype=XSD.string)
    return term


def simple(term: Node) -> Node:
    """The term with an xsd:string literal written as a simple literal (for triples to serialise)."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def from_json(binding: dict | None) -> Node | None:
    """An rdflib term for a binding in the SPARQL 1.1 Query Results JSON format."""
    if binding is None:
        return None
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in binding:
        return Literal(value, lang=binding["xml:lang"])
    return Literal(value, datatype=URIRef(binding.get("datatype", XSD.string)))


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
        if term.datatype and term.datatype != XSD.string:
            return f"{body}^^{sparql_term(term.datatype)}"
        return body
    raise ValueError(f"cannot write {term!r} into a query")
