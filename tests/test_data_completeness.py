"""The graph covers the seed's world (issue 3's minimums) and every fact that must be sourced is."""

from __future__ import annotations

import pytest

from normkg.stats import compute

CONVENTION = "https://w3id.org/normkg/eli/unesco/convention/2005/cultural-expressions"
MINIMUMS = {
    "instruments": 18,
    "agents": 15,
    "events": 6,
    "recommendations": 11,
    "decision outcomes": 11,
    "positions": 8,
}


@pytest.fixture(scope="module")
def stats(stores):
    return {k.kind: k for k in compute(stores["oxigraph"]).kinds}


@pytest.mark.parametrize("kind, minimum", MINIMUMS.items())
def test_minimum_counts(stats, kind, minimum):
    assert stats[kind].count >= minimum


@pytest.mark.parametrize("kind", ["instruments", "provisions", "treaty actions", "positions", "decision outcomes",
                                  "recommendations", "events", "policy documents", "counts of Parties"])
def test_every_fact_has_a_source(stats, kind):
    assert stats[kind].with_source == stats[kind].count


def test_classified_provisions_have_quote_and_source(stores):
    rows = stores["oxigraph"].select("""
        PREFIX nkg: <https://w3id.org/normkg/ontology#> PREFIX eli: <http://data.europa.eu/eli/ontology#>
        PREFIX dct: <http://purl.org/dc/terms/>
        SELECT ?p (COUNT(DISTINCT ?q) AS ?quotes) (COUNT(DISTINCT ?s) AS ?sources) WHERE {
          ?p a nkg:Provision ; nkg:normativeForce ?f .
          OPTIONAL { ?p nkg:quote ?q } OPTIONAL { ?p dct:source ?s }
        } GROUP BY ?p""").rows
    assert len(rows) >= 60
    assert [str(p) for p, quotes, sources in rows if int(quotes) == 0 or int(sources) == 0] == []


def test_all_35_articles_of_the_2005_convention(stores):
    rows = stores["oxigraph"].select(f"""
        PREFIX nkg: <https://w3id.org/normkg/ontology#> PREFIX eli: <http://data.europa.eu/eli/ontology#>
        SELECT ?number ?heading WHERE {{
          ?article eli:is_part_of <{CONVENTION}> ; eli:number ?number ; nkg:heading ?heading .
          FILTER(lang(?heading) = "en")
        }}""").rows
    assert sorted(int(n) for n, _ in rows) == list(range(1, 36))


def test_reflection_group_outcomes_at_igc_18(stores):
    rows = stores["oxigraph"].select("""
        PREFIX nkg: <https://w3id.org/normkg/ontology#> PREFIX dct: <http://purl.org/dc/terms/>
        SELECT ?id ?outcome WHERE {
          ?d a nkg:DecisionOutcome ; nkg:atEvent <https://w3id.org/normkg/id/event/igc-18> ;
             nkg:onRecommendation ?rec ; nkg:outcome ?outcome .
          ?rec dct:identifier ?id .
        }""").rows
    outcomes = {int(i): str(o).rsplit("/", 1)[-1] for i, o in rows}
    assert outcomes == {1: "not-adopted", **{n: "adopted" for n in range(2, 12)}}


def test_positions_stated_in_the_seed_paper(stores):
    rows = stores["oxigraph"].select("""
        PREFIX nkg: <https://w3id.org/normkg/ontology#>
        SELECT ?position WHERE {
          ?position a nkg:Position ; nkg:statedIn <https://w3id.org/normkg/id/document/cdce-igc18-position> ;
                    nkg:heldBy <https://w3id.org/normkg/id/agent/cdce> ; nkg:quote ?quote .
        }""").rows
    assert len({p for (p,) in rows}) >= 8
