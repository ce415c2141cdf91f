"""Locating a subject's description in a Turtle file's text, for the line in validation reports."""

from __future__ import annotations

from rdflib import Graph

from normkg.source_lines import subject_lines

TEXT = """@prefix agent: <https://w3id.org/normkg/id/agent/> .
PREFIX : <https://example.org/default/>
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

agent:unesco skos:prefLabel "UNESCO"@en .

@base <https://w3id.org/normkg/eli/test/convention/2000/a/> .
<art_1> skos:prefLabel "art. 1"@en .
<art_1/para_2>
    skos:prefLabel "art. 1(2)"@en .
    <art_9> skos:prefLabel "indented: not a subject at the start of a line"@en .
BASE <https://w3id.org/normkg/eli/test/convention/2000/b/>
<art_1> skos:prefLabel "art. 1 of b"@en .
:thing skos:prefLabel "thing"@en .
agent:unesco skos:altLabel "described again further down"@en .
<https://example.org/absolute> skos:prefLabel "absolute"@en .
"""


def test_subjects_resolve_against_prefixes_and_the_base_in_force_on_their_line():
    assert subject_lines(TEXT, "file:///tmp/x.ttl") == {
        "https://w3id.org/normkg/id/agent/unesco": 5,
        "https://w3id.org/normkg/eli/test/convention/2000/a/art_1": 8,
        "https://w3id.org/normkg/eli/test/convention/2000/a/art_1/para_2": 9,
        "https://w3id.org/normkg/eli/test/convention/2000/b/art_1": 13,
        "https://example.org/default/thing": 14,
        "https://example.org/absolute": 16,
    }


def test_the_located_subjects_are_the_subjects_rdflib_reads():
    """Every subject found is one rdflib parses from the same text (the scanner resolves as Turtle does)."""
    parsed = {str(s) for s in Graph().parse(data=TEXT, format="turtle", publicID="file:///tmp/x.ttl").subjects()}
    assert set(subject_lines(TEXT, "file:///tmp/x.ttl")) <= parsed
    assert parsed - set(subject_lines(TEXT, "file:///tmp/x.ttl")) == {"https://w3id.org/normkg/eli/test/convention/2000/a/art_9"}
