"""HTML pages of the linked-data views: one per document (label, types, properties, inbound links
and an embedded JSON-LD block holding the same triples as its Turtle view), the index of classes
and one page per class. Links go through a ``link(iri)`` function, so the same pages work on the
server (absolute paths) and in the static site (relative paths)."""

from __future__ import annotations

from html import escape
from typing import Callable

from rdflib import BNode, Literal, URIRef

from normkg.linkeddata.formats import VIEWS, jsonld
from normkg.linkeddata.resources import Resources
from normkg.namespaces import compact

Link = Callable[[str], str]
STYLE = """body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
table{border-collapse:collapse;width:100%}td,th{border-top:1px solid #ddd;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{width:16rem;font-weight:600}code{font-size:.9em}.lang{color:#777;font-size:.8em}.iri{color:#555;word-break:break-all}
nav a{margin-right:1rem}"""


def page(title: str, body: str, head: str = "", home: str = "/") -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<style>{STYLE}</style>\n{head}</head>\n'
            f'<body>\n<nav><a href="{escape(home)}">normkg</a></nav>\n{body}\n</body>\n</html>\n')


def term_html(term, resources: Resources, link: Link) -> str:
    if isinstance(term, URIRef):
        return f'<a href="{escape(link(str(term)))}">{escape(resources.label(term) if resources.has_page(term) else compact(str(term)))}</a>'
    if isinstance(term, BNode):
        return "<em>(blank node)</em>"
    text = escape(str(term))
    if isinstance(term, Literal) and term.language:
        return f'{text} <span class="lang">@{escape(term.language)}</span>'
    if isinstance(term, Literal) and term.datatype and not str(term.datatype).endswith("#string"):
        return f'{text} <span class="lang">{escape(compact(str(term.datatype)))}</span>'
    return text


def properties_table(subject, resources: Resources, graph, link: Link) -> str:
    rows = []
    pairs = sorted(graph.predicate_objects(subject), key=lambda po: (compact(str(po[0])), str(po[1])))
    for predicate, obj in pairs:
        value = term_html(obj, resources, link)
        if isinstance(obj, BNode):
            value = properties_table(obj, resources, graph, link)
        rows.append(f"<tr><th>{term_html(predicate, resources, link)}</th><td>{value}</td></tr>")
    return "<table>\n" + "\n".join(rows) + "\n</table>" if rows else "<p>No statements.</p>"


def resource_page(resources: Resources, doc: str, link: Link, views: dict[str, str], home: str) -> str:
    """The page of one document: its subjects (the document first, then its # terms) and inbound links."""
    graph = resources.describe(doc)
    title = resources.label(URIRef(doc))
    sections = []
    for subject in resources.subjects(doc):
        anchor = str(subject).partition("#")[2]
        types = ", ".join(term_html(t, resources, link) for t in resources.types(subject)) or "—"
        heading = "h1" if str(subject) == doc else "h2"
        sections.append(
            f'<section id="{escape(anchor)}"><{heading}>{escape(resources.label(subject))}</{heading}>\n'
            f'<p class="iri"><code>{escape(str(subject))}</code></p>\n<p>Type: {types}</p>\n'
            f"{properties_table(subject, resources, graph, link)}</section>"
        )
    inbound = resources.inbound(doc)
    if inbound:
        rows = "\n".join(f"<tr><td>{term_html(s, resources, link)}</td><td>{term_html(p, resources, link)}</td>"
                         f"<td>{term_html(o, resources, link)}</td></tr>" for s, p, o in inbound)
        sections.append(f'<section id="inbound"><h2>Linked from</h2>\n<table>\n{rows}\n</table></section>')
    formats = " ".join(f'<a href="{escape(href)}" type="{VIEWS[s][0]}">{s}</a>' for s, href in views.items())
    sections.append(f"<p>This description as {formats}.</p>")
    head = "".join(f'<link rel="alternate" type="{VIEWS[s][0]}" href="{escape(href)}">\n' for s, href in views.items())
    embedded = jsonld(graph).replace("</", "<\\/")  # a literal cannot close the script element
    head += f'<script type="application/ld+json">\n{embedded}\n</script>\n'
    return page(title, "\n".join(sections), head, home)


def index_page(resources: Resources, class_link: Callable[[URIRef], str], extras: list[tuple[str, str]], home: str) -> str:
    """The home page: every class with its number of instances, and links to the dumps and documentation."""
    items = "\n".join(f'<li><a href="{escape(class_link(c))}">{escape(resources.label(c))}</a> '
                      f"<code>{escape(compact(str(c)))}</code> ({len(m)})</li>" for c, m in resources.classes.items())
    links = "\n".join(f'<li><a href="{escape(href)}">{escape(text)}</a></li>' for text, href in extras)
    body = (f"<h1>normkg: a knowledge graph of normative instruments</h1>\n<ul>\n{links}\n</ul>\n"
            f"<h2>Classes</h2>\n<ul>\n{items}\n</ul>")
    return page("normkg", body, home=home)


def class_page(resources: Resources, cls: URIRef, link: Link, home: str) -> str:
    members = resources.classes.get(cls, [])
    items = "\n".join(f"<li>{term_html(m, resources, link)}</li>" for m in sorted(members, key=resources.label))
    body = (f"<h1>{escape(resources.label(cls))}</h1>\n<p>{len(members)} resources of type "
            f'<a href="{escape(link(str(cls)))}"><code>{escape(compact(str(cls)))}</code></a>.</p>\n<ul>\n{items}\n</ul>')
    return page(f"{resources.label(cls)} — normkg", body, home=home)
