"""The dataset described in VoID, DCAT and SPARQL Service Description terms: what the site serves as
void.ttl and what a server holds in its publication record graph, built from the build manifest."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, XSD

from normkg.namespaces import BASE, DCAT, PREFIXES, VOID

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
DATASET = URIRef(BASE + "dataset")
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
TITLES = {
    "en": "normkg: a knowledge graph of normative instruments",
    "fr": "normkg : un graphe de connaissances des instruments normatifs",
}


def describe(manifest: dict) -> Graph:
    """The dataset and each of its named graphs with their triple counts, and the build it comes from."""
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    graph.bind("sd", SD)
    for kind in (VOID.Dataset, DCAT.Dataset, SD.Dataset):
        graph.add((DATASET, RDF.type, kind))
    for lang, title in TITLES.items():
        graph.add((DATASET, DCTERMS.title, Literal(title, lang=lang)))
    graph.add((DATASET, DCTERMS.license, LICENSE))
    graph.add((DATASET, DCTERMS.modified, Literal(manifest["built"], datatype=XSD.dateTime)))
    graph.add((DATASET, OWL.versionInfo, Literal(f"normkg {manifest['normkg']}, sources {manifest['fingerprint'][:12]}")))
    graph.add((DATASET, VOID.triples, Literal(manifest["triples"])))
    graph.add((DATASET, VOID.uriSpace, Literal(BASE)))
    for iri, info in manifest["graphs"].items():
        named, content = BNode(), BNode()
        graph.add((DATASET, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(iri)))
        graph.add((named, SD.graph, content))
        graph.add((content, RDF.type, SD.Graph))
        graph.add((content, VOID.triples, Literal(info["triples"])))
        if info.get("file"):
            graph.add((content, DCTERMS.source, Literal(info["file"])))
    return graph
