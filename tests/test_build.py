"""The compiled dataset: one graph per source, an inferred graph, cached until a source changes."""

from __future__ import annotations

import os

from normkg.build import build, read_cached
from normkg.namespaces import INFERRED_GRAPH


def test_every_source_file_is_a_named_graph(compiled, project):
    files = {g["file"] for g in compiled.graphs.values() if g["file"]}
    assert files == {project.relative(p) for p in project.source_files()}
    assert compiled.graphs[str(INFERRED_GRAPH)]["triples"] > 0


def test_rebuilt_only_when_a_source_changes(project_copy):
    first, rebuilt = build(project_copy)
    assert rebuilt
    again, rebuilt = build(project_copy)
    assert not rebuilt and again.manifest["fingerprint"] == first.manifest["fingerprint"]
    source = project_copy.root / "data" / "curators.ttl"
    source.write_text(source.read_text(encoding="utf-8") + "\n# touched\n", encoding="utf-8")
    assert read_cached(project_copy) is None
    _, rebuilt = build(project_copy)
    assert rebuilt


def test_a_failed_build_leaves_the_previous_one_in_place(project_copy):
    good, _ = build(project_copy)
    before = good.path.read_bytes()
    bad = project_copy.root / "data" / "curators.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    try:
        build(project_copy)
    except Exception:
        pass
    assert good.path.read_bytes() == before
    assert not [p for p in good.path.parent.iterdir() if p.name.endswith(".tmp")]


def test_cache_folder_is_private_to_the_project_root(project, project_copy):
    a, _ = build(project)
    b, _ = build(project_copy)
    assert a.path.parent != b.path.parent
    assert os.environ["NORMKG_CACHE_DIR"] in str(a.path)
