"""Derive what the ontology implies with the targeted rules in queries/rules/ (SPARQL CONSTRUCT),
run on Oxigraph until nothing new is derived. tests/test_inference.py checks them against owlrl."""

from __future__ import annotations

import pyoxigraph as ox

from normkg.errors import SourceError
from normkg.namespaces import INFERRED_GRAPH
from normkg.project import Project

MAX_ROUNDS = 10


def load_rules(project: Project) -> dict[str, str]:
    """The rule queries by file name."""
    return {path.name: path.read_text(encoding="utf-8") for path in project.rule_files()}


def apply_rules(store: ox.Store, rules: dict[str, str]) -> int:
    """Add everything the rules derive to the inferred graph of ``store``; return how many triples."""
    inferred = ox.NamedNode(str(INFERRED_GRAPH))
    added = 0
    for _ in range(MAX_ROUNDS):
        new: set[ox.Quad] = set()
        for name, rule in rules.items():
            try:
                triples = store.query(rule, use_default_graph_as_union=True)
            except SyntaxError as err:
                raise SourceError(f"queries/rules/{name}: malformed SPARQL: {err}") from None
            for triple in triples:
                if isinstance(triple.subject, ox.Literal):
                    continue
                if not any(True for _ in store.quads_for_pattern(triple.subject, triple.predicate, triple.object)):
                    new.add(ox.Quad(triple.subject, triple.predicate, triple.object, inferred))
        if not new:
            return added
        store.extend(new)
        added += len(new)
    raise SourceError(f"inference did not reach a fixpoint in {MAX_ROUNDS} rounds; check queries/rules/")


def derive_citations(store: ox.Store) -> int:
    """Label every provision with its citation (rdfs:label, en and fr) derived from its eId."""
    from normkg.citations import citation

    inferred = ox.NamedNode(str(INFERRED_GRAPH))
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    eid = ox.NamedNode("https://w3id.org/normkg/ontology#eId")
    quads = {
        ox.Quad(q.subject, label, ox.Literal(citation(q.object.value, lang), language=lang), inferred)
        for q in store.quads_for_pattern(None, eid, None)
        for lang in ("en", "fr")
    }
    store.extend(quads)
    return len(quads)
