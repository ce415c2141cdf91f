"""Validate the sources with pyshacl against the shapes of a profile, and locate each finding in the
source file it comes from.

The data graph is what rdflib parsed from every source file — ontology, vocabularies and data —
never what a store canonicalised. Inference (none, rdfs or owlrl, as pyshacl's ``-i`` option does it)
runs on a copy; shapes marked ``shapes:onAssertedTriples`` are checked on the sources as written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS
from rdflib.term import Node

from normkg.citations import citation
from normkg.errors import SourceError, UsageError
from normkg.focus_graph import FocusQueryGraph
from normkg.loader import load_sources
from normkg.namespaces import GRAPH, NKG, SCHEMA, SH, compact
from normkg.project import Project
from normkg.shapes import Profile, Shapes, choose_profile, load_shapes
from normkg.source_lines import with_lines

INFERENCE = ("none", "rdfs", "owlrl")
SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
LABELS = (SKOS.prefLabel, DCTERMS.title, SCHEMA.name, RDFS.label)
NOT_IN_SOURCES = "(not in any source file)"


@dataclass(frozen=True)
class Finding:
    """One validation result, located in a source file."""

    file: str
    focus: Node
    label: str
    path: URIRef | None
    value: Node | None
    message: str
    severity: str
    component: URIRef
    shape: Node
    constraint: Node | None
    line: int | None = None  # where the focus node is described in the file, when it is written there


def closure(asserted: Graph, inference: str) -> Graph:
    """A copy of ``asserted`` with the RDFS or OWL-RL closure added, as pyshacl's inference does it."""
    if inference == "none":
        return asserted
    from owlrl import DeductiveClosure, OWLRL_Semantics
    from pyshacl.inference import CustomRDFSSemantics

    inferred = FocusQueryGraph()
    inferred += asserted
    DeductiveClosure(OWLRL_Semantics if inference == "owlrl" else CustomRDFSSemantics).expand(inferred)
    return inferred


def check_shapes(graph: Graph, shapes: Shapes, selected: list[URIRef]) -> Graph:
    """Run pyshacl on ``graph`` (already inferred) with the selected node shapes, the others switched
    off with sh:deactivated, and return its report."""
    import pyshacl
    from pyshacl.errors import ReportableRuntimeError

    shapes_graph = Graph()
    shapes_graph += shapes.graph
    for shape in set(shapes.targeted()) - set(selected):
        shapes_graph.add((shape, SH.deactivated, Literal(True)))
    try:
        _, report, _ = pyshacl.validate(
            graph, shacl_graph=shapes_graph, inference="none", inplace=True, advanced=True, allow_warnings=True
        )
    except ReportableRuntimeError as err:  # a shape pyshacl cannot use, e.g. a literal as sh:path
        raise SourceError(shapes_error(shapes, err)) from None
    return report


def shapes_error(shapes: Shapes, err: Exception) -> str:
    """Where pyshacl's complaint about the shapes comes from: the shape SHACL-for-SHACL rejects, and its
    file (pyshacl's own message does not name them)."""
    from pyshacl.entrypoints import meta_validate

    _, report, _ = meta_validate(shapes.graph, inference="rdfs")
    culprits = sorted({str(node) for node in report.objects(None, SH.focusNode)})
    where = "; ".join(f"{shapes.files.get(URIRef(node), 'validation/shapes')}: {compact(node)}" for node in culprits)
    first_line = str(err).splitlines()[0]
    return f"{where or 'validation/shapes'}: pyshacl cannot use this shape: {first_line}"


def validate(
    project: Project,
    profile: str = "full",
    inference: str = "owlrl",
    on_step: Callable[[str], None] = lambda step: None,
) -> list[Finding]:
    """Check the project's sources against the profile's shapes; return the findings, worst first."""
    on_step("Reading the shapes…")
    shapes = load_shapes(project)
    chosen = choose_profile(project, profile, shapes)
    on_step("Reading the sources…")
    return with_lines(validate_dataset(load_sources(project), shapes, chosen, inference, on_step), project.root)


def validate_dataset(
    sources: Dataset,
    shapes: Shapes,
    profile: Profile,
    inference: str = "owlrl",
    on_step: Callable[[str], None] = lambda step: None,
) -> list[Finding]:
    """Check a dataset with one named graph per source file (graph IRI as in DESIGN §2)."""
    if inference not in INFERENCE:
        raise UsageError(f"unknown inference {inference!r}: choose one of {', '.join(INFERENCE)}")
    asserted = FocusQueryGraph()
    for graph in sources.graphs():
        asserted += graph
    reports = []
    if selected := shapes.select(profile, asserted=True):
        on_step("Checking the links between sources…")
        reports.append(check_shapes(asserted, shapes, selected))
    if selected := shapes.select(profile, asserted=False):
        if inference != "none":
            on_step(f"Computing the {inference} closure…")
        inferred = closure(asserted, inference)
        on_step(f"Checking the {profile.name} profile…")
        reports.append(check_shapes(inferred, shapes, selected))
    findings = [finding(report, result, asserted, sources) for report in reports for result in report.objects(None, SH.result)]
    findings.sort(key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.file, str(f.focus), str(f.path), f.message))
    return findings


def finding(report: Graph, result: Node, asserted: Graph, sources: Dataset) -> Finding:
    focus = report.value(result, SH.focusNode)
    path = report.value(result, SH.resultPath)
    value = report.value(result, SH.value)
    return Finding(
        file=source_file(sources, focus, path, value),
        focus=focus,
        label=label(asserted, focus),
        path=path if isinstance(path, URIRef) else None,
        value=value,
        message=str(report.value(result, SH.resultMessage) or ""),
        severity=str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
        component=report.value(result, SH.sourceConstraintComponent),
        shape=report.value(result, SH.sourceShape),
        constraint=report.value(result, SH.sourceConstraint),
    )


def source_file(sources: Dataset, focus: Node, path: Node | None, value: Node | None) -> str:
    """The source file a finding comes from: the file that states the offending triple, else the file
    that describes the focus node, else the file that points to it (data files first). The file is read
    off the named graph: https://w3id.org/normkg/graph/data/agents/unesco is data/agents/unesco.ttl."""
    patterns = [(focus, path, value)] if isinstance(path, URIRef) and value is not None else []
    patterns += [(focus, None, None), (None, None, focus)]
    for pattern in patterns:
        found = {file_of(graph) for *_, graph in sources.quads(pattern) if str(graph).startswith(str(GRAPH))}
        if found:
            return min(found, key=lambda file: (not file.startswith("data/"), file))
    return NOT_IN_SOURCES


def file_of(graph: Node) -> str:
    return str(graph)[len(str(GRAPH)):] + ".ttl"


def label(graph: Graph, node: Node) -> str:
    """A human name for a focus node: its English label or title, else the citation of its eId."""
    for predicate in LABELS:
        for value in graph.objects(node, predicate):
            if isinstance(value, Literal) and value.language in (None, "en"):
                return str(value)
    eid = graph.value(node, NKG.eId)
    return citation(str(eid), "en") if eid is not None else ""
