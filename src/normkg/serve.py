"""`normkg serve`: a read-only linked-data server on 127.0.0.1 over the embedded Oxigraph store.

Every IRI under https://w3id.org/normkg/ is a path here (the base maps to the root): ``/eli/…``
answers the HTML page, or Turtle, JSON-LD or N-Triples by Accept header, with ``Vary: Accept`` and a
``Content-Location`` naming the suffixed view (``/eli/….ttl``, ``.jsonld``, ``.nt``), which is
served directly. These paths are documents about the resources — the resources' own IRIs are the
w3id.org ones, which redirect with 303 — so the server answers 200 rather than redirecting again.
``/sparql`` is the SPARQL 1.1 Protocol, query only, with a time limit and a result limit: a query
past either is refused, never answered with truncated results. Built on the standard library's
http.server: nothing to install, and the dataset is small enough for a threaded server.
"""

from __future__ import annotations

import threading
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from normkg.export import serialise_triples
from normkg.linkeddata.formats import HTML, VIEWS, negotiate, serialise
from normkg.linkeddata.html import class_page, index_page, page, resource_page
from normkg.linkeddata.resources import Resources, class_slug, path_of
from normkg.namespaces import BASE
from normkg.results import format_table
from normkg.stores import Table
from normkg.terms import from_oxigraph

RESULT_TYPES = {  # SELECT/ASK answers by Accept
    "application/sparql-results+json": "json", "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": "ttl", "application/n-triples": "nt", "application/ld+json": "jsonld"}
TEXT = "text/plain; charset=utf-8"
FORM = page("SPARQL — normkg", '<h1>SPARQL endpoint</h1>\n<p>SPARQL 1.1 Protocol, queries only; the default graph '
            'is the union of the dataset\'s graphs.</p>\n<form method="get" action="/sparql"><textarea name="query" '
            'rows="12" cols="90">SELECT * WHERE { ?s ?p ?o } LIMIT 10</textarea><br><button>Run</button></form>')


class QueryRefused(Exception):
    """A /sparql request that cannot be answered: an HTTP status and a message."""

    def __init__(self, status: HTTPStatus, message: str):
        super().__init__(message)
        self.status = status


def pick(accept: str | None, offered: dict[str, str]) -> tuple[str, str]:
    """The first offered media type the Accept header names (q > 0), else the first offered."""
    wanted = [part.split(";")[0].strip().lower() for part in (accept or "").split(",") if "q=0" not in part.replace(" ", "")]
    for media in wanted:
        if media in offered:
            return media, offered[media]
    media = next(iter(offered))
    return media, offered[media]


class Site:
    """What the server answers: the dataset's documents and a query runner with limits."""

    def __init__(self, dataset: Path, timeout: float, limit: int):
        self.resources = Resources(dataset)
        self.store = self.resources.store
        self.timeout, self.limit = timeout, limit
        self.class_by_slug = {class_slug(c): c for c in self.resources.classes}

    @staticmethod
    def link(iri: str) -> str:
        path = path_of(iri)
        if path is None:
            return iri
        fragment = iri.partition("#")[2]
        return "/" + path + (f"#{fragment}" if fragment else "")

    def _collect(self, query: str, default_graphs: list[str], box: dict):
        """True/False, a Table, or a list of triples: converted here, as pyoxigraph results stay in their thread."""
        options = {"default_graph": [ox.NamedNode(g) for g in default_graphs]} if default_graphs else {"use_default_graph_as_union": True}
        result = self.store.query(query, **options)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        items = []
        for item in result:
            if len(items) == self.limit:
                raise QueryRefused(HTTPStatus.BAD_REQUEST, f"the answer has more than {self.limit} results; narrow the query or add LIMIT")
            if box.get("expired"):
                return None
            items.append(item)
        if isinstance(result, ox.QuerySolutions):
            columns = [v.value for v in result.variables]
            return Table(columns, [tuple(from_oxigraph(s[c]) for c in columns) for s in items])
        return [tuple(from_oxigraph(t) for t in (x.subject, x.predicate, x.object)) for x in items]

    def _evaluate(self, query: str, default_graphs: list[str], box: dict) -> None:
        try:
            box["answer"] = self._collect(query, default_graphs, box)
        except QueryRefused as err:
            box["error"] = (err.status, str(err))
        except SyntaxError as err:
            box["error"] = (HTTPStatus.BAD_REQUEST, f"malformed query: {err}")
        except (OSError, ValueError, TypeError) as err:
            box["error"] = (HTTPStatus.BAD_REQUEST, f"cannot evaluate the query: {err}")

    def query(self, query: str, default_graphs: list[str], accept: str | None) -> tuple[str, bytes]:
        """(media type, body) answering a SPARQL query, or QueryRefused."""
        box: dict = {}
        worker = threading.Thread(target=self._evaluate, args=(query, default_graphs, box), daemon=True)
        worker.start()
        worker.join(self.timeout)
        if worker.is_alive():
            box["expired"] = True
            raise QueryRefused(HTTPStatus.SERVICE_UNAVAILABLE, f"the query ran longer than {self.timeout:g} s")
        if "error" in box:
            raise QueryRefused(*box["error"])
        answer = box["answer"]
        if isinstance(answer, bool):
            return "application/sparql-results+json", f'{{"head": {{}}, "boolean": {str(answer).lower()}}}\n'.encode()
        if isinstance(answer, Table):
            media, fmt = pick(accept, RESULT_TYPES)
            return media, format_table(answer, fmt).encode("utf-8")
        media, fmt = pick(accept, GRAPH_TYPES)
        return media, serialise_triples(answer, fmt).encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    """Routes: /, /classes/{class}, /sparql, and every document path with or without a view suffix."""

    site: Site
    server_version = "normkg"

    def log_message(self, format, *args):  # noqa: A002 (http.server's signature)
        pass

    def send(self, status: int, media: str, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{media}; charset=utf-8" if media.startswith("text/") and ";" not in media else media)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def text(self, status: HTTPStatus, message: str) -> None:
        self.send(status, TEXT, (message + "\n").encode("utf-8"))

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(url.path)
        if path == "/sparql":
            return self.sparql(urllib.parse.parse_qs(url.query))
        if path == "/":
            extras = [("SPARQL endpoint (/sparql)", "/sparql")]
            html = index_page(self.site.resources, lambda c: f"/classes/{class_slug(c)}", extras, "/")
            return self.send(HTTPStatus.OK, HTML, html.encode("utf-8"))
        if path.startswith("/classes/"):
            cls = self.site.class_by_slug.get(path[len("/classes/"):].strip("/"))
            if cls is None:
                return self.text(HTTPStatus.NOT_FOUND, "no such class")
            return self.send(HTTPStatus.OK, HTML, class_page(self.site.resources, cls, self.site.link, "/").encode("utf-8"))
        if path.endswith("/") and len(path) > 1:
            return self.send(HTTPStatus.MOVED_PERMANENTLY, TEXT, b"", {"Location": path.rstrip("/")})
        self.document(path[1:])

    def document(self, path: str) -> None:
        resources = self.site.resources
        stem, dot, suffix = path.rpartition(".")
        if dot and suffix in VIEWS and resources.has_page_path(stem):
            return self.send(HTTPStatus.OK, VIEWS[suffix][0], serialise(resources.describe(BASE + stem), suffix))
        if not resources.has_page_path(path):
            return self.text(HTTPStatus.NOT_FOUND, f"nothing is described at {BASE}{path}")
        view = negotiate(self.headers.get("Accept"))
        if view == "html":
            name = path.rsplit("/", 1)[-1]
            html = resource_page(resources, BASE + path, self.site.link, {s: f"{name}.{s}" for s in VIEWS}, "/")
            return self.send(HTTPStatus.OK, HTML, html.encode("utf-8"), {"Vary": "Accept"})
        body = serialise(resources.describe(BASE + path), view)
        self.send(HTTPStatus.OK, VIEWS[view][0], body, {"Vary": "Accept", "Content-Location": f"/{path}.{view}"})

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/sparql":
            return self.text(HTTPStatus.METHOD_NOT_ALLOWED, "read-only: only /sparql takes POST")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(url.query)
        if media == "application/sparql-query":
            params["query"] = [body]
        elif media == "application/x-www-form-urlencoded":
            params.update(urllib.parse.parse_qs(body))
        else:
            return self.text(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send application/sparql-query or a form")
        self.sparql(params)

    def sparql(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            return self.text(HTTPStatus.FORBIDDEN, "read-only endpoint: SPARQL Update is not accepted")
        queries = params.get("query", [])
        if not queries:
            return self.send(HTTPStatus.OK, HTML, FORM.encode("utf-8"))
        if len(queries) != 1:
            return self.text(HTTPStatus.BAD_REQUEST, "give exactly one 'query' parameter")
        try:
            media, body = self.site.query(queries[0], params.get("default-graph-uri", []), self.headers.get("Accept"))
        except QueryRefused as err:
            return self.text(err.status, str(err))
        self.send(HTTPStatus.OK, media, body)


def make_server(dataset: Path, port: int = 0, timeout: float = 30.0, limit: int = 10_000) -> ThreadingHTTPServer:
    """A server bound to 127.0.0.1 (port 0: any free port), not yet serving."""
    handler = type("BoundHandler", (Handler,), {"site": Site(dataset, timeout, limit)})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server


def serve_forever(dataset: Path, port: int, timeout: float, limit: int) -> None:
    import click

    from normkg.errors import UsageError

    try:
        server = make_server(dataset, port, timeout, limit)
    except OSError as err:
        raise UsageError(f"cannot listen on 127.0.0.1:{port}: {err.strerror}") from None
    click.echo(f"serving on http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
