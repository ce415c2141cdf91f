"""The ontology modules and the SKOS vocabularies: headers, bilingual labels, definitions, alignments."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from normkg.loader import parse_file
from normkg.namespaces import NKG, VOCAB

LOCAL = str(NKG)
ALIGNMENTS = (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.inverseOf,
              SKOS.closeMatch, SKOS.exactMatch, SKOS.relatedMatch, SKOS.broadMatch, SKOS.scopeNote)


def graph_of(project, path) -> Graph:
    return parse_file(path, project.relative(path), Graph())


def module_files(project):
    files = sorted((project.root / "ontology").glob("*.ttl")) + sorted((project.root / "ontology" / "modules").glob("*.ttl"))
    files += sorted((project.root / "ontology" / "imports").glob("*.ttl"))
    assert len(files) >= 8, "expected the umbrella, six modules and the imports extract"
    return files


def test_every_module_has_a_complete_header(project):
    for path in module_files(project):
        graph = graph_of(project, path)
        headers = list(graph.subjects(RDF.type, OWL.Ontology))
        assert len(headers) == 1, path
        header = headers[0]
        assert graph.value(header, OWL.versionIRI), path
        assert graph.value(header, DCTERMS.license), path
        assert graph.value(header, DCTERMS.abstract), path
        langs = {label.language for label in graph.objects(header, RDFS.label)}
        assert {"en", "fr"} <= langs, path


def local_terms(project) -> dict[URIRef, tuple[Graph, URIRef]]:
    terms = {}
    for path in sorted((project.root / "ontology" / "modules").glob("*.ttl")):
        graph = graph_of(project, path)
        module = next(graph.subjects(RDF.type, OWL.Ontology))
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
            for term in graph.subjects(RDF.type, kind):
                if isinstance(term, URIRef) and str(term).startswith(LOCAL):
                    terms[term] = (graph, module)
    return terms


def test_every_local_term_is_labelled_defined_and_aligned(project):
    terms = local_terms(project)
    assert len(terms) >= 40
    for term, (graph, module) in terms.items():
        labels = {label.language for label in graph.objects(term, RDFS.label)}
        assert {"en", "fr"} <= labels, f"{term} needs English and French labels"
        definitions = [d for d in graph.objects(term, SKOS.definition) if isinstance(d, Literal) and d.language == "en"]
        assert definitions, f"{term} needs an English definition"
        assert graph.value(term, RDFS.isDefinedBy) == module, f"{term} is not rdfs:isDefinedBy its module"
        aligned = any(
            not str(o).startswith(LOCAL) or p == SKOS.scopeNote
            for p in ALIGNMENTS
            for o in graph.objects(term, p)
        )
        assert aligned, f"{term} needs an alignment to ELI/ORG/schema.org/FOAF/PROV or a scope note saying none fits"


def test_object_properties_have_a_range_or_say_why_not(project):
    for term, (graph, _) in local_terms(project).items():
        if (term, RDF.type, OWL.ObjectProperty) in graph and term not in (NKG.about, NKG.proposedBy):
            assert graph.value(term, RDFS.range) is not None, f"{term} has no rdfs:range"


def test_the_closed_namespace_matches_the_ontology(project):
    declared = {str(t)[len(LOCAL):] for t in local_terms(project)}
    in_code = {name for name in NKG.__annotations__}
    assert declared == in_code
    with pytest.raises(AttributeError):
        NKG.Instrumnet  # a typo raises instead of minting a new IRI


def test_binding_provision_is_defined_in_owl(project):
    graph = graph_of(project, project.root / "ontology" / "modules" / "provision.ttl")
    definition = graph.value(NKG.BindingProvision, OWL.equivalentClass)
    assert definition is not None
    assert graph.value(definition, OWL.intersectionOf) is not None


def scheme_files(project):
    files = sorted((project.root / "ontology" / "vocabularies").glob("*.ttl"))
    assert len(files) >= 9
    return files


def test_one_scheme_per_vocabulary_file(project):
    expected = {"instrument-type", "legal-nature", "normative-force", "topic", "agent-type",
                "treaty-action", "area-of-action", "outcome", "stance"}
    assert expected <= {p.stem for p in scheme_files(project)}
    for path in scheme_files(project):
        graph = graph_of(project, path)
        schemes = list(graph.subjects(RDF.type, SKOS.ConceptScheme))
        assert schemes == [VOCAB[path.stem]], path
        concepts = list(graph.subjects(RDF.type, SKOS.Concept))
        assert concepts, path
        for concept in concepts:
            assert str(concept).startswith(f"{VOCAB[path.stem]}/"), concept
            assert (concept, SKOS.inScheme, schemes[0]) in graph
            assert {label.language for label in graph.objects(concept, SKOS.prefLabel)} == {"en", "fr"}, concept
            assert graph.value(concept, SKOS.definition) is not None, concept


@pytest.mark.parametrize("concept, unesco", [
    ("cultural-rights", "concept556"), ("human-rights", "concept557"), ("freedom-of-expression", "concept4834"),
    ("artificial-intelligence", "concept3052"), ("digital-platforms", "concept17162"), ("copyright", "concept3090"),
    ("cultural-policy", "concept272"), ("cultural-industries", "concept4347"), ("media-diversity", "concept17149"),
])
def test_topics_match_the_unesco_thesaurus(project, concept, unesco):
    graph = graph_of(project, project.root / "ontology" / "vocabularies" / "topic.ttl")
    assert (VOCAB[f"topic/{concept}"], SKOS.exactMatch, URIRef(f"http://vocabularies.unesco.org/thesaurus/{unesco}")) in graph


def test_narrower_cultural_rights_topics(project):
    graph = graph_of(project, project.root / "ontology" / "vocabularies" / "topic.ttl")
    narrower = set(graph.subjects(SKOS.broader, VOCAB["topic/cultural-rights"]))
    assert {VOCAB[f"topic/{t}"] for t in ("participation-in-cultural-life", "access-to-culture", "artistic-freedom", "authors-interests")} <= narrower
