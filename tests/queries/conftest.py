"""The fixture graph for the saved queries: a project with the real ontology, vocabularies, rules and
queries, and the small fictional data set in tests/queries/fixture/ as its data/ — built once per session
and loaded into both stores."""

from __future__ import annotations

import pytest
from query_cases import fixture_project as make_fixture_project

from normkg.build import build
from normkg.project import Project
from normkg.stores import STORES, open_store


@pytest.fixture(scope="session")
def fixture_project(tmp_path_factory, project) -> Project:
    """A project whose data/ is the fixture graph, with the real ontology, rules and queries."""
    return make_fixture_project(tmp_path_factory.mktemp("fixture-project"), project)


@pytest.fixture(scope="session")
def fixture_stores(fixture_project):
    compiled, _ = build(fixture_project)
    return {kind: open_store(kind, compiled.path) for kind in STORES}
