"""The static linked-data site: a page and three RDF views per document, index pages per class,
VoID + DCAT, pyLODE documentation, gzipped dumps and redirect configuration. It is built in a
temporary folder next to the target and renamed into place, so a failed build leaves the previous
site untouched."""

from __future__ import annotations

import gzip
import os
import posixpath
import shutil
import tempfile
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from normkg.errors import UsageError
from normkg.export import export_dataset
from normkg.linkeddata.formats import VIEWS, serialise
from normkg.linkeddata.html import class_page, index_page, resource_page
from normkg.linkeddata.resources import Resources, class_slug, path_of
from normkg.namespaces import BASE, DCAT, VOID
from normkg.publish.description import DATASET, describe
from normkg.publish.ontology_docs import documentation
from normkg.publish.redirects import htaccess, nginx

DUMPS = {"ttl": "text/turtle", "nq": "application/n-quads", "jsonld": "application/ld+json"}
PLACEHOLDER_SITE = "https://SITE-URL.example"


def relative_link(from_dir: str):
    """A link function for a page in ``from_dir``: site pages by relative path, other IRIs unchanged."""

    def link(iri: str) -> str:
        path = path_of(iri)
        if path is None:
            return iri
        fragment = iri.partition("#")[2]
        target = posixpath.relpath(path or ".", from_dir or ".") + "/"
        return target + (f"#{fragment}" if fragment else "")

    return link


def write(root: Path, relative: str, data: str | bytes) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def write_documents(root: Path, resources: Resources) -> int:
    documents = [d for d in resources.documents() if path_of(d)]
    for doc in documents:
        path = path_of(doc)
        name = posixpath.basename(path)
        views = {suffix: f"../{name}.{suffix}" for suffix in VIEWS}
        write(root, f"{path}/index.html", resource_page(resources, doc, relative_link(path), views, posixpath.relpath(".", path) + "/"))
        graph = resources.describe(doc)
        for suffix in VIEWS:
            write(root, f"{path}.{suffix}", serialise(graph, suffix))
    return len(documents)


def write_indexes(root: Path, resources: Resources, extras: list[tuple[str, str]]) -> None:
    write(root, "index.html", index_page(resources, lambda c: f"classes/{class_slug(c)}/", extras, "./"))
    for cls in resources.classes:
        folder = f"classes/{class_slug(cls)}"
        write(root, f"{folder}/index.html", class_page(resources, cls, relative_link(folder), "../../"))


def write_dumps(root: Path, dataset: Path) -> dict[str, Path]:
    """normkg.{ttl,nq,jsonld}.gz under dumps/."""
    dumps = {}
    scratch = root / ".scratch"
    for fmt in DUMPS:
        plain = scratch / f"normkg.{fmt}"
        export_dataset(dataset, fmt, str(plain))
        target = root / "dumps" / f"normkg.{fmt}.gz"
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(plain, "rb") as source, gzip.open(target, "wb") as sink:
            shutil.copyfileobj(source, sink)
        dumps[fmt] = target
    shutil.rmtree(scratch)
    return dumps


def void_description(manifest: dict, resources: Resources, dumps: dict[str, Path]):
    """The dataset's VoID + DCAT description with class partitions and its dump distributions."""
    graph = describe(manifest)
    for fmt, path in dumps.items():
        url = URIRef(f"{BASE}dumps/{path.name}")
        graph.add((DATASET, VOID.dataDump, url))
        distribution = URIRef(f"{BASE}dumps/{path.name}#distribution")
        graph.add((DATASET, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCAT.downloadURL, url))
        graph.add((distribution, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{DUMPS[fmt]}")))
        graph.add((distribution, DCAT.compressFormat, URIRef("https://www.iana.org/assignments/media-types/application/gzip")))
        graph.add((distribution, DCAT.byteSize, Literal(path.stat().st_size)))
    graph.add((DATASET, VOID.rootResource, URIRef(f"{BASE}ontology")))
    graph.add((DATASET, DCTERMS.conformsTo, URIRef(f"{BASE}ontology")))
    for index, (cls, members) in enumerate(resources.classes.items()):
        partition = URIRef(f"{BASE}void#class-{index}")
        graph.add((DATASET, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], cls))
        graph.add((partition, VOID.entities, Literal(len(members))))
    return graph


def build_site(root: Path, project, compiled, site_url: str) -> int:
    """Write the whole site into ``root``; return the number of document pages."""
    resources = Resources(compiled.path)
    dumps = write_dumps(root, compiled.path)
    void = void_description(compiled.manifest, resources, dumps)
    write(root, "void.ttl", void.serialize(format="turtle", encoding="utf-8"))
    for relative, html in documentation(project).items():
        write(root, f"doc/{relative}", html)
    extras = [("Ontology documentation", "doc/ontology.html"), ("Dataset description (VoID, DCAT)", "void.ttl")]
    extras += [(f"Vocabulary: {p.stem}", f"doc/vocab/{p.stem}.html") for p in sorted((root / "doc" / "vocab").glob("*.html"))]
    extras += [(f"Dump: {p.name}", f"dumps/{p.name}") for p in dumps.values()]
    pages = write_documents(root, resources)
    write_indexes(root, resources, extras)
    write(root, "redirects/w3id.htaccess", htaccess(site_url))
    write(root, "redirects/nginx.conf", nginx("/srv/normkg/site"))
    return pages


def publish_site(out: Path, project, compiled, site_url: str | None) -> int:
    """Build the site in a temporary folder beside ``out`` and rename it into place."""
    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} exists and is not a folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        pages = build_site(staging, project, compiled, site_url or PLACEHOLDER_SITE)
        os.chmod(staging, 0o755)
        previous = out.with_name(f".{out.name}.previous")
        if out.exists():  # two renames: the old site is never half-overwritten, only briefly absent
            os.replace(out, previous)
        try:
            os.replace(staging, out)
        except OSError:
            os.replace(previous, out)
            raise
        shutil.rmtree(previous, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return pages
