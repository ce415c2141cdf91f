"""The saved queries' test cases — parameter sets in tests/queries/cases.toml, expected answers under
tests/queries/expected/{graph}/{query}/{case}.srj|.nt, the fixture graph — and how an answer is compared
with them. Plain Python, no pytest: the embedded-store tests, the server tests and benchmarks/servers.py
all use it."""

from __future__ import annotations

import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from normkg.project import Project
from normkg.queries import SavedQuery
from normkg.results import read_json, to_json

CASES_FILE = Path(__file__).parent / "queries" / "cases.toml"
EXPECTED_DIR = Path(__file__).parent / "queries" / "expected"
FIXTURE_DIR = Path(__file__).parent / "queries" / "fixture"


@dataclass(frozen=True)
class Case:
    """One saved query run with one parameter set on one graph (fixture or data)."""

    graph: str
    query: str
    name: str
    params: dict

    @property
    def id(self) -> str:
        return f"{self.graph}/{self.query}/{self.name}"

    def expected_path(self, form: str) -> Path:
        """Where the expected answer is written: SPARQL JSON results, or sorted N-Triples for a CONSTRUCT."""
        return EXPECTED_DIR / self.graph / self.query / f"{self.name}.{'nt' if form == 'CONSTRUCT' else 'srj'}"


def fixture_project(root: Path, project: Project) -> Project:
    """A project in ``root`` whose data/ is the fixture graph, with the real ontology and queries."""
    shutil.copytree(project.root / "ontology", root / "ontology")
    shutil.copytree(project.root / "queries", root / "queries")
    shutil.copytree(FIXTURE_DIR, root / "data")
    return Project.locate(root)


def load_cases(graph: str | None = None) -> list[Case]:
    """The cases of cases.toml ([graph.query] tables of name = { param = value } sets), of one graph or all."""
    document = tomllib.loads(CASES_FILE.read_text(encoding="utf-8"))
    return [
        Case(name_of_graph, query, name, {k: str(v) for k, v in params.items()})
        for name_of_graph, queries in document.items() if graph in (None, name_of_graph)
        for query, cases in queries.items()
        for name, params in cases.items()
    ]


def ntriples(triples) -> str:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    lines = sorted(line for line in graph.serialize(format="nt").splitlines() if line.strip())
    return "\n".join(lines) + "\n"


def answer(store, saved: SavedQuery, case: Case) -> str:
    """The case's answer from a store (embedded or remote) as the text of an expected-answer file."""
    text = saved.bind(case.params)
    return ntriples(store.construct(text)) if saved.form == "CONSTRUCT" else to_json(store.select(text))


def comparable(document: str, form: str):
    """What is compared: the columns and the rows in order, or the set of triples."""
    if form == "CONSTRUCT":
        return set(Graph().parse(data=document, format="nt"))
    table = read_json(document)
    return table.columns, table.rows


def answered(store, saved: SavedQuery, case: Case):
    """The case's answer from a store, comparable with ``expected``."""
    return comparable(answer(store, saved, case), saved.form)


def expected(case: Case, saved: SavedQuery):
    """The case's expected answer, comparable; AssertionError when it has not been written yet."""
    path = case.expected_path(saved.form)
    assert path.is_file(), f"no expected answer {path}; write it with NORMKG_REGENERATE={case.graph} and review it"
    return comparable(path.read_text(encoding="utf-8"), saved.form)
