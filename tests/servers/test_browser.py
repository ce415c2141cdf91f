"""The `normkg serve` pages and the static site in headless Chromium: titles render, internal links
resolve, the embedded JSON-LD holds the same triples as the Turtle view; content negotiation."""

from __future__ import annotations

import shutil
import threading
import urllib.parse
import urllib.request

import pytest
from conftest import unavailable
from rdflib import Graph
from rdflib.compare import isomorphic

from normkg.serve import make_server

pytestmark = pytest.mark.server
CONVENTION = "eli/unesco/convention/2005/cultural-expressions"


@pytest.fixture(scope="module")
def browser():
    if not shutil.which("chromium") or not shutil.which("chromedriver"):
        unavailable("chromium and chromium-driver are not installed (scripts/install-servers)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        unavailable("selenium is not installed (pip install 'normkg[test]')")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    yield driver
    driver.quit()


def running(server) -> str:
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def served(compiled):
    server = make_server(compiled.path)
    yield running(server)
    server.shutdown()


def check_page(browser, url: str, turtle_url: str) -> list[str]:
    """Open a page; check its title and JSON-LD; return its internal links."""
    browser.get(url)
    assert browser.title and "404" not in browser.title
    block = browser.execute_script('return document.querySelector(\'script[type="application/ld+json"]\').textContent')
    embedded = Graph().parse(data=block, format="json-ld")
    with urllib.request.urlopen(turtle_url) as response:
        turtle = Graph().parse(data=response.read(), format="turtle")
    assert len(turtle) > 0 and isomorphic(embedded, turtle)
    host = urllib.parse.urlsplit(url).netloc
    links = browser.execute_script("return Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
    return sorted({link.split("#")[0] for link in links if urllib.parse.urlsplit(link).netloc == host})


def all_resolve(links: list[str]) -> None:
    broken = []
    for link in links:
        try:
            urllib.request.urlopen(urllib.request.Request(link, method="HEAD")).close()
        except urllib.error.HTTPError as err:
            broken.append(f"{link}: {err.code}")
    assert not broken


@pytest.mark.parametrize("where", ["served", "site"])
def test_pages_render_and_their_links_resolve(browser, request, where):
    base = request.getfixturevalue(where)
    page, turtle = ((f"{base}/{CONVENTION}", f"{base}/{CONVENTION}.ttl") if where == "served"
                    else (f"{base}/{CONVENTION}/", f"{base}/{CONVENTION}.ttl"))
    links = check_page(browser, page, turtle)
    assert len(links) > 10
    all_resolve(links)
    browser.get(base + "/")
    assert browser.title == "normkg"
    index_links = browser.execute_script("return Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
    all_resolve([link for link in index_links if link.startswith(base)])


@pytest.mark.parametrize("accept, media", [
    ("text/turtle", "text/turtle"), ("application/ld+json", "application/ld+json"),
    ("application/n-triples", "application/n-triples"), ("text/html", "text/html"), (None, "text/html"),
])
def test_content_negotiation(served, accept, media):
    request = urllib.request.Request(f"{served}/{CONVENTION}", headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(request) as response:
        assert response.headers.get_content_type() == media
        assert response.headers["Vary"] == "Accept"


def test_sparql_endpoint_is_read_only_and_limited(compiled):
    server = make_server(compiled.path, limit=5)
    base = running(server)
    try:
        query = urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"})
        with urllib.request.urlopen(f"{base}/sparql?{query}") as response:
            assert response.headers.get_content_type() == "application/sparql-results+json"
        for params, status in (({"query": "SELECT * WHERE { ?s ?p ?o }"}, 400), ({"update": "DROP ALL"}, 403),
                               ({"query": "SELECT * WHERE {"}, 400)):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(f"{base}/sparql?{urllib.parse.urlencode(params)}")
            assert refused.value.code == status
    finally:
        server.shutdown()
