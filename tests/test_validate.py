"""`normkg validate` on the real sources: the bundled data conforms, every kind of defect injected into
a copy is reported exactly and in the file it comes from, reports are standard sh:ValidationReports,
and broken shapes or profiles stop validation with file:line:col and exit 3."""

from __future__ import annotations

import json
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from normkg.errors import EXIT_NONCONFORMANT, EXIT_OK, EXIT_RUNTIME, EXIT_USAGE
from normkg.namespaces import PREFIXES as NAMESPACES
from normkg.namespaces import SH, SHAPES, VOCAB
from normkg.report import print_human, report_graph, summary_line
from normkg.validate import Finding, validate

CONVENTION_FILE = "data/instruments/unesco-2005-cultural-expressions.ttl"
CONVENTION = "https://w3id.org/normkg/eli/unesco/convention/2005/cultural-expressions"
INJECTED = "https://w3id.org/normkg/eli/unesco/convention/2003/injected-heritage"
DECLARATION = "https://w3id.org/normkg/eli/unesco/declaration/2003/injected-declaration"
ID = "https://w3id.org/normkg/id/"

VOCABULARIES = {scheme: f"{VOCAB}{name}/" for scheme, name in (
    ("atype", "agent-type"), ("tact", "treaty-action"), ("dtype", "document-type"), ("stance", "stance"))}
PREFIXES = "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in {**NAMESPACES, **VOCABULARIES}.items())

# Provisions appended to the 2005 Convention file (which declares @base <…/cultural-expressions/>).
CONVENTION_DEFECTS = f"""
# a topic from the wrong scheme (a normative force used as a topic)
<art_7/para_9> a nkg:Provision ; eli:is_part_of <art_7> ; nkg:eId "art_7__para_9" ; eli:number "9" ;
    eli:is_about force:obligation ; nkg:normativeForce force:hortatory ;
    nkg:quote "Parties shall endeavour to support cultural expressions."@en ; dct:source <https://example.org/injected> .
# a provision with two parents, in two instruments
<art_9/para_9> a nkg:Provision ; eli:is_part_of <art_9> , <{INJECTED}> ; nkg:eId "art_9__para_9" ; eli:number "9" ;
    dct:source <https://example.org/injected> .
# a classified provision without the quoted words
<art_8/para_9> a nkg:Provision ; eli:is_part_of <art_8> ; nkg:eId "art_8__para_9" ; eli:number "9" ;
    eli:is_about topic:cultural-policy ; nkg:normativeForce force:obligation ; dct:source <https://example.org/injected> .
# a link to an instrument no file describes
<art_10/para_9> a nkg:Provision ; eli:is_part_of <art_10> ; nkg:eId "art_10__para_9" ; eli:number "9" ;
    eli:cites <https://w3id.org/normkg/eli/un/convention/1999/no-such-convention> ; dct:source <https://example.org/injected> .
# a copied block that kept the eId of art_1(a)
<art_1/point_z> a nkg:Provision ; eli:is_part_of <art_1> ; nkg:eId "art_1__point_a" ; eli:number "z" ;
    dct:source <https://example.org/injected> .
# an eId that names another paragraph than the IRI
<art_4/para_99> a nkg:Provision ; eli:is_part_of <art_4> ; nkg:eId "art_4__para_98" ; eli:number "99" ;
    dct:source <https://example.org/injected> .
"""

NEW_FILES = {
    "data/instruments/injected-heritage.ttl": f"""
# entry into force and adoption swapped
<{INJECTED}> a nkg:Instrument ;
    dct:title "Injected heritage convention"@en , "Convention patrimoniale injectée"@fr ;
    eli:type_document itype:convention ; nkg:legalNature nature:binding ; eli:passed_by agent:unesco-general-conference ;
    eli:date_document "2006-04-20"^^xsd:date ; eli:first_date_entry_in_force "2003-10-17"^^xsd:date ;
    dct:source <https://example.org/injected> .
""",
    "data/instruments/injected-declaration.ttl": f"""
<{DECLARATION}> a nkg:Instrument ;
    dct:title "Injected declaration"@en , "Déclaration injectée"@fr ;
    eli:type_document itype:declaration ; nkg:legalNature nature:non-binding ; eli:passed_by agent:unesco-general-conference ;
    eli:date_document "2003-10-17"^^xsd:date ; dct:source <https://example.org/injected> .
# worded as an obligation in a non-binding instrument
<{DECLARATION}/art_1> a nkg:Provision ; eli:is_part_of <{DECLARATION}> ; nkg:eId "art_1" ; eli:number "1" ;
    eli:is_about topic:cultural-policy ; nkg:normativeForce force:obligation ;
    nkg:quote "States shall support cultural policies."@en ; dct:source <https://example.org/injected> .
""",
    "data/agents/injected-agents.ttl": """
# no French name
agent:injected-collective a org:Organization ;
    skos:prefLabel "Injected Collective"@en ; nkg:agentType atype:civil-society-organisation ;
    dct:source <https://example.org/injected> .
""",
    "data/events/injected-events.ttl": """
# ends before it starts
event:injected-backwards a nkg:Event ;
    schema:name "Backwards meeting"@en , "Réunion à rebours"@fr ;
    schema:startDate "2024-05-30"^^xsd:date ; schema:endDate "2024-05-28"^^xsd:date ;
    dct:source <https://example.org/injected> .
# both an event and an organisation, classes the ontology declares disjoint
event:injected-forum a nkg:Event , org:Organization ;
    schema:name "Injected Forum"@en , "Forum injecté"@fr ; schema:startDate "2024-06-01"^^xsd:date ;
    skos:prefLabel "Injected Forum"@en , "Forum injecté"@fr ; nkg:agentType atype:organ ;
    dct:source <https://example.org/injected> .
""",
    "data/treaty-actions/injected-actions.ttl": f"""
# accepted before the Convention was adopted (2005-10-20)
action:injected-early-acceptance a nkg:TreatyAction ;
    nkg:actor agent:injected-collective ; nkg:instrument <{CONVENTION}> ; nkg:actionType tact:acceptance ;
    dct:date "2004-01-15"^^xsd:date ; dct:source <https://example.org/injected> .
# no source
action:injected-unsourced-acceptance a nkg:TreatyAction ;
    nkg:actor agent:injected-collective ; nkg:instrument <{CONVENTION}> ; nkg:actionType tact:acceptance ;
    dct:date "2006-01-15"^^xsd:date .
""",
    "data/documents/injected-documents.ttl": f"""
doc:injected-set a nkg:PolicyDocument ;
    dct:title "Injected recommendations"@en , "Recommandations injectées"@fr ; dct:type dtype:recommendation-set ;
    dct:creator agent:injected-collective ; dct:source <https://example.org/injected> .
# no area of action
<https://w3id.org/normkg/id/document/injected-set/rec_1> a nkg:Recommendation ;
    dct:isPartOf doc:injected-set ; dct:identifier "1" ; dct:source <https://example.org/injected> .
# no stance
position:injected-stanceless a nkg:Position ;
    nkg:heldBy agent:injected-collective ; nkg:about <{CONVENTION}> ; nkg:statedIn doc:injected-set ;
    nkg:quote "We have views on the Convention."@en ; dct:source <https://example.org/injected> .
""",
}

# (file, focus node, rule, severity): the rule is the SPARQL constraint or the shape that fails.
EXPECTED = {
    # swapped dates
    ("data/instruments/injected-heritage.ttl", INJECTED, "EntryIntoForceNotBeforeAdoption", "Violation"),
    # a topic from the wrong scheme
    (CONVENTION_FILE, f"{CONVENTION}/art_7/para_9", "Provision-topic-in-scheme", "Violation"),
    # a provision with two parents: two parents, two instruments, and an IRI that is not the one the
    # eId gives in the second instrument
    (CONVENTION_FILE, f"{CONVENTION}/art_9/para_9", "Provision-parent", "Violation"),
    (CONVENTION_FILE, f"{CONVENTION}/art_9/para_9", "ProvisionInOneInstrumentOnly", "Violation"),
    (CONVENTION_FILE, f"{CONVENTION}/art_9/para_9", "EIdMatchesIRI", "Violation"),
    # a missing quote
    (CONVENTION_FILE, f"{CONVENTION}/art_8/para_9", "ClassifiedProvision-quote", "Violation"),
    # a dangling IRI
    (CONVENTION_FILE, f"{CONVENTION}/art_10/para_9", "NoDanglingLink", "Violation"),
    # a duplicate eId: the copy repeats the eId of art_1(a), and its IRI is not the one the eId spells
    (CONVENTION_FILE, f"{CONVENTION}/art_1/point_z", "EIdUniqueInInstrument", "Violation"),
    (CONVENTION_FILE, f"{CONVENTION}/art_1/point_z", "EIdMatchesIRI", "Violation"),
    # an eId inconsistent with the IRI
    (CONVENTION_FILE, f"{CONVENTION}/art_4/para_99", "EIdMatchesIRI", "Violation"),
    # a missing French label, as a warning
    ("data/agents/injected-agents.ttl", f"{ID}agent/injected-collective", "Agent-name-french", "Warning"),
    # obligation wording in a non-binding instrument, as a warning
    ("data/instruments/injected-declaration.ttl", f"{DECLARATION}/art_1", "BindingWordingInNonBindingInstrument", "Warning"),
    # an event that ends before it starts
    ("data/events/injected-events.ttl", f"{ID}event/injected-backwards", "EventEndsNotBeforeStart", "Violation"),
    # a resource in two disjoint classes
    ("data/events/injected-events.ttl", f"{ID}event/injected-forum", "NoResourceInDisjointClasses", "Violation"),
    # a treaty action before the adoption of its instrument
    ("data/treaty-actions/injected-actions.ttl", f"{ID}action/injected-early-acceptance", "ActionNotBeforeAdoption", "Violation"),
    # a treaty action without a source
    ("data/treaty-actions/injected-actions.ttl", f"{ID}action/injected-unsourced-acceptance", "TreatyAction-source", "Violation"),
    # a position without a stance
    ("data/documents/injected-documents.ttl", f"{ID}position/injected-stanceless", "Position-stance", "Violation"),
    # a recommendation without an area of action, as a warning
    ("data/documents/injected-documents.ttl", f"{ID}document/injected-set/rec_1", "Recommendation-area", "Warning"),
}


def local(term) -> str:
    return str(term).rsplit("#", 1)[-1]


def first_line_describing(text: str, iri: str) -> int | None:
    """The number of the first line that starts with the IRI as written: whole, relative to the
    Convention file's base, or as a prefixed name."""
    spellings = {f"<{iri}>", f"<{iri.removeprefix(CONVENTION + '/')}>"}
    spellings |= {f"{p}:{iri[len(ns):]}" for p, ns in {**NAMESPACES, **VOCABULARIES}.items() if iri.startswith(ns)}
    return next((n for n, line in enumerate(text.splitlines(), 1) if line.split(" ", 1)[0] in spellings), None)


def keys_of_findings(findings: list[Finding]) -> set[tuple]:
    return {(f.file, str(f.focus), local(f.constraint or f.shape), f.severity) for f in findings}


def results_with_keys(report: Graph):
    """Each result of a report with its (file, focus node, rule, severity)."""
    for r in report.objects(None, SH.result):
        yield r, (str(report.value(r, SHAPES.sourceFile)), str(report.value(r, SH.focusNode)),
                  local(report.value(r, SH.sourceConstraint) or report.value(r, SH.sourceShape)),
                  local(report.value(r, SH.resultSeverity)))


def keys_of_report(report: Graph) -> set[tuple]:
    return {key for _, key in results_with_keys(report)}


@pytest.fixture(scope="session")
def bundled_findings(project) -> list[Finding]:
    """The findings on the bundled sources with the default profile and inference."""
    return validate(project)


def test_every_injected_defect_is_reported_exactly_and_in_its_file(cli, project_copy, bundled_findings):
    convention = project_copy.root / CONVENTION_FILE
    convention.write_text(convention.read_text(encoding="utf-8") + CONVENTION_DEFECTS, encoding="utf-8")
    for path, text in NEW_FILES.items():
        (project_copy.root / path).write_text(PREFIXES + text, encoding="utf-8")
    assert len({key[2] for key in EXPECTED}) >= 14

    result = cli("validate", "--format", "turtle", root=project_copy.root)

    assert result.exit_code == EXIT_NONCONFORMANT, result.stderr
    reported = keys_of_report(Graph().parse(data=result.stdout, format="turtle"))
    baseline = keys_of_findings(bundled_findings)
    assert not EXPECTED & baseline
    assert reported - baseline == EXPECTED, (
        f"missing: {sorted(EXPECTED - reported)}\nunexpected: {sorted(reported - baseline - EXPECTED)}"
    )
    assert baseline <= reported
    # and each names the line where its focus node is described in that file
    report = Graph().parse(data=result.stdout, format="turtle")
    located = {(key, report.value(r, SHAPES.sourceLine)) for r, key in results_with_keys(report) if key in EXPECTED}
    assert {key for key, _ in located} == EXPECTED
    for (file, focus, *_), line in located:
        expected = first_line_describing((project_copy.root / file).read_text(encoding="utf-8"), focus)
        assert expected is not None and line is not None and line.toPython() == expected, (file, focus, line)


def test_unknown_profile_is_a_usage_error_listing_the_profiles(cli):
    result = cli("validate", "--profile", "strictest")
    assert result.exit_code == EXIT_USAGE
    assert "unknown profile 'strictest': choose one of core, vocabularies, rules, full, consistency, recommended" in result.stderr


def test_json_report_is_a_standard_validation_report(cli, project_copy):
    path = project_copy.root / CONVENTION_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("    eli:type_document itype:convention ;\n", "", 1), encoding="utf-8")

    result = cli("validate", "--profile", "core", "--inference", "none", "--format", "json", root=project_copy.root)

    assert result.exit_code == EXIT_NONCONFORMANT
    assert "does not conform" in result.stderr
    report = Graph().parse(data=json.dumps(json.loads(result.stdout)), format="json-ld")
    (node,) = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(node, SH.conforms) == Literal(False)
    (entry,) = (r for r in report.objects(node, SH.result) if report.value(r, SH.focusNode) == URIRef(CONVENTION))
    assert report.value(entry, SH.resultPath) == URIRef("http://data.europa.eu/eli/ontology#type_document")
    assert report.value(entry, SH.sourceConstraintComponent) == SH.MinCountConstraintComponent
    assert report.value(entry, SH.sourceShape) == SHAPES["Instrument-type"]
    assert report.value(entry, SH.resultSeverity) == SH.Violation
    assert str(report.value(entry, SHAPES.sourceFile)) == CONVENTION_FILE


def finding(file: str, focus: str, severity: str, message: str, label: str = "") -> Finding:
    return Finding(file=file, focus=URIRef(focus), label=label, path=URIRef("http://purl.org/dc/terms/title"),
                   value=None, message=message, severity=severity, component=SH.MinCountConstraintComponent,
                   shape=SHAPES["Instrument-title-english"], constraint=None)


def test_the_human_report_groups_by_file_then_focus_node(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    findings = [
        finding("data/b.ttl", f"{CONVENTION}/art_2", "Violation", "Second file, first node", "art. 2"),
        finding("data/a.ttl", f"{CONVENTION}/art_9", "Warning", "First file, second node"),
        finding("data/a.ttl", f"{CONVENTION}/art_1", "Violation", "First file, first node", "art. 1"),
    ]
    print_human(findings)
    out = capsys.readouterr().out
    order = [out.index(text) for text in ("data/a.ttl", "First file, first node", "art. 1", "First file, second node",
                                          "data/b.ttl", "Second file, first node")]
    assert order == sorted(order)
    assert "inst:unesco/convention/2005/cultural-expressions/art_1" in out
    assert out.rstrip().endswith("does not conform: 2 violations, 1 warning, 0 infos")


def test_warnings_alone_conform():
    findings = [finding("data/a.ttl", CONVENTION, "Warning", "No French title")]
    assert summary_line(findings) == "conforms: 0 violations, 1 warning, 0 infos"
    report = report_graph(findings)
    assert report.value(next(report.subjects(RDF.type, SH.ValidationReport)), SH.conforms) == Literal(True)


@pytest.mark.parametrize("fmt", ["human", "json", "turtle"])
def test_conformant_sources_exit_0_in_every_format(cli, project_copy, fmt):
    result = cli("validate", "--profile", "consistency", "--inference", "none", "--format", fmt, root=project_copy.root)
    assert result.exit_code == EXIT_OK, result.stdout
    assert "conforms: 0 violations" in (result.stdout if fmt == "human" else result.stderr)


def test_malformed_shapes_file_names_file_line_and_column(cli, project_copy):
    path = project_copy.root / "validation" / "shapes" / "event.shapes.ttl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    target = next(i for i, line in enumerate(lines) if line.startswith("shapes:Event-start"))
    lines[target] = "shapes:Event-start sh:path ;; .\n"
    path.write_text("".join(lines), encoding="utf-8")
    result = cli("validate", root=project_copy.root)
    assert result.exit_code == EXIT_RUNTIME
    assert re.search(rf"validation/shapes/event\.shapes\.ttl:{target + 1}:\d+: malformed Turtle", result.stderr), result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_sparql_in_a_shape_names_the_file_and_the_constraint(cli, project_copy):
    path = project_copy.root / "validation" / "shapes" / "event.shapes.ttl"
    path.write_text(path.read_text(encoding="utf-8").replace("FILTER(datatype(?value)", "FILTER(datatype(?value", 1), encoding="utf-8")
    result = cli("validate", root=project_copy.root)
    assert result.exit_code == EXIT_RUNTIME
    assert "validation/shapes/event.shapes.ttl: malformed SPARQL in shapes:EventEndsNotBeforeStart" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_shape_pyshacl_cannot_use_names_its_file_and_shape(cli, project_copy):
    path = project_copy.root / "validation" / "shapes" / "event.shapes.ttl"
    text = path.read_text(encoding="utf-8")
    broken = text.replace("sh:path schema:startDate ;", 'sh:path "startDate" ;', 1)
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    result = cli("validate", root=project_copy.root)
    assert result.exit_code == EXIT_RUNTIME
    assert "validation/shapes/event.shapes.ttl: shapes:Event-start: pyshacl cannot use this shape" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("text, message", [
    ("[profiles.core]\nlayers = [\"core\"\n", r"validation/profiles\.toml:3:1: malformed TOML: Unclosed array"),
    ("[profiles.core]\ndescription = \"no layers\"\n", r"validation/profiles\.toml: profile 'core' needs layers"),
    ("[profiles.core]\nlayers = [\"cores\"]\n", r"validation/profiles\.toml: profile 'core' lists layer 'cores', which no shape declares"),
])
def test_broken_profiles_file_is_a_runtime_error(cli, project_copy, text, message):
    (project_copy.root / "validation" / "profiles.toml").write_text(text, encoding="utf-8")
    result = cli("validate", "--profile", "core", root=project_copy.root)
    assert result.exit_code == EXIT_RUNTIME
    assert re.search(message, result.stderr), result.stderr
    assert "Traceback" not in result.stderr


def test_list_rules_shows_the_rules_of_the_profile_only(cli, project):
    from normkg.shapes import load_shapes

    result = cli("validate", "--profile", "recommended", "--list-rules")
    assert result.exit_code == EXIT_OK
    rules = load_shapes(project).rules()
    recommended = [rule for rule in rules if rule.layer == "recommended"]
    assert recommended and all(f"shapes:{local(rule.node)}" in result.stdout for rule in recommended)
    assert "shapes:Instrument-title-english" not in result.stdout
    assert f"{len(recommended)} rules in the recommended profile (recommended)" in result.stdout
