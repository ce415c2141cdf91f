"""Compile the sources into one dataset — a named graph per source file plus the inferred graph —
cached on disk as N-Quads and rebuilt only when a source file changes."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from normkg import __version__
from normkg.errors import SourceError
from normkg.inference import apply_rules, derive_citations, load_rules
from normkg.namespaces import INFERRED_GRAPH
from normkg.project import Project

DATASET_FILE = "dataset.nq"
MANIFEST_FILE = "manifest.json"


def cache_dir(project: Project) -> Path:
    """$NORMKG_CACHE_DIR, else $XDG_CACHE_HOME/normkg, else ~/.cache/normkg; one folder per project root."""
    base = os.environ.get("NORMKG_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "normkg"
    )
    key = hashlib.sha256(str(project.root).encode()).hexdigest()[:16]
    return Path(base) / key


def fingerprint(project: Project) -> str:
    """A digest of every file the build reads, and of the normkg version that builds it."""
    digest = hashlib.sha256(__version__.encode())
    for path in project.source_files() + project.rule_files():
        digest.update(project.relative(path).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class Compiled:
    """A compiled dataset on disk and what it holds."""

    path: Path
    manifest: dict

    @property
    def graphs(self) -> dict[str, dict]:
        return self.manifest["graphs"]


def read_cached(project: Project) -> Compiled | None:
    """The cached build, if it is up to date with the sources."""
    folder = cache_dir(project)
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text())
    except (OSError, ValueError):
        return None
    if manifest.get("fingerprint") != fingerprint(project) or not (folder / DATASET_FILE).is_file():
        return None
    return Compiled(folder / DATASET_FILE, manifest)


def load_into(store: ox.Store, project: Project, path: Path) -> None:
    """Load one Turtle source into its named graph; its base IRI is the graph IRI, so <> names the file."""
    graph_iri = project.graph_iri(path)
    try:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=graph_iri, to_graph=ox.NamedNode(graph_iri))
    except SyntaxError as err:
        message = str(err).split(": ", 1)[-1]
        raise SourceError(f"{project.relative(path)}:{err.lineno or 0}:{err.offset or 0}: malformed Turtle: {message}") from None
    except OSError as err:
        raise SourceError(f"{project.relative(path)}: cannot read: {err}") from None


def compile_store(project: Project) -> tuple[ox.Store, dict]:
    """Load every source and apply the rules; return the store and the manifest describing it."""
    store = ox.Store()
    graphs: dict[str, dict] = {}
    for path in project.source_files():
        load_into(store, project, path)
    for path in project.source_files():
        iri = project.graph_iri(path)
        count = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(iri)))
        graphs[iri] = {"file": project.relative(path), "triples": count}
    inferred = apply_rules(store, load_rules(project)) + derive_citations(store)
    graphs[str(INFERRED_GRAPH)] = {"file": None, "triples": inferred}
    manifest = {
        "fingerprint": fingerprint(project),
        "normkg": __version__,
        "root": str(project.root),
        "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "triples": sum(g["triples"] for g in graphs.values()),
        "graphs": graphs,
    }
    return store, manifest


def write_atomically(path: Path, write) -> None:
    """Call write(file) on a temporary file next to ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build(project: Project, force: bool = False) -> tuple[Compiled, bool]:
    """The compiled dataset, rebuilt if a source changed (or if ``force``); also whether it was rebuilt."""
    if not force and (cached := read_cached(project)) is not None:
        return cached, False
    store, manifest = compile_store(project)
    folder = cache_dir(project)
    write_atomically(folder / DATASET_FILE, lambda f: store.dump(f, format=ox.RdfFormat.N_QUADS))
    write_atomically(folder / MANIFEST_FILE, lambda f: f.write(json.dumps(manifest, indent=2).encode()))
    return Compiled(folder / DATASET_FILE, manifest), True
