"""The shapes, tested the way the W3C SHACL test suite tests processors: each fixture in
tests/shapes/<module>/ is validated with the full profile, and its results are compared, as a set,
with the results its manifest writes down (focus node, path, constraint component, severity, source
shape, SPARQL constraint, value).

Every invalid fixture NAME.invalid.ttl has a valid twin NAME.valid.ttl that describes the same
resources done right and yields no result at all. The coverage test enumerates every rule of the
shapes graph and fails when one is not shown failing by an invalid fixture.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF

from normkg.loader import load_sources, parse_file
from normkg.namespaces import GRAPH, SH, compact
from normkg.shapes import choose_profile, load_shapes
from normkg.validate import validate_dataset

HERE = Path(__file__).parent
FIXTURES = HERE / "shapes"
SUPPORT = FIXTURES / "support.ttl"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
NKGT = Namespace("https://w3id.org/normkg/tests#")
MODULES = ("agent", "common", "event", "instrument", "policy", "provision", "treaty-action", "vocabulary")


@dataclass(frozen=True)
class Case:
    """One sht:Validate entry of a manifest."""

    id: str
    data: Path
    inference: str
    conforms: bool
    expected: frozenset[tuple]

    @property
    def valid(self) -> bool:
        return self.data.name.endswith(".valid.ttl")


def result_key(focus, path, component, severity, shape, constraint, value) -> tuple:
    return (focus, path, component, severity, shape, constraint, value)


def read_cases() -> list[Case]:
    cases = []
    for manifest in sorted(FIXTURES.glob("*/manifest.ttl")):
        graph = Graph().parse(manifest, format="turtle", publicID=manifest.as_uri())
        head = graph.value(URIRef(manifest.as_uri()), MF.entries)
        for entry in Collection(graph, head):
            action, report = graph.value(entry, MF.action), graph.value(entry, MF.result)
            data = Path(str(graph.value(action, SHT.dataGraph)).removeprefix("file://"))
            expected = frozenset(
                result_key(*(graph.value(result, p) for p in (
                    SH.focusNode, SH.resultPath, SH.sourceConstraintComponent, SH.resultSeverity,
                    SH.sourceShape, SH.sourceConstraint, SH.value)))
                for result in graph.objects(report, SH.result)
            )
            cases.append(Case(
                id=f"{manifest.parent.name}/{data.name}",
                data=data,
                inference=str(graph.value(action, NKGT.inference, default=Literal("none"))),
                conforms=graph.value(report, SH.conforms).toPython(),
                expected=expected,
            ))
    return cases


CASES = read_cases()


@pytest.fixture(scope="session")
def shapes(project):
    return load_shapes(project)


@pytest.fixture(scope="session")
def full_profile(project, shapes):
    return choose_profile(project, "full", shapes)


@pytest.fixture(scope="session")
def background(project) -> Dataset:
    """The ontology and vocabularies, and the supporting resources every fixture may point to."""
    dataset = load_sources(project, project.ontology_files())
    add_fixture(dataset, SUPPORT)
    return dataset


def add_fixture(dataset: Dataset, path: Path) -> None:
    shown = path.relative_to(HERE.parent).as_posix()
    parse_file(path, shown, dataset.graph(GRAPH[shown.removesuffix(".ttl")]))


def dataset_with(background: Dataset, *paths: Path) -> Dataset:
    dataset = Dataset()
    for graph in background.graphs():
        copy = dataset.graph(graph.identifier)
        copy += graph
    for path in paths:
        add_fixture(dataset, path)
    return dataset


def found_results(findings) -> frozenset[tuple]:
    return frozenset(
        result_key(f.focus, f.path, f.component, SH[f.severity], f.shape, f.constraint, f.value) for f in findings
    )


def show(results) -> str:
    def term(t):
        return "-" if t is None else (repr(str(t)) if isinstance(t, Literal) else compact(str(t)))

    return "\n".join("  " + " | ".join(term(t) for t in key) for key in sorted(results, key=str))


def test_every_module_has_a_manifest_with_cases():
    modules = {case.id.split("/")[0] for case in CASES}
    assert modules == set(MODULES)
    assert len(CASES) >= 40
    assert all(case.data.is_file() for case in CASES), [case.id for case in CASES if not case.data.is_file()]


@pytest.fixture(scope="session")
def batches(background, shapes, full_profile) -> dict[tuple[bool, str], frozenset[tuple]]:
    """The results of the fixtures, validated together by kind (valid or invalid) and inference: the
    fixtures of a batch describe disjoint resources (checked here), so they cannot affect each other,
    and one run per batch instead of one per fixture keeps the suite fast."""
    results = {}
    for key in {(case.valid, case.inference) for case in CASES}:
        paths = [case.data for case in CASES if (case.valid, case.inference) == key]
        described = [set(parse_file(path, path.name, Graph()).subjects()) for path in paths]
        shared = set.union(*(a & b for i, a in enumerate(described) for b in described[i + 1:]), set())
        assert not shared, f"fixtures of one batch describe the same resources: {sorted(map(str, shared))}"
        results[key] = found_results(validate_dataset(dataset_with(background, *paths), shapes, full_profile, key[1]))
    return results


def results_of(case: Case, batches) -> frozenset[tuple]:
    """The batch's results about the resources the fixture describes or expects results on."""
    nodes = set(parse_file(case.data, case.data.name, Graph()).subjects()) | {key[0] for key in case.expected}
    return frozenset(key for key in batches[case.valid, case.inference] if key[0] in nodes)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_fixture_gives_exactly_the_expected_results(case, batches):
    found = results_of(case, batches)
    assert case.valid == (not case.expected), f"{case.id}: a .valid fixture expects no result at all, an .invalid one some"
    assert case.conforms == all(key[3] != SH.Violation for key in case.expected), f"{case.id}: sh:conforms is wrong"
    missing, unexpected = case.expected - found, found - case.expected
    assert not missing and not unexpected, f"{case.id}\nmissing:\n{show(missing)}\nunexpected:\n{show(unexpected)}"


def test_every_result_of_a_batch_belongs_to_a_fixture(batches):
    assigned = set().union(*(results_of(case, batches) for case in CASES))
    stray = set().union(*batches.values()) - assigned
    assert not stray, f"results about resources no fixture describes:\n{show(stray)}"


def test_every_invalid_fixture_has_a_valid_twin_describing_the_same_resources(background):
    by_file = {case.data: case for case in CASES}
    invalid = [case for case in CASES if not case.valid]
    assert len(invalid) >= 20
    for case in invalid:
        twin = by_file.get(case.data.with_name(case.data.name.replace(".invalid.", ".valid.")))
        assert twin is not None, f"{case.id} has no valid twin"
        described = dataset_with(background, twin.data)
        for focus in {key[0] for key in case.expected}:
            assert any(described.quads((focus, RDF.type, None, None))), (
                f"{twin.id} does not describe {compact(str(focus))}, which {case.id} shows failing"
            )


def test_every_rule_and_shape_is_shown_failing(shapes):
    rules = shapes.rules()
    assert len(rules) >= 100 and len(shapes.targeted()) >= 30
    shown = {constraint or shape for case in CASES for _, _, _, _, shape, constraint, _ in case.expected}
    uncovered = sorted(compact(str(rule.node)) for rule in rules if rule.node not in shown)
    assert not uncovered, f"rules that no invalid fixture shows failing: {', '.join(uncovered)}"
    silent = sorted(compact(str(s)) for s in shapes.targeted() if not any(r.shape == s and r.node in shown for r in rules))
    assert not silent, f"node shapes with no rule shown failing: {', '.join(silent)}"


def test_valid_fixtures_stay_valid_after_owl_rl_inference(background, shapes, full_profile):
    valid = [case.data for case in CASES if case.valid]
    findings = validate_dataset(dataset_with(background, *valid), shapes, full_profile, "owlrl")
    assert not findings, show(found_results(findings))


def test_the_shapes_conform_to_shacl_for_shacl(shapes):
    from pyshacl.entrypoints import meta_validate

    conforms, _, text = meta_validate(shapes.graph, inference="rdfs")
    assert conforms, text


def test_shacl_for_shacl_rejects_a_malformed_shape(shapes):
    from pyshacl.entrypoints import meta_validate

    broken = Graph() + shapes.graph
    broken.add((URIRef("https://w3id.org/normkg/shapes#Instrument-type"), SH.minCount, Literal("one")))
    conforms, _, _ = meta_validate(broken, inference="rdfs")
    assert not conforms
