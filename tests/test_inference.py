"""The targeted rules derive what owlrl derives from the ontology on the real data."""

from __future__ import annotations

from owlrl import DeductiveClosure, OWLRL_Semantics
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from normkg.loader import load_sources, union_graph
from normkg.namespaces import INFERRED_GRAPH, NKG


def inferred_by_rules(compiled) -> Graph:
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(compiled.path, format="nquads")
    return dataset.graph(INFERRED_GRAPH)


def declared(graph: Graph, kinds) -> set:
    return {s for k in kinds for s in graph.subjects(RDF.type, k) if isinstance(s, URIRef)}


def test_rules_and_owlrl_agree_on_the_ontology_terms(project, compiled):
    sources = union_graph(load_sources(project))
    rules = inferred_by_rules(compiled)
    # the derivations that are rules, not OWL axioms: a provision's instrument at any depth, and a
    # concept's place in its scheme (reflexive: outside OWL 2 RL)
    rule_only = {t for p in (NKG.partOfInstrument, NKG.fallsUnder) for t in rules.triples((None, p, None))}
    closure = Graph()
    for t in sources:
        closure.add(t)
    for t in rule_only:
        closure.add(t)
    DeductiveClosure(OWLRL_Semantics).expand(closure)

    classes = declared(sources, [OWL.Class])
    properties = declared(sources, [OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty])

    def relevant(graph: Graph) -> set:
        out = set()
        for s, p, o in graph:
            if not isinstance(s, URIRef) or (s, p, o) in sources:
                continue
            if (p == RDF.type and o in classes) or (p in properties and p != RDFS.label):
                out.add((s, p, o))
        return out

    by_owlrl = relevant(closure)
    by_rules = relevant(rules)
    assert by_rules, "the rules derived nothing"
    assert by_rules - by_owlrl == set(), "rules derive triples owlrl does not"
    assert by_owlrl - by_rules - rule_only == set(), "owlrl derives triples the rules miss"


def test_binding_provisions_are_derived(stores):
    query = """PREFIX nkg: <https://w3id.org/normkg/ontology#>
    SELECT ?p WHERE { ?p a nkg:BindingProvision } ORDER BY ?p"""
    rows = stores["oxigraph"].select(query).rows
    assert rows == stores["memory"].select(query).rows
    found = {str(r[0]) for r in rows}
    assert "https://w3id.org/normkg/eli/unesco/convention/2005/cultural-expressions/art_11" in found
    assert "https://w3id.org/normkg/eli/unesco/convention/2005/cultural-expressions/art_7/para_1" not in found


def test_every_provision_gets_its_instrument_and_citation(stores):
    query = """PREFIX nkg: <https://w3id.org/normkg/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?p ?i ?cite WHERE { ?p a nkg:Provision . OPTIONAL { ?p nkg:partOfInstrument ?i }
      OPTIONAL { ?p rdfs:label ?cite FILTER(lang(?cite) = "en") } }"""
    rows = stores["oxigraph"].select(query).rows
    assert rows
    assert all(i is not None and cite is not None for _, i, cite in rows)
    cites = {str(p): str(c) for p, _, c in rows}
    assert cites["https://w3id.org/normkg/eli/unesco/convention/2005/cultural-expressions/art_23/para_7"] == "art. 23(7)"


def test_every_concept_falls_under_itself_and_each_concept_above_it(stores):
    query = """PREFIX nkg: <https://w3id.org/normkg/ontology#>
    PREFIX topic: <https://w3id.org/normkg/vocab/topic/>
    SELECT ?concept WHERE { ?concept nkg:fallsUnder topic:cultural-rights } ORDER BY ?concept"""
    rows = stores["oxigraph"].select(query).rows
    assert rows == stores["memory"].select(query).rows
    found = {str(r[0]).rsplit("/", 1)[-1] for r in rows}
    assert {"cultural-rights", "access-to-culture", "participation-in-cultural-life", "artistic-freedom"} <= found
    assert "artificial-intelligence" not in found
