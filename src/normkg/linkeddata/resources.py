"""The compiled dataset seen as linked-data documents: every IRI under https://w3id.org/normkg/ is
a path on the server or site (the base maps to the root), and ``…/doc#term`` IRIs belong to the
document ``…/doc``. A document's description is every triple about it or its ``#`` terms, with the
blank nodes they lead to; its inbound links are the triples that point at it from elsewhere."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from normkg.namespaces import BASE, PREFIXES, SCHEMA, compact
from normkg.terms import from_oxigraph

LABELS = (SKOS.prefLabel, DCTERMS.title, SCHEMA.name, RDFS.label)
RESERVED = ("classes", "dumps", "doc", "sparql", "void")  # site paths that are not resources


def document_of(iri: str) -> str:
    return iri.split("#", 1)[0]


def path_of(iri: str) -> str | None:
    """The path of an IRI's document under the base ('eli/un/…'), or None if it is not under the base."""
    if not iri.startswith(BASE):
        return None
    return document_of(iri)[len(BASE):]


def new_graph() -> Graph:
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    return graph


class Resources:
    """The documents of a compiled dataset, their descriptions, labels and links."""

    def __init__(self, dataset: Path):
        self.store = ox.Store()
        self.store.load(path=str(dataset), format=ox.RdfFormat.N_QUADS)
        triples = {(q.subject, q.predicate, q.object) for q in self.store}
        self.triples = [tuple(from_oxigraph(t) for t in triple) for triple in triples]

    @cached_property
    def _by_subject(self) -> dict:
        index = defaultdict(list)
        for s, p, o in self.triples:
            index[s].append((p, o))
        return index

    @cached_property
    def _by_document(self) -> dict[str, set]:
        """Document IRI -> the subjects it describes (itself and its # terms)."""
        docs = defaultdict(set)
        for triple in self.triples:
            for term in triple:
                path = path_of(str(term)) if isinstance(term, URIRef) else None
                if path and path.split("/")[0] not in RESERVED:
                    docs[document_of(str(term))].add(term)
        return docs

    @cached_property
    def _inbound(self) -> dict:
        index = defaultdict(list)
        for s, p, o in self.triples:
            if self.has_page(o):
                doc = document_of(str(o))
                if not (isinstance(s, URIRef) and document_of(str(s)) == doc) and not isinstance(s, BNode):
                    index[doc].append((s, p, o))
        return index

    def documents(self) -> list[str]:
        """Every document IRI, sorted."""
        return sorted(self._by_document)

    def has_page_path(self, path: str) -> bool:
        return bool(path) and BASE + path in self._by_document

    def has_page(self, term) -> bool:
        return isinstance(term, URIRef) and document_of(str(term)) in self._by_document

    def describe(self, doc: str) -> Graph:
        """The document's description: triples about it and its # terms, following blank nodes."""
        graph = new_graph()
        todo = sorted(self._by_document.get(doc, ()), key=str)
        seen = set()
        while todo:
            subject = todo.pop()
            if subject in seen:
                continue
            seen.add(subject)
            for p, o in self._by_subject.get(subject, ()):
                graph.add((subject, p, o))
                if isinstance(o, BNode):
                    todo.append(o)
        return graph

    def inbound(self, doc: str) -> list[tuple]:
        """Triples from other documents that link to this one, sorted."""
        return sorted(self._inbound.get(doc, ()), key=lambda t: (str(t[1]), str(t[0])))

    def subjects(self, doc: str) -> list[URIRef]:
        """The document's IRI first, then its # terms in order."""
        return sorted(self._by_document.get(doc, ()), key=lambda t: (str(t) != doc, str(t)))

    def label(self, term, lang: str = "en") -> str:
        """A human label: skos:prefLabel, dct:title, schema:name or rdfs:label (English first), else the compact IRI."""
        values = self._by_subject.get(term, ())
        for predicate in LABELS:
            found = [o for p, o in values if p == predicate and isinstance(o, Literal)]
            for literal in sorted(found, key=lambda x: (x.language not in (lang, None), str(x))):
                return str(literal)
        return compact(str(term))

    def types(self, term) -> list[URIRef]:
        return sorted({o for p, o in self._by_subject.get(term, ()) if p == RDF.type and isinstance(o, URIRef)}, key=str)

    @cached_property
    def classes(self) -> dict[URIRef, list[URIRef]]:
        """Class -> its instances that have a page, for the index pages."""
        members = defaultdict(set)
        for s, p, o in self.triples:
            if p == RDF.type and isinstance(o, URIRef) and self.has_page(s):
                members[o].add(s)
        return {c: sorted(m, key=str) for c, m in sorted(members.items(), key=lambda kv: compact(str(kv[0])))}


def class_slug(cls: URIRef) -> str:
    """A path segment naming a class on the index pages: nkg:Instrument -> nkg-Instrument."""
    name = compact(str(cls))
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in name.replace(":", "-", 1))
