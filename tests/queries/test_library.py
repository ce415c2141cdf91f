"""The saved queries as a library: complete headers, parameters bound where the query can see them,
values that cannot change a query, the output formats, --lang, the generated catalogue, and every term
a query uses declared in the ontology (a misspelt term would silently match nothing)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace
from rdflib.paths import Path as PropertyPath
from rdflib.plugins.sparql import prepareQuery

from normkg.errors import EXIT_OK, EXIT_USAGE
from normkg.namespaces import PREFIXES
from normkg.project import Project
from normkg.queries import LANG_PARAM, saved_queries
from normkg.querydocs import catalogue
from normkg.results import read_json
from normkg.sparqltext import code_mask
from normkg.stores import STORES
from normkg.terms import sparql_term

QUERIES = saved_queries(Project.locate())
SELECTS = [q for q in QUERIES.values() if q.form == "SELECT"]
HOSTILE = ['"} ; DROP ALL #', "> } UNION { ?s ?p ?o }", "x' } ; CLEAR DEFAULT ; #", 'a\\" } #\n} UNION { ?s ?p ?o']
HARMLESS = "zzz-not-in-the-graph"


def by_name(queries):
    return pytest.mark.parametrize("query", list(queries), ids=lambda q: q.name)


# ---- The library ----

def test_the_library_answers_the_twenty_questions_and_exports():
    assert len(SELECTS) >= 20
    assert {"instruments-lacking-binding-cultural-rights", "binding-cultural-rights-provisions",
            "instrument-status-on", "provisions-of", "ai-instruments-and-culture"} <= set(QUERIES)
    assert {q.name for q in QUERIES.values() if q.form == "CONSTRUCT"} >= {
        "export-wikidata-treaty-statements", "export-schema-legislation", "export-classification-annotations"}
    for name in QUERIES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), f"{name} is not kebab-case"


@by_name(QUERIES.values())
def test_header_is_complete(query):
    assert query.summary and query.description, query.name
    assert query.question.endswith("?"), f"{query.name}: the question is a question"
    assert query.tags, query.name
    described = {str(k) for k in query.header.get("params") or {}}
    assert described == {p.name for p in query.params}, f"{query.name}: params and variables differ"
    defaults = {str(k) for item in query.header.get("defaults") or [] for k in item}
    assert defaults <= described, f"{query.name}: a default for no parameter"
    for param in query.params:
        if param.default is not None:
            param.term(param.default)  # every default is a valid value


@by_name(QUERIES.values())
def test_parameters_are_used_only_where_the_binding_reaches(query):
    """The VALUES block sits at the top of the outermost WHERE group: a parameter must not be used in a
    subquery, UNION branch, OPTIONAL, MINUS or other nested group, where it would be silently unbound."""
    code = code_mask(query.text)
    depth, depths = 0, []
    for i, ch in enumerate(code):
        depth += ch == "{"
        depth -= ch == "}"
        depths.append(depth)
    for param in query.params:
        for m in re.finditer(rf"[?$]{re.escape(param.variable)}\b", code):
            assert depths[m.start()] == 1, f"{query.name}: ?{param.variable} used inside a nested group"


@by_name(SELECTS)
def test_select_queries_take_an_optional_language(query):
    lang = [p for p in query.params if p.name == LANG_PARAM]
    assert lang and not lang[0].required and lang[0].default == "en", query.name


@by_name(QUERIES.values())
def test_no_filter_not_exists(query):
    assert not re.search(r"NOT\s+EXISTS", code_mask(query.text), re.IGNORECASE), "use MINUS or OPTIONAL/!BOUND"


# ---- Terms ----

@pytest.fixture(scope="module")
def declared(project) -> set:
    graph = Graph()
    for path in sorted((project.root / "ontology").rglob("*.ttl")):
        graph.parse(path, format="turtle")
    return {s for s in graph.subjects(namespace.RDF.type, None) if isinstance(s, URIRef)}


def iris(node, seen=None) -> set:
    """Every IRI in a query's algebra: patterns, paths, expressions, VALUES, CONSTRUCT template."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        return set()
    seen.add(id(node))
    if isinstance(node, URIRef):
        return {node}
    if isinstance(node, dict):
        children = list(node.values())
    elif isinstance(node, (list, tuple, set)):
        children = list(node)
    elif isinstance(node, PropertyPath):
        children = list(vars(node).values())
    else:
        return set()
    return set().union(*(iris(child, seen) for child in children)) if children else set()


@by_name(QUERIES.values())
def test_every_term_a_query_uses_is_declared(query, declared):
    used = iris(prepareQuery(query.text).algebra)
    assert used, query.name
    for term in used:
        cores = (namespace.RDF, namespace.RDFS, namespace.OWL, namespace.XSD)
        core = next((ns for ns in cores if str(term).startswith(str(ns))), None)
        if core is not None:
            assert term in core, f"{query.name}: {term} is not an {core} term"
        else:
            assert term in declared, f"{query.name}: {term} is declared nowhere in ontology/ (a typo?)"


@by_name(QUERIES.values())
def test_default_iris_name_declared_things(query, declared):
    for param in query.params:
        if param.type == "iri" and param.default is not None:
            assert param.term(param.default) in declared, f"{query.name}: default {param.default} names nothing"


# ---- Values are data ----

@pytest.mark.parametrize("value", HOSTILE)
def test_a_value_is_one_typed_term_on_every_store(value, fixture_stores):
    text = f"SELECT ?x WHERE {{ VALUES (?x) {{ ({sparql_term(Literal(value))}) }} }}"
    for kind in STORES:
        assert [str(row[0]) for row in fixture_stores[kind].select(text).rows] == [value], kind


def dataset_state(store) -> list:
    return store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_string_changes_nothing(value, fixture_stores, fixture_project):
    search = saved_queries(fixture_project)["text-search"]
    for kind, store in fixture_stores.items():
        before = dataset_state(store)
        assert store.select(search.bind({"text": value})).rows == store.select(search.bind({"text": HARMLESS})).rows
        assert dataset_state(store) == before, kind


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_string_on_the_command_line_is_data(value, cli, fixture_project):
    hostile = cli("query", "text-search", "-p", f"text={value}", "--format", "json", root=fixture_project.root)
    harmless = cli("query", "text-search", "-p", f"text={HARMLESS}", "--format", "json", root=fixture_project.root)
    assert hostile.exit_code == EXIT_OK, hostile.stderr
    assert hostile.stdout == harmless.stdout


def test_the_compiled_dataset_is_untouched_by_queries(cli, fixture_project):
    from normkg.build import read_cached

    cli("query", "text-search", "-p", f"text={HOSTILE[0]}", root=fixture_project.root)
    path = read_cached(fixture_project).path
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    for value in HOSTILE:
        cli("query", "text-search", "-p", f"text={value}", "--store", "memory", root=fixture_project.root)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_missing_required_parameter_exits_2_and_describes_it(cli):
    result = cli("query", "positions-of-actor")
    assert result.exit_code == EXIT_USAGE
    assert "needs parameter actor: The actor, as an IRI or a prefixed name (agent:cdce)" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["inst:x> } UNION { ?s ?p ?o", "https://example.org/a b", 'agent:x"', "not an iri"])
def test_an_iri_with_forbidden_characters_is_refused(cli, value):
    result = cli("query", "parties-and-signatories", "-p", f"instrument={value}", "-p", "on=2026-11-28")
    assert result.exit_code == EXIT_USAGE
    assert "parameter instrument" in result.stderr and "is not an IRI" in result.stderr


@pytest.mark.parametrize("value", ['fr"} #', "fr fr", ""])
def test_a_language_that_is_not_a_tag_is_refused(cli, value):
    result = cli("query", "timeline", "--lang", value)
    assert result.exit_code == EXIT_USAGE
    assert "is not a language tag" in result.stderr


# ---- Output ----

def status_query(cli, root, *args):
    return cli("query", "instrument-status-on", "-p", "on=2026-11-28", *args, root=root)


CONVENTION = "https://w3id.org/normkg/eli/test/convention/2000/cultural-participation"


def test_csv_tsv_json_md_and_table(cli, fixture_project):
    root = fixture_project.root
    rows = list(csv.reader(io.StringIO(status_query(cli, root, "--format", "csv").stdout)))
    assert rows[0][:5] == ["instrument", "title", "type", "legalNature", "status"]
    assert rows[3][:5] == [CONVENTION, "Convention on Cultural Participation", "convention", "binding", "in force"]
    tsv = status_query(cli, root, "--format", "tsv").stdout.splitlines()
    assert tsv[0].startswith("?instrument\t?title\t")
    assert '"in force"@en' in tsv[3].split("\t")
    assert '"2002-01-01"^^<http://www.w3.org/2001/XMLSchema#date>' in tsv[3].split("\t")
    document = json.loads(status_query(cli, root, "--format", "json").stdout)
    assert document["head"]["vars"][0] == "instrument"
    assert document["results"]["bindings"][2]["status"] == {"type": "literal", "value": "in force", "xml:lang": "en"}
    assert read_json(json.dumps(document)).rows[2][0] == URIRef(CONVENTION)
    md = status_query(cli, root, "--format", "md").stdout.splitlines()
    assert md[0].startswith("| instrument | title |") and md[1].startswith("|---|")
    table = status_query(cli, root)
    assert table.exit_code == EXIT_OK and "2002-01-01" in table.stdout and table.stderr == "10 rows\n"


def test_lang_fr_prefers_french_labels_and_falls_back_to_english(cli, fixture_project):
    answer = status_query(cli, fixture_project.root, "--lang", "fr", "--format", "json")
    bindings = json.loads(answer.stdout)["results"]["bindings"]
    titles = {b["title"]["value"]: b["title"]["xml:lang"] for b in bindings}
    assert titles["Convention sur la participation culturelle"] == "fr"
    assert titles["Declaration on Digital Culture"] == "en"  # no French title in the graph
    assert {"value": "en vigueur", "type": "literal", "xml:lang": "fr"} in [b["status"] for b in bindings]


def test_labels_fall_back_to_any_language_when_neither_asked_nor_english(cli, fixture_project):
    bindings = json.loads(status_query(cli, fixture_project.root, "--format", "json").stdout)["results"]["bindings"]
    titles = {b["instrument"]["value"]: b["title"] for b in bindings}
    assert titles["https://w3id.org/normkg/eli/test/statute/2024/culture-act"] == {
        "type": "literal", "value": "Loi sur la culture numérique", "xml:lang": "fr"}  # French only in the graph


def test_a_construct_export_prints_json_ld(cli, fixture_project):
    result = cli("query", "export-schema-legislation", "-p", "on=2026-11-28", "--format", "jsonld",
                 root=fixture_project.root)
    assert result.exit_code == EXIT_OK, result.stderr
    nodes = {n["@id"]: n for n in json.loads(result.stdout)}
    convention = nodes[CONVENTION]
    assert convention["@type"] == ["http://schema.org/Legislation"]
    assert convention["http://schema.org/legislationLegalForce"] == [{"@id": "http://schema.org/InForce"}]


def test_a_construct_query_refuses_a_table_format(cli):
    result = cli("query", "export-wikidata-treaty-statements", "--format", "csv")
    assert result.exit_code == EXIT_USAGE


# ---- The catalogue ----

def test_docs_queries_md_is_generated_from_the_headers(project, cli):
    committed = (project.root / "docs" / "queries.md").read_text(encoding="utf-8")
    assert committed == catalogue(QUERIES), "docs/queries.md is stale: normkg queries --format md > docs/queries.md"
    assert cli("queries", "--format", "md").stdout == committed
    for name in QUERIES:
        assert f"## `{name}`" in committed


def test_prefixed_names_in_the_headers_expand():
    """A prefixed name a header offers as an example value (agent:cdce) is one normkg expands."""
    for query in QUERIES.values():
        for param in query.params:
            for prefix in re.findall(r"\(([a-z]+):(?!//)[^\s)]+\)", param.description):
                assert prefix in PREFIXES, f"{query.name}: {param.name} shows the unknown prefix {prefix}:"
