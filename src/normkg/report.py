"""Print validation findings: a human table grouped by source file, or a standard
sh:ValidationReport in JSON-LD or Turtle."""

from __future__ import annotations

import os
from collections import Counter
from itertools import groupby

from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF

from normkg.namespaces import PREFIXES, SH
from normkg.validate import Finding

SEVERITY_STYLE = {"Violation": "bold red", "Warning": "yellow", "Info": "cyan"}


def summary_line(findings: list[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    if not findings:
        return "conforms: 0 violations, 0 warnings, 0 infos"
    verdict = "does not conform" if counts["Violation"] else "conforms"
    return f"{verdict}: {counts['Violation']} violations, {counts['Warning']} warnings, {counts['Info']} infos"


def print_human(findings: list[Finding]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=int(os.environ.get("COLUMNS", 160)))
    by_file = sorted(findings, key=lambda f: (f.file, str(f.focus)))
    for file, group in groupby(by_file, key=lambda f: f.file):
        table = Table(title=file, title_justify="left", show_lines=True)
        for column in ("focus node", "path", "message", "severity"):
            table.add_column(column, overflow="fold")
        for f in group:
            focus = str(f.focus) + (f"\n({f.label})" if f.label else "")
            table.add_row(focus, f.path, f.message, f"[{SEVERITY_STYLE.get(f.severity, '')}]{f.severity}[/]")
        console.print(table)
    console.print(summary_line(findings))


def report_graph(findings: list[Finding]) -> Graph:
    """The findings as a standard sh:ValidationReport (with normkg's source file as an extra)."""
    from normkg.namespaces import SHAPES

    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(not any(f.severity == "Violation" for f in findings))))
    for f in findings:
        result = BNode()
        graph.add((report, SH.result, result))
        graph.add((result, RDF.type, SH.ValidationResult))
        graph.add((result, SH.focusNode, f.focus))
        graph.add((result, SH.resultSeverity, SH[f.severity]))
        graph.add((result, SH.resultMessage, Literal(f.message)))
        graph.add((result, SH.sourceConstraintComponent, _expand(f.component)))
        if f.path:
            graph.add((result, SH.resultPath, _expand(f.path)))
        if f.shape:
            graph.add((result, SH.sourceShape, _expand(f.shape)))
        if f.value:
            graph.add((result, SH.value, Literal(f.value)))
        graph.add((result, SHAPES.sourceFile, Literal(f.file)))
    return graph


def _expand(curie: str):
    from rdflib import URIRef

    prefix, _, local = curie.partition(":")
    return URIRef(PREFIXES[prefix] + local) if prefix in PREFIXES else URIRef(curie)


def print_report(findings: list[Finding], fmt: str) -> None:
    import click

    if fmt == "human":
        print_human(findings)
    else:
        click.echo(report_graph(findings).serialize(format="json-ld" if fmt == "json" else "turtle"))
