"""A remote SPARQL 1.1 endpoint, used like an embedded store: ``select`` answers a Table of rdflib
terms, ``construct`` a list of triples. Queries go through SPARQLWrapper; Graph Store Protocol
requests through urllib with the same credentials.

On the server the dataset lives in named graphs — one per source file, the inferred graph — plus
the union graph ``https://w3id.org/normkg/graph/union`` that ``normkg publish graph-store`` merges
them into. A query names the union graph as its default graph (the protocol's ``default-graph-uri``)
and the published graphs as its named graphs (``named-graph-uri``, for ``GRAPH ?g`` patterns), so it
sees what it sees on the embedded stores, on any server, without a server setting, and without
whatever else the server holds (Virtuoso's system graphs, other datasets). Why one merged graph rather than the list of named graphs: Virtuoso 7.2 answers
wrongly when the default graph is a merge of many graphs (a language filter next to a property path
returned 0 of 14 rows with 58 graphs, all 14 with the union graph), and both Virtuoso and Oxigraph
repeat a triple stated in two graphs of such a list, where a merged graph holds it once.
"""

from __future__ import annotations

import ast
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from functools import cached_property

import pyoxigraph as ox
from rdflib.term import Node

from normkg.errors import EndpointError
from normkg.namespaces import GRAPH
from normkg.results import json_table
from normkg.stores import Table
from normkg.terms import from_oxigraph, simple

PUBLICATION_GRAPH = str(GRAPH["publication"])
UNION_GRAPH = str(GRAPH["union"])
SD = "http://www.w3.org/ns/sparql-service-description#"
DEFAULT_TIMEOUT = 60.0
READ_ATTEMPTS = 4  # a read is retried after 1, 2 and 4 s on a timeout or a 5xx answer
MESSAGE_LIMIT = 2000

_PASSWORDS = urllib.request.HTTPPasswordMgrWithDefaultRealm()
_AUTH_INSTALLED = False


def use_credentials(url: str, user: str, password: str) -> None:
    """Answer a Basic or Digest challenge from ``url`` (and the URLs under it) with these credentials.

    One opener for the process, installed once: SPARQLWrapper sends its requests through it too.
    Credentials are only sent when the server asks for them, in the scheme it asks for."""
    global _AUTH_INSTALLED
    _PASSWORDS.add_password(None, url, user, password)
    if not _AUTH_INSTALLED:
        urllib.request.install_opener(
            urllib.request.build_opener(
                urllib.request.HTTPDigestAuthHandler(_PASSWORDS), urllib.request.HTTPBasicAuthHandler(_PASSWORDS)
            )
        )
        _AUTH_INSTALLED = True


def _server_message(err: Exception) -> str:
    """The body the server sent with an error, as text (SPARQLWrapper keeps it as a bytes repr)."""
    if isinstance(err, urllib.error.HTTPError):
        body = err.read()
    else:
        _, found, tail = str(err).partition("\n\nResponse:\n")
        try:
            body = ast.literal_eval(tail) if found else b""
        except (ValueError, SyntaxError):
            body = tail.encode()
    text = body.decode("utf-8", "replace").strip() if isinstance(body, bytes) else str(body)
    return text[:MESSAGE_LIMIT] or "(no message)"


def _status(err: Exception) -> int | None:
    """The HTTP status behind an error, if any."""
    from SPARQLWrapper import SPARQLExceptions as sx

    if isinstance(err, urllib.error.HTTPError):
        return err.code
    return {sx.QueryBadFormed: 400, sx.Unauthorized: 401, sx.EndPointNotFound: 404,
            sx.URITooLong: 414, sx.EndPointInternalError: 500}.get(type(err))


def _is_timeout(err: Exception) -> bool:
    return isinstance(err, (socket.timeout, TimeoutError)) or (
        isinstance(err, urllib.error.URLError) and isinstance(err.reason, (socket.timeout, TimeoutError))
    )


@dataclass(frozen=True)
class QueryDataset:
    """The RDF dataset a query runs on (SPARQL 1.1 Protocol default-graph-uri, named-graph-uri); empty:
    whatever the server's default is."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()


@dataclass
class Endpoint:
    """A SPARQL 1.1 service: its query URL, and the update and Graph Store URLs (by default the same)."""

    query_url: str
    update_url: str | None = None
    graph_store_url: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    pause: float = 1.0  # first back-off between read attempts, doubled each time
    attempts: int = READ_ATTEMPTS
    requests: int = field(default=0, repr=False)

    def __post_init__(self):
        for url in (self.query_url, self.update_url, self.graph_store_url):
            if url is not None and urllib.parse.urlsplit(url).scheme not in ("http", "https"):
                raise EndpointError(f"{url!r} is not an http(s) URL")
        self.update_url = self.update_url or self.query_url
        self.graph_store_url = self.graph_store_url or self.query_url

    @classmethod
    def from_environment(cls, url: str | None, update: str | None = None, graph_store: str | None = None) -> "Endpoint":
        """An endpoint for ``url`` (else $NORMKG_ENDPOINT), with $NORMKG_ENDPOINT_USER and
        $NORMKG_ENDPOINT_PASSWORD as credentials and $NORMKG_ENDPOINT_TIMEOUT (seconds) as timeout."""
        url = url or os.environ.get("NORMKG_ENDPOINT")
        if not url:
            raise EndpointError("no endpoint: pass --endpoint URL or set NORMKG_ENDPOINT")
        try:
            timeout = float(os.environ.get("NORMKG_ENDPOINT_TIMEOUT", DEFAULT_TIMEOUT))
        except ValueError:
            raise EndpointError("NORMKG_ENDPOINT_TIMEOUT must be a number of seconds") from None
        endpoint = cls(url, update, graph_store, timeout=timeout)
        user, password = os.environ.get("NORMKG_ENDPOINT_USER"), os.environ.get("NORMKG_ENDPOINT_PASSWORD")
        if user:
            for target in {endpoint.query_url, endpoint.update_url, endpoint.graph_store_url}:
                use_credentials(target, user, password or "")
        return endpoint

    # -- reads: retried on timeouts and 5xx -------------------------------------------------------

    def _read(self, what: str, url: str, call):
        """Run ``call()``, retrying with back-off on a timeout or a 5xx; EndpointError otherwise."""
        pause = self.pause
        for attempt in range(1, self.attempts + 1):
            try:
                self.requests += 1
                return call()
            except Exception as err:  # urllib, socket and SPARQLWrapper errors, sorted out below
                status = _status(err)
                retry = _is_timeout(err) or (status is not None and status >= 500)
                if retry and attempt < self.attempts:
                    time.sleep(pause)
                    pause *= 2
                    continue
                raise self._error(what, url, err, status, attempts=attempt if retry else 1) from None

    def _error(self, what: str, url: str, err: Exception, status: int | None, attempts: int = 1) -> EndpointError:
        tries = f" (after {attempts} attempts)" if attempts > 1 else ""
        if _is_timeout(err):
            return EndpointError(f"{url}: {what} timed out after {self.timeout:g} s{tries} (NORMKG_ENDPOINT_TIMEOUT)")
        if status == 401:
            return EndpointError(f"{url}: {what} needs credentials the server accepts "
                                 "(NORMKG_ENDPOINT_USER, NORMKG_ENDPOINT_PASSWORD)")
        if status is not None:
            return EndpointError(f"{url}: {what} failed, HTTP {status}{tries}: {_server_message(err)}")
        reason = getattr(err, "reason", err)
        return EndpointError(f"{url}: cannot reach the endpoint ({reason})")

    def _wrapper(self, query: str, dataset: QueryDataset, fmt: str, form: str):
        from SPARQLWrapper import POST, SPARQLWrapper

        wrapper = SPARQLWrapper(self.query_url)
        wrapper.setMethod(POST)
        wrapper.setTimeout(self.timeout)
        wrapper.setReturnFormat(fmt)
        wrapper.setQuery(query)
        wrapper.queryType = form  # SPARQLWrapper guesses it from words anywhere in the text ("address" -> ADD)
        for graph in dataset.default:
            wrapper.addDefaultGraph(graph)
        for graph in dataset.named:
            wrapper.addNamedGraph(graph)
        return wrapper

    def select(self, query: str, dataset: QueryDataset = QueryDataset()) -> Table:
        """Run a SELECT query; rows of rdflib terms (None where unbound)."""
        from SPARQLWrapper import JSON

        wrapper = self._wrapper(query, dataset, JSON, "SELECT")
        answer = self._read("the query", self.query_url, lambda: wrapper.query().convert())
        if not isinstance(answer, dict) or "results" not in answer:
            raise EndpointError(f"{self.query_url}: the answer is not SPARQL JSON results (is this a SELECT query?)")
        return json_table(answer)

    def construct(self, query: str, dataset: QueryDataset = QueryDataset()) -> list[tuple[Node, Node, Node]]:
        """Run a CONSTRUCT query; its triples as rdflib terms, literals as the embedded stores give them."""
        from SPARQLWrapper import TURTLE

        wrapper = self._wrapper(query, dataset, TURTLE, "CONSTRUCT")
        data = self._read("the query", self.query_url, lambda: wrapper.query().convert())
        try:
            parsed = ox.parse(data, ox.RdfFormat.TURTLE)
            return [tuple(simple(from_oxigraph(t)) for t in (x.subject, x.predicate, x.object)) for x in parsed]
        except (SyntaxError, TypeError, ValueError) as err:
            raise EndpointError(f"{self.query_url}: the answer is not Turtle: {err}") from None

    # -- writes: never retried ----------------------------------------------------------------------

    def update(self, text: str) -> None:
        """Run a SPARQL Update request (the server runs one request as one transaction)."""
        from SPARQLWrapper import POST, SPARQLWrapper

        wrapper = SPARQLWrapper(self.query_url, updateEndpoint=self.update_url)
        wrapper.setMethod(POST)
        wrapper.setTimeout(self.timeout)
        wrapper.setQuery(text)
        try:
            self.requests += 1
            wrapper.query().response.read()
        except Exception as err:  # urllib, socket and SPARQLWrapper errors
            raise self._error("the update", self.update_url, err, _status(err)) from None

    def send_graph(self, graph: str, data: bytes, replace: bool = True, media_type: str = "application/n-triples") -> None:
        """Replace (PUT) or add to (POST) a named graph with ``data``: Graph Store Protocol."""
        url = self.graph_store_url + ("&" if "?" in self.graph_store_url else "?") + urllib.parse.urlencode({"graph": graph})
        request = urllib.request.Request(url, data=data, method="PUT" if replace else "POST",
                                         headers={"Content-Type": media_type})
        try:
            self.requests += 1
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except Exception as err:  # urllib and socket errors
            raise self._error(f"uploading <{graph}>", self.graph_store_url, err, _status(err)) from None


def published_graphs(endpoint: Endpoint) -> tuple[str, ...]:
    """The named graphs of the version published on the server, from its publication record (none if
nothing was published there)."""
    table = endpoint.select(
        f"SELECT DISTINCT ?graph WHERE {{ GRAPH <{PUBLICATION_GRAPH}> "
        f"{{ ?service <{SD}namedGraph> ?named . ?named <{SD}name> ?graph }} }} ORDER BY ?graph"
    )
    return tuple(str(row[0]) for row in table.rows)


class RemoteStore:
    """A remote endpoint seen as a store: queries see the published union graph as their default graph
    and the published graphs as their named graphs, as on the embedded stores."""

    name = "endpoint"

    def __init__(self, endpoint: Endpoint):
        self.endpoint = endpoint

    @cached_property
    def dataset(self) -> QueryDataset:
        """The dataset of every query: the published version's union graph and named graphs."""
        graphs = published_graphs(self.endpoint)
        if not graphs:
            raise EndpointError(
                f"{self.endpoint.query_url}: no normkg dataset published there (no <{PUBLICATION_GRAPH}> graph); "
                "publish it with `normkg publish graph-store`"
            )
        return QueryDataset((UNION_GRAPH,), graphs)

    def select(self, query: str) -> Table:
        return self.endpoint.select(query, self.dataset)

    def construct(self, query: str) -> list[tuple[Node, Node, Node]]:
        return self.endpoint.construct(query, self.dataset)


def open_remote(url: str | None) -> RemoteStore:
    """The store at ``url`` (else $NORMKG_ENDPOINT), with credentials from the environment."""
    return RemoteStore(Endpoint.from_environment(url))
