"""Write a query's answer in the format the user asked for."""

from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from normkg.namespaces import compact
from normkg.stores import Table
from normkg.terms import from_json, sparql_term

TABLE_FORMATS = ("table", "csv", "tsv", "json", "md")


def plain(term: Node | None, short: bool = False) -> str:
    """A term as a human reads it: the IRI (compacted if ``short``) or the literal's text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return compact(str(term)) if short else str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def tsv_term(term: Node | None) -> str:
    """A term in Turtle syntax, as the SPARQL TSV results format wants it (tabs and newlines escaped)."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return sparql_term(term)


def json_term(term: Node) -> dict:
    """A term in the SPARQL 1.1 Query Results JSON format."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def to_csv(table: Table, delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([plain(t) for t in row])
    return buffer.getvalue()


def to_tsv(table: Table) -> str:
    lines = ["\t".join(f"?{c}" for c in table.columns)]
    lines += ["\t".join(tsv_term(t) for t in row) for row in table.rows]
    return "\n".join(lines) + "\n"


def to_json(table: Table) -> str:
    bindings = [{c: json_term(t) for c, t in zip(table.columns, row) if t is not None} for row in table.rows]
    return json.dumps({"head": {"vars": table.columns}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=2) + "\n"


def json_table(document: dict) -> Table:
    """A Table from a parsed document in the SPARQL 1.1 Query Results JSON format."""
    columns = list(document["head"]["vars"])
    rows = [tuple(from_json(b.get(c)) for c in columns) for b in document["results"]["bindings"]]
    return Table(columns, rows)


def read_json(text: str) -> Table:
    """A Table from the text of a SPARQL 1.1 Query Results JSON document."""
    return json_table(json.loads(text))


def _md_cell(term: Node | None) -> str:
    return plain(term, short=True).replace("|", "\\|").replace("\n", " ")


def to_markdown(table: Table) -> str:
    lines = ["| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(_md_cell(t) for t in row) + " |" for row in table.rows]
    return "\n".join(lines) + "\n"


def render_table(table: Table, title: str | None = None):
    """A rich Table for the terminal."""
    from rich.table import Table as RichTable

    rich_table = RichTable(title=title, show_lines=True, title_justify="left")
    for column in table.columns:
        rich_table.add_column(column, overflow="fold")
    for row in table.rows:
        rich_table.add_row(*(plain(t, short=True) for t in row))
    return rich_table


def format_table(table: Table, fmt: str) -> str:
    """The answer as text in one of csv, tsv, json, md."""
    writers = {"csv": to_csv, "tsv": to_tsv, "json": to_json, "md": to_markdown}
    return writers[fmt](table)
