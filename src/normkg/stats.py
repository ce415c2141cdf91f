"""How complete the graph is: counts per class, and the share of nodes that have a source, of
classified provisions that have a quote, and of labelled nodes that have a French label."""

from __future__ import annotations

from dataclasses import dataclass

# (class, its label property) for every kind of node curators write; SPARQL-ready IRIs.
KINDS: dict[str, tuple[str, str]] = {
    "instruments": ("nkg:Instrument", "dct:title"),
    "provisions": ("nkg:Provision", "nkg:heading"),
    "agents": ("org:Organization", "skos:prefLabel"),
    "events": ("nkg:Event", "schema:name"),
    "policy documents": ("nkg:PolicyDocument", "dct:title"),
    "recommendations": ("nkg:Recommendation", "dct:description"),
    "decision outcomes": ("nkg:DecisionOutcome", "nkg:quote"),
    "positions": ("nkg:Position", "nkg:quote"),
    "treaty actions": ("nkg:TreatyAction", "nkg:actionType"),
    "counts of Parties": ("nkg:PartiesCount", "nkg:quote"),
    "vocabulary concepts": ("skos:Concept", "skos:prefLabel"),
}
# Kinds that are facts about the world and must cite a source (concepts are normkg's own terms).
SOURCED = tuple(kind for kind in KINDS if kind != "vocabulary concepts")
# Kinds whose labels are written for readers, so a French label is expected.
BILINGUAL = ("instruments", "agents", "events", "policy documents", "vocabulary concepts")

PREFIXES = """PREFIX nkg: <https://w3id.org/normkg/ontology#> PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dct: <http://purl.org/dc/terms/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/> PREFIX eli: <http://data.europa.eu/eli/ontology#>
"""


@dataclass(frozen=True)
class KindStats:
    kind: str
    count: int
    with_source: int | None
    with_french_label: int | None


@dataclass(frozen=True)
class Stats:
    kinds: list[KindStats]
    classified_provisions: int
    classified_with_quote: int


def _count(store, where: str) -> int:
    table = store.select(f"{PREFIXES} SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}")
    return int(table.rows[0][0])


def compute(store) -> Stats:
    """Statistics of the compiled dataset held by an embedded or remote store."""
    kinds = []
    for kind, (cls, label) in KINDS.items():
        typed = f"?x a {cls} . FILTER(STRSTARTS(STR(?x), 'https://w3id.org/normkg/'))"
        french = _count(store, f"{typed} ?x {label} ?l . FILTER(lang(?l) = 'fr')") if kind in BILINGUAL else None
        sourced = _count(store, f"{typed} ?x dct:source ?s") if kind in SOURCED else None
        kinds.append(KindStats(kind, _count(store, typed), sourced, french))
    classified = "?x a nkg:Provision . { ?x nkg:normativeForce ?f } UNION { ?x eli:is_about ?t }"
    return Stats(kinds, _count(store, classified), _count(store, f"{classified} ?x nkg:quote ?q"))


def share(part: int, whole: int) -> str:
    return "–" if whole == 0 else f"{100 * part / whole:.0f} %"


def _share_or_blank(part: int | None, whole: int) -> str:
    return "" if part is None else share(part, whole)


def rows(stats: Stats) -> list[tuple[str, str, str, str]]:
    """(kind, count, with a source, with a French label) rows, then the quote coverage."""
    out = [
        (k.kind, str(k.count), _share_or_blank(k.with_source, k.count), _share_or_blank(k.with_french_label, k.count))
        for k in stats.kinds
    ]
    out.append(("classified provisions with a quote", str(stats.classified_provisions),
                share(stats.classified_with_quote, stats.classified_provisions), ""))
    return out
