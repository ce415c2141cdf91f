"""Exports of the compiled dataset and of CONSTRUCT queries parse back to the same triples."""

from __future__ import annotations

from collections import defaultdict

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from normkg.sparqltext import declared_prefixes


def graphs_of(dataset: Dataset) -> dict[str, Graph]:
    """Each named graph of a dataset as its own Graph (blank nodes compared by isomorphism)."""
    out: dict[str, Graph] = defaultdict(Graph)
    for s, p, o, g in dataset.quads((None, None, None, None)):
        out[str(g)].add((s, p, o))
    return out


def union(dataset: Dataset) -> Graph:
    merged = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


@pytest.mark.parametrize("fmt, rdflib_format", [("nq", "nquads"), ("jsonld", "json-ld"), ("ttl", "turtle")])
def test_export_round_trips(cli, compiled, tmp_path, fmt, rdflib_format):
    out = tmp_path / f"dataset.{fmt}"
    result = cli("export", "--format", fmt, "--out", str(out))
    assert result.exit_code == 0, result.stderr
    expected = Dataset()
    expected.parse(compiled.path, format="nquads")
    parsed = Dataset()
    parsed.parse(out, format=rdflib_format)
    if fmt == "ttl":  # Turtle has no graphs: the union of all graphs
        assert isomorphic(union(parsed), union(expected))
        return
    got, want = graphs_of(parsed), graphs_of(expected)
    assert got.keys() == want.keys()
    assert all(isomorphic(got[g], want[g]) for g in want)


def test_export_to_an_unwritable_place_fails_cleanly(cli, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = cli("export", "--format", "nq", "--out", str(blocker / "x.nq"))
    assert result.exit_code == 3
    assert f"{blocker / 'x.nq'}: cannot write" in result.stderr


def test_construct_output_uses_the_query_prefixes(cli):
    result = cli("query", "export-wikidata-treaty-statements", "--format", "ttl")
    assert result.exit_code == 0, result.stderr
    assert "@prefix wdt: <http://www.wikidata.org/prop/direct/> ." in result.stdout
    assert "ns1:" not in result.stdout
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert len(graph) > 0


def test_declared_prefixes_ignore_comments():
    text = "# PREFIX no: <http://example.org/no#>\nPREFIX ex: <http://example.org/>\nPREFIX : <http://example.org/base#>\nSELECT * { ?s ?p ?o }"
    assert declared_prefixes(text) == {"ex": "http://example.org/", "": "http://example.org/base#"}
