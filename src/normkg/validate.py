"""Validate the sources with pyshacl against the shapes of a profile, and report each finding with
the source file of its focus node.

The data graph is what rdflib parsed from every source file — ontology, vocabularies and data —
never what a store canonicalised; inference (none, rdfs or owlrl) runs on it before the shapes are
checked.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from normkg.errors import SourceError, UsageError
from normkg.loader import load_sources, new_dataset, parse_file
from normkg.namespaces import SH, SHAPES, compact
from normkg.project import Project

INFERENCE = ("none", "rdfs", "owlrl")
SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    layers: tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """One validation result, located in a source file."""

    file: str
    focus: Node
    label: str
    path: str
    message: str
    severity: str
    component: str
    shape: str
    value: str


def load_profiles(project: Project) -> dict[str, Profile]:
    path = project.root / "validation" / "profiles.toml"
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise SourceError(f"{project.relative(path)}: cannot read: {err.strerror}") from None
    except tomllib.TOMLDecodeError as err:
        raise SourceError(f"{project.relative(path)}: malformed TOML: {err}") from None
    return {
        name: Profile(name, str(spec.get("description", "")), tuple(spec["layers"]))
        for name, spec in config.get("profiles", {}).items()
    }


def shape_files(project: Project) -> list[Path]:
    return sorted(project.shapes_dir.glob("*.ttl"))


def load_shapes(project: Project, layers: tuple[str, ...]) -> Graph:
    """The shapes of the given layers: each node shape with its property shapes and constraints."""
    everything = new_dataset().default_graph
    for path in shape_files(project):
        parse_file(path, project.relative(path), everything)
    selected = Graph()
    for prefix, ns in everything.namespaces():
        selected.bind(prefix, ns)
    for shape in set(everything.subjects(SHAPES.layer, None)):
        if str(everything.value(shape, SHAPES.layer)) in layers:
            _copy_description(everything, shape, selected)
    # prefix declarations used by SHACL-SPARQL constraints
    for decl in everything.subjects(RDF.type, URIRef("http://www.w3.org/2002/07/owl#Ontology")):
        _copy_description(everything, decl, selected)
    return selected


def _copy_description(source: Graph, node: Node, target: Graph, seen: set | None = None) -> None:
    """Copy node's triples, following blank nodes and named property shapes."""
    seen = set() if seen is None else seen
    if node in seen:
        return
    seen.add(node)
    for p, o in source.predicate_objects(node):
        target.add((node, p, o))
        if isinstance(o, BNode) or (p == SH.property and isinstance(o, URIRef)):
            _copy_description(source, o, target, seen)


def _label(graph: Graph, node: Node) -> str:
    for predicate in (SKOS.prefLabel, URIRef("http://purl.org/dc/terms/title"), URIRef("http://schema.org/name"), RDFS.label):
        for value in graph.objects(node, predicate):
            if isinstance(value, Literal) and value.language in (None, "en"):
                return str(value)
    return ""


def _file_of(node: Node, subjects_by_file: dict[Node, str]) -> str:
    return subjects_by_file.get(node, "(inferred or external)")


def validate(project: Project, profile: str = "full", inference: str = "owlrl") -> list[Finding]:
    """Run the profile's shapes on the sources and return the findings, worst first."""
    import pyshacl

    profiles = load_profiles(project)
    if profile not in profiles:
        raise UsageError(f"unknown profile {profile!r}: choose one of {', '.join(profiles)}")
    if inference not in INFERENCE:
        raise UsageError(f"unknown inference {inference!r}: choose one of {', '.join(INFERENCE)}")
    dataset = load_sources(project)
    subjects_by_file: dict[Node, str] = {}
    data = Graph()
    for path in project.source_files():
        for triple in dataset.graph(URIRef(project.graph_iri(path))):
            data.add(triple)
            subjects_by_file.setdefault(triple[0], project.relative(path))
    shapes = load_shapes(project, profiles[profile].layers)
    _, report, _ = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference=None if inference == "none" else inference,
        advanced=True,
        allow_warnings=True,
    )
    findings = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        findings.append(
            Finding(
                file=_file_of(focus, subjects_by_file),
                focus=focus,
                label=_label(data, focus),
                path=compact(str(path)) if isinstance(path, URIRef) else ("" if path is None else "(complex path)"),
                message=str(report.value(result, SH.resultMessage) or ""),
                severity=str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
                component=compact(str(report.value(result, SH.sourceConstraintComponent))),
                shape=compact(str(report.value(result, SH.sourceShape))) if isinstance(report.value(result, SH.sourceShape), URIRef) else "",
                value="" if value is None else (compact(str(value)) if isinstance(value, URIRef) else str(value)),
            )
        )
    findings.sort(key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.file, str(f.focus), f.path, f.message))
    return findings
