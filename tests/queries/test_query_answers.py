"""Every saved query answers as written down, on the fixture graph and on data/, identically on the
Oxigraph and rdflib stores. Expected answers are data files compared row by row (SELECT, in order) or
triple by triple (CONSTRUCT); they are rewritten only when NORMKG_REGENERATE names their graph."""

from __future__ import annotations

import os

import pytest
from query_cases import EXPECTED_DIR, Case, answer, comparable, expected, load_cases

from normkg.queries import saved_queries

CASES = load_cases()
REGENERATE = os.environ.get("NORMKG_REGENERATE", "")


def check(case: Case, stores, queries) -> None:
    saved = queries[case.query]
    oxigraph = answer(stores["oxigraph"], saved, case)
    memory = answer(stores["memory"], saved, case)
    assert comparable(memory, saved.form) == comparable(oxigraph, saved.form), f"{case.id}: the stores disagree"
    if REGENERATE in (case.graph, "all"):
        path = case.expected_path(saved.form)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(oxigraph, encoding="utf-8")
        pytest.skip(f"regenerated {path.relative_to(EXPECTED_DIR)}: review the diff before committing")
    assert comparable(oxigraph, saved.form) == expected(case, saved), case.id


@pytest.mark.parametrize("case", [c for c in CASES if c.graph == "fixture"], ids=lambda c: c.id)
def test_fixture_answers(case, fixture_stores, fixture_project):
    check(case, fixture_stores, saved_queries(fixture_project))


@pytest.mark.parametrize("case", [c for c in CASES if c.graph == "data"], ids=lambda c: c.id)
def test_data_answers(case, stores, project):
    check(case, stores, saved_queries(project))


@pytest.mark.parametrize("graph", ["fixture", "data"])
def test_every_query_has_cases_on_each_graph(graph, project):
    covered = {c.query for c in CASES if c.graph == graph}
    assert covered, f"no {graph} cases: cases.toml was not read"
    assert covered == set(saved_queries(project)), f"queries without {graph} cases, or cases of no query"


def test_every_expected_answer_belongs_to_a_case(project):
    forms = {name: q.form for name, q in saved_queries(project).items()}
    wanted = {c.expected_path(forms.get(c.query, "SELECT")) for c in CASES}
    found = {p for p in EXPECTED_DIR.rglob("*") if p.is_file()}
    assert found - wanted == set(), "expected answers of no case: delete them"


def test_every_dated_case_pins_its_date(project):
    queries = saved_queries(project)
    for case in CASES:
        for param in queries[case.query].params:
            if param.default == "today":
                assert param.name in case.params, f"{case.id} leaves {param.name} to today"


def test_the_fixture_covers_the_edge_cases(fixture_project):
    """The edge cases the answers must show: empty answers, an instrument without provisions, a date
    before adoption, a proposed instrument."""
    names = {c.name for c in CASES if c.graph == "fixture"}
    assert {"no-provisions", "before-adoption", "no-match", "unknown-resource"} <= names
    text = "".join(p.read_text(encoding="utf-8") for p in (fixture_project.root / "data").glob("*.ttl"))
    assert "nkg:proposalStatus status:proposed" in text
