"""The RDF views of a document — Turtle, JSON-LD, N-Triples — chosen by suffix or by Accept header."""

from __future__ import annotations

import json

from rdflib import Graph

from normkg.namespaces import PREFIXES

HTML = "text/html"
VIEWS = {  # suffix -> (media type, rdflib format)
    "ttl": ("text/turtle", "turtle"),
    "jsonld": ("application/ld+json", "json-ld"),
    "nt": ("application/n-triples", "nt"),
}
MEDIA_TYPES = {media: suffix for suffix, (media, _) in VIEWS.items()} | {HTML: "html"}


def negotiate(accept: str | None) -> str:
    """The suffix ('html', 'ttl', 'jsonld', 'nt') best matching an Accept header; HTML when nothing matches."""
    best, best_q = "html", 0.0
    for item in (accept or "").split(","):
        media, *params = (part.strip() for part in item.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        suffix = MEDIA_TYPES.get(media.lower())
        if suffix and q > best_q:
            best, best_q = suffix, q
    return best


def serialise(graph: Graph, suffix: str) -> bytes:
    """The graph in one of the RDF views; JSON-LD is compacted with normkg's prefixes."""
    if suffix == "jsonld":
        return jsonld(graph).encode("utf-8")
    return graph.serialize(format=VIEWS[suffix][1], encoding="utf-8")


def jsonld(graph: Graph) -> str:
    data = json.loads(graph.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True))
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
