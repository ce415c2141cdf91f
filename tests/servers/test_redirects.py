"""The redirect configurations `normkg publish site` writes, on the real servers: the w3id `.htaccess`
in Apache httpd (standing in for w3id.org) and the nginx server block serving the site — each alone,
then chained as a client meets them."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from rdflib import Graph, URIRef

from normkg.namespaces import BASE

pytestmark = pytest.mark.server
CONVENTION = "eli/unesco/convention/2005/cultural-expressions"
ARTICLE = f"{CONVENTION}/art_7"
RDF_VIEWS = {"text/turtle": ("ttl", "turtle"), "application/ld+json": ("jsonld", "json-ld"),
             "application/n-triples": ("nt", "nt")}
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, accept: str | None = None, follow: bool = True):
    """(status, headers, body, final URL) of a GET, redirects followed or not."""
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read(), response.url
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read(), url


@pytest.mark.parametrize("path, accept, status, target", [
    (CONVENTION, "text/turtle", 303, f"{CONVENTION}.ttl"),
    (CONVENTION, "application/ld+json", 303, f"{CONVENTION}.jsonld"),
    (ARTICLE, "application/n-triples", 303, f"{ARTICLE}.nt"),
    (ARTICLE, BROWSER_ACCEPT, 303, f"{ARTICLE}/"),
    (ARTICLE, None, 303, f"{ARTICLE}/"),
    (f"{ARTICLE}.ttl", BROWSER_ACCEPT, 303, f"{ARTICLE}.ttl"),
    ("dumps/normkg.nq.gz", None, 302, "dumps/normkg.nq.gz"),
    ("doc/ontology.html", None, 302, "doc/ontology.html"),
    ("", BROWSER_ACCEPT, 303, ""),
])
def test_w3id_htaccess_redirects_each_iri_to_the_view_asked_for(w3id, site, path, accept, status, target):
    code, headers, _, _ = fetch(w3id + path, accept, follow=False)
    assert (code, headers["Location"]) == (status, f"{site}/{target}")


@pytest.mark.parametrize("accept", list(RDF_VIEWS))
def test_nginx_serves_the_rdf_view_asked_for_on_the_page_path(site, site_folder, accept):
    suffix, _ = RDF_VIEWS[accept]
    code, headers, body, _ = fetch(f"{site}/{ARTICLE}", accept)
    assert code == 200
    assert headers.get_content_type() == accept
    assert "Accept" in headers["Vary"]
    assert body == (site_folder[0] / f"{ARTICLE}.{suffix}").read_bytes()


def test_nginx_serves_pages_dumps_and_404s(site):
    code, headers, body, final = fetch(f"{site}/{ARTICLE}", BROWSER_ACCEPT)
    assert (code, headers.get_content_type(), final) == (200, "text/html", f"{site}/{ARTICLE}/")
    assert b"<html" in body
    code, headers, body, _ = fetch(f"{site}/dumps/normkg.ttl.gz")
    assert (code, headers.get_content_type(), body[:2]) == (200, "application/gzip", b"\x1f\x8b")
    assert fetch(f"{site}/eli/no/such/instrument", "text/turtle")[0] == 404


@pytest.mark.parametrize("accept", list(RDF_VIEWS))
def test_an_iri_dereferences_through_w3id_and_nginx_to_its_description(w3id, accept):
    _, parser = RDF_VIEWS[accept]
    code, headers, body, _ = fetch(w3id + ARTICLE, accept)
    assert (code, headers.get_content_type()) == (200, accept)
    graph = Graph().parse(data=body, format=parser)
    article = URIRef(BASE + ARTICLE)
    assert (article, None, None) in graph, "the description is about the IRI that was dereferenced"


def test_an_iri_opened_in_a_browser_lands_on_its_page(w3id, site):
    code, headers, body, final = fetch(w3id + ARTICLE, BROWSER_ACCEPT)
    assert (code, headers.get_content_type(), final) == (200, "text/html", f"{site}/{ARTICLE}/")
    assert b"art. 7" in body
