"""The shapes in validation/shapes/ and the profiles in validation/profiles.toml: load them, check
that they are well formed, and choose the shapes a profile applies.

Every node shape with a target declares its layer (``shapes:layer "core"``); a profile is a list of
layers. A shape marked ``shapes:onAssertedTriples true`` is checked against the sources as written,
before inference, because inference would hide what it looks for.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

from normkg.errors import SourceError, UsageError
from normkg.loader import parse_file
from normkg.namespaces import SH, SHAPES, compact
from normkg.project import Project

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
# What a node shape may say besides constraints of its own (those are listed as rules of the shape).
NOT_CONSTRAINTS = {
    *TARGETS, RDF.type, RDFS.comment, RDFS.label, SH.property, SH.sparql, SH.severity, SH.message,
    SH.deactivated, SH.name, SH.description, SHAPES.layer, SHAPES.onAssertedTriples,
}


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    layers: tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    """One thing validation checks: a property shape, a SPARQL constraint, or the constraints a node
    shape states itself (such as sh:or), with the node shape that selects its focus nodes."""

    node: URIRef
    shape: URIRef
    layer: str
    severity: str
    message: str
    file: str


@dataclass(frozen=True)
class Shapes:
    """Every shapes file merged into one graph, with the file that declares each shape."""

    graph: Graph
    files: dict[Node, str]

    def targeted(self) -> list[URIRef]:
        """The node shapes that select focus nodes themselves (the others are used by reference)."""
        return sorted({s for t in TARGETS for s in self.graph.subjects(t, None) if isinstance(s, URIRef)})

    def layer(self, shape: Node) -> str:
        return str(self.graph.value(shape, SHAPES.layer))

    def layers(self) -> set[str]:
        return {self.layer(shape) for shape in self.targeted()}

    def on_asserted_triples(self, shape: Node) -> bool:
        return (shape, SHAPES.onAssertedTriples, Literal(True)) in self.graph

    def rules(self) -> list[Rule]:
        """Every rule of every targeted node shape, sorted by file, shape and rule."""
        graph, found = self.graph, []
        for shape in self.targeted():
            properties = sorted(graph.objects(shape, SH.property))
            own = [shape] if set(graph.predicates(shape, None)) - NOT_CONSTRAINTS else []
            for node in own + properties + sorted(graph.objects(shape, SH.sparql)):
                # a property shape reports with its own severity; the other rules with their node shape's
                severity = graph.value(node if node in properties else shape, SH.severity, default=SH.Violation)
                found.append(Rule(node, shape, self.layer(shape), str(severity).rsplit("#", 1)[-1],
                                  str(graph.value(node, SH.message) or ""), self.files.get(node, self.files[shape])))
        return sorted(found, key=lambda rule: (rule.file, str(rule.shape), str(rule.node)))

    def select(self, profile: Profile, asserted: bool) -> list[URIRef]:
        """The profile's shapes that run on the asserted triples (asserted=True) or after inference."""
        return [
            shape for shape in self.targeted()
            if self.layer(shape) in profile.layers and self.on_asserted_triples(shape) == asserted
        ]


def load_profiles(project: Project) -> dict[str, Profile]:
    path = project.root / "validation" / "profiles.toml"
    shown = project.relative(path)
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise SourceError(f"{shown}: cannot read: {err.strerror}") from None
    except UnicodeDecodeError as err:
        raise SourceError(f"{shown}: not UTF-8: {err.reason}") from None
    except tomllib.TOMLDecodeError as err:
        raise SourceError(f"{shown}:{toml_position(err, path)}") from None
    profiles = {}
    for name, spec in config.get("profiles", {}).items():
        layers = spec.get("layers") if isinstance(spec, dict) else None
        if not layers or not isinstance(layers, list) or not all(isinstance(layer, str) for layer in layers):
            raise SourceError(f"{shown}: profile {name!r} needs layers = [\"core\", …], a non-empty list of layer names")
        profiles[name] = Profile(name, str(spec.get("description", "")), tuple(layers))
    if not profiles:
        raise SourceError(f"{shown}: no [profiles.NAME] table")
    return profiles


def toml_position(err: tomllib.TOMLDecodeError, path: Path) -> str:
    """'line:col: malformed TOML: message' from the '(at line 3, column 5)' tomllib puts in its message."""
    message, _, where = str(err).rpartition(" (at ")
    found = re.fullmatch(r"line (\d+), column (\d+)\)", where)
    if found:
        return f"{found[1]}:{found[2]}: malformed TOML: {message}"
    lines = path.read_text(encoding="utf-8").split("\n")  # "(at end of document)"
    return f"{len(lines)}:{len(lines[-1]) + 1}: malformed TOML: {message}"


def choose_profile(project: Project, name: str, shapes: Shapes) -> Profile:
    """The named profile, once every layer it lists is known to be declared by some shape."""
    profiles = load_profiles(project)
    if name not in profiles:
        raise UsageError(f"unknown profile {name!r}: choose one of {', '.join(profiles)}")
    known = shapes.layers()
    for profile in profiles.values():
        for layer in profile.layers:
            if layer not in known:
                raise SourceError(
                    f"validation/profiles.toml: profile {profile.name!r} lists layer {layer!r}, which no shape "
                    f"declares (layers in validation/shapes/: {', '.join(sorted(known))})"
                )
    return profiles[name]


def shape_files(project: Project) -> list[Path]:
    return sorted(project.shapes_dir.glob("*.ttl"))


def load_shapes(project: Project) -> Shapes:
    """Parse every shapes file, then check layers and SPARQL so errors name the file, not a traceback."""
    merged = Graph()
    files: dict[Node, str] = {}
    paths = shape_files(project)
    if not paths:
        raise SourceError(f"{project.relative(project.shapes_dir)}: no shapes files (*.ttl)")
    for path in paths:
        shown = project.relative(path)
        graph = parse_file(path, shown, Graph())
        for subject in set(graph.subjects()):
            files.setdefault(subject, shown)
        merged += graph
        for prefix, namespace in graph.namespaces():
            merged.bind(prefix, namespace, override=False)
    shapes = Shapes(merged, files)
    for shape in shapes.targeted():
        layers = list(merged.objects(shape, SHAPES.layer))
        if len(layers) != 1:
            raise SourceError(f"{files[shape]}: {compact(str(shape))} has a target, so it needs exactly one shapes:layer")
    _check_sparql(shapes)
    return shapes


def _check_sparql(shapes: Shapes) -> None:
    """Parse every SPARQL query of the shapes with its declared prefixes, as pyshacl will."""
    graph = shapes.graph
    for holder, text in graph.subject_objects(SH.select):
        prefixes = {
            str(graph.value(declaration, SH.prefix)): str(graph.value(declaration, SH.namespace))
            for declarer in graph.objects(holder, SH.prefixes)
            for declaration in graph.objects(declarer, SH.declare)
        }
        try:
            prepareQuery(str(text), initNs=prefixes)
        except Exception as err:  # pyparsing and rdflib raise several types for a bad query
            owner = _owner(graph, holder)
            raise SourceError(
                f"{shapes.files.get(owner, 'validation/shapes')}: malformed SPARQL in {compact(str(owner))}: {err}"
            ) from None


def _owner(graph: Graph, node: Node) -> Node:
    """The named shape or constraint a (possibly blank) node belongs to."""
    while not isinstance(node, URIRef):
        parent = next(graph.subjects(None, node), None)
        if parent is None:
            return node
        node = parent
    return node

