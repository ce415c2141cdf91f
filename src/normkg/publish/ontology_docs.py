"""Ontology and vocabulary documentation rendered by pyLODE (pinned to 3.3.4: 3.4.1 fails at import;
install with the `site` extra): the ontology modules as one OntPub page, each SKOS vocabulary as a
VocPub page."""

from __future__ import annotations

import logging

from rdflib import Graph

from normkg.errors import UsageError
from normkg.loader import parse_file
from normkg.project import Project


def _profiles():
    try:
        from pylode.profiles.ontpub import OntPub
        from pylode.profiles.vocpub import VocPub
    except ImportError as err:
        raise UsageError(f"the site's documentation needs pyLODE 3.3.4: pip install 'normkg[site]' ({err})") from None
    logging.getLogger().setLevel(max(logging.getLogger().level, logging.WARNING))  # pyLODE logs at INFO/DEBUG
    return OntPub, VocPub


def documentation(project: Project) -> dict[str, str]:
    """Relative path under doc/ -> HTML: ontology.html and vocab/{scheme}.html."""
    OntPub, VocPub = _profiles()
    vocabularies = project.root / "ontology" / "vocabularies"
    ontology = Graph()
    for path in project.ontology_files():
        if vocabularies not in path.parents:
            parse_file(path, project.relative(path), ontology)
    pages = {"ontology.html": OntPub(ontology=ontology).make_html()}
    for path in sorted(vocabularies.glob("*.ttl")):
        scheme = parse_file(path, project.relative(path), Graph())
        pages[f"vocab/{path.stem}.html"] = VocPub(ontology=scheme).make_html()
    return pages
