"""Print validation findings: a human table per source file, or a standard sh:ValidationReport in
JSON-LD or Turtle (each result also names its source file with shapes:sourceFile, and the line where
its focus node is described with shapes:sourceLine)."""

from __future__ import annotations

import re
from collections import Counter
from itertools import groupby

from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF

from normkg.namespaces import PREFIXES, SH, SHAPES, compact
from normkg.shapes import Profile, Shapes
from normkg.terminal import stdout_console
from normkg.validate import Finding

IRI_IN_TEXT = re.compile(r"https?://[^\s<>\"{}]+[^\s<>\"{}.,:;)]")
SEVERITY_STYLE = {"Violation": "bold red", "Warning": "yellow", "Info": "cyan"}


def summary_line(findings: list[Finding]) -> str:
    """'conforms: 0 violations, 3 warnings, 0 infos' — warnings and infos never fail validation."""
    counts = Counter(f.severity for f in findings)
    verdict = "does not conform" if counts["Violation"] else "conforms"
    parts = [_count(counts[severity], severity.lower()) for severity in ("Violation", "Warning", "Info")]
    return f"{verdict}: {', '.join(parts)}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def file_table(file: str, columns: tuple[str, ...], show_lines: bool):
    """A table titled with the file its rows come from."""
    from rich.table import Table

    table = Table(title=file, title_justify="left", title_style="bold", show_lines=show_lines)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def severity_cell(severity: str) -> str:
    return f"[{SEVERITY_STYLE.get(severity, '')}]{severity}[/]"


def print_human(findings: list[Finding]) -> None:
    """One table per source file, rows in the order of the file's lines; then the summary line."""
    from rich.markup import escape

    out = stdout_console()
    by_file = sorted(findings, key=lambda f: (f.file, f.line or 0, str(f.focus), str(f.path), f.message))
    for file, group in groupby(by_file, key=lambda f: f.file):
        table = file_table(file, ("line", "focus node", "path", "message", "severity"), show_lines=True)
        for f in group:
            focus = escape(compact(str(f.focus))) + (f"\n[dim]{escape(f.label)}[/]" if f.label else "")
            message = escape(compact_iris(f.message))
            if f.value is not None and f.value != f.focus and escape(_show(f.value)) not in message:
                message += f"\n[dim]value: {escape(_show(f.value))}[/]"
            path = escape(compact(str(f.path))) if f.path is not None else ""
            table.add_row(str(f.line or ""), focus, path, message, severity_cell(f.severity))
        out.print(table)
    out.print(escape(summary_line(findings)), highlight=False)


def _show(value) -> str:
    return str(value) if isinstance(value, Literal) else compact(str(value))


def compact_iris(text: str) -> str:
    """The IRIs pyshacl writes into messages, in their prefixed form."""
    return IRI_IN_TEXT.sub(lambda match: compact(match.group(0)), text)


def print_rules(shapes: Shapes, profile: Profile) -> None:
    """The rules a profile checks, one table per shapes file."""
    from rich.markup import escape

    out = stdout_console()
    rules = [rule for rule in shapes.rules() if rule.layer in profile.layers]
    for file, group in groupby(rules, key=lambda rule: rule.file):
        table = file_table(file, ("rule", "layer", "severity", "message"), show_lines=False)
        for rule in group:
            table.add_row(escape(compact(str(rule.node))), rule.layer, severity_cell(rule.severity), escape(rule.message))
        out.print(table)
    out.print(f"{len(rules)} rules in the {profile.name} profile ({', '.join(profile.layers)})", highlight=False)


def report_graph(findings: list[Finding]) -> Graph:
    """The findings as one standard sh:ValidationReport."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
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
        graph.add((result, SH.sourceConstraintComponent, f.component))
        graph.add((result, SH.sourceShape, f.shape))
        graph.add((result, SHAPES.sourceFile, Literal(f.file)))
        if f.line is not None:
            graph.add((result, SHAPES.sourceLine, Literal(f.line)))
        for predicate, term in ((SH.resultPath, f.path), (SH.value, f.value), (SH.sourceConstraint, f.constraint)):
            if term is not None:
                graph.add((result, predicate, term))
    return graph


def print_report(findings: list[Finding], fmt: str) -> None:
    import click

    if fmt == "human":
        print_human(findings)
    elif fmt == "json":
        click.echo(report_graph(findings).serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True))
    else:
        click.echo(report_graph(findings).serialize(format="turtle"))
