"""Namespaces used by normkg: the ontology as a closed DefinedNamespace (a misspelt term raises
instead of minting a new IRI), the IRI bases of the data, and the prefixes for reading and writing."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

BASE = "https://w3id.org/normkg/"


class NKG(DefinedNamespace):
    """The normkg ontology (ontology/modules/*.ttl). tests/test_ontology.py keeps this list equal
    to the terms the modules define."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes
    Instrument: URIRef
    BindingInstrument: URIRef
    Provision: URIRef
    BindingForce: URIRef
    BindingProvision: URIRef
    Event: URIRef
    PolicyDocument: URIRef
    Recommendation: URIRef
    DecisionOutcome: URIRef
    Position: URIRef
    TreatyAction: URIRef
    PartiesCount: URIRef
    # properties
    legalNature: URIRef
    adoptedAt: URIRef
    dateOpenedForSignature: URIRef
    proposalStatus: URIRef
    proposedBy: URIRef
    depositary: URIRef
    partOfInstrument: URIRef
    fallsUnder: URIRef
    eId: URIRef
    heading: URIRef
    normativeForce: URIRef
    quote: URIRef
    agentType: URIRef
    establishedBy: URIRef
    secretariat: URIRef
    sessionNumber: URIRef
    presentedAt: URIRef
    agendaItem: URIRef
    areaOfAction: URIRef
    addressedTo: URIRef
    proposesInstrument: URIRef
    decidedBy: URIRef
    atEvent: URIRef
    onRecommendation: URIRef
    outcome: URIRef
    heldBy: URIRef
    stance: URIRef
    about: URIRef
    statedIn: URIRef
    actor: URIRef
    instrument: URIRef
    actionType: URIRef
    entryIntoForceForActor: URIRef
    numberOfParties: URIRef


ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("http://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
VOID = Namespace("http://rdfs.org/ns/void#")
SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = Namespace(BASE + "shapes#")
VOCAB = Namespace(BASE + "vocab/")
GRAPH = Namespace(BASE + "graph/")
INFERRED_GRAPH = GRAPH["inferred"]

PREFIXES: dict[str, str] = {
    "nkg": str(NKG),
    "eli": str(ELI),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "oa": str(OA),
    "foaf": str(FOAF),
    "dct": str(DCTERMS),
    "skos": str(SKOS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "sh": str(SH),
    "dcat": str(DCAT),
    "void": str(VOID),
    "shapes": str(SHAPES),
    "agent": BASE + "id/agent/",
    "event": BASE + "id/event/",
    "doc": BASE + "id/document/",
    "action": BASE + "id/action/",
    "position": BASE + "id/position/",
    "decision": BASE + "id/decision/",
    "inst": BASE + "eli/",
    "vocab": str(VOCAB),
    "topic": str(VOCAB) + "topic/",
    "force": str(VOCAB) + "normative-force/",
    "nature": str(VOCAB) + "legal-nature/",
    "itype": str(VOCAB) + "instrument-type/",
    "status": str(VOCAB) + "instrument-status/",
}


def compact(iri: str) -> str:
    """The shortest prefixed form of an IRI (for tables), or the IRI itself."""
    best = None
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and (best is None or len(ns) > len(PREFIXES[best])):
            best = prefix
    if best is None:
        return iri
    return f"{best}:{iri[len(PREFIXES[best]):]}"
