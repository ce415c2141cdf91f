"""Where the hand-edited sources live, and how each file maps to its named graph.

A project root holds ontology/, data/, validation/ and queries/. By default normkg uses the sources it
ships with: the wheel's copy when installed, the checkout when installed in editable mode. A curator
points normkg at another tree with --root or NORMKG_ROOT.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from normkg.errors import UsageError
from normkg.namespaces import GRAPH

SOURCE_DIRS = ("ontology", "data", "validation", "queries")


def bundled_root() -> Path:
    """The sources shipped with the package: normkg/_sources in a wheel, else the checkout."""
    package = Path(str(resources.files("normkg")))
    shipped = package / "_sources"
    if shipped.is_dir():
        return shipped
    return package.parent.parent


@dataclass(frozen=True)
class Project:
    """A tree of normkg sources."""

    root: Path

    @classmethod
    def locate(cls, root: str | os.PathLike | None = None) -> "Project":
        """The project at ``root``, else at $NORMKG_ROOT, else the bundled sources."""
        chosen = root or os.environ.get("NORMKG_ROOT") or bundled_root()
        path = Path(chosen).expanduser().resolve()
        missing = [d for d in ("ontology", "data") if not (path / d).is_dir()]
        if missing:
            raise UsageError(f"{path} is not a normkg project: no {' or '.join(d + '/' for d in missing)} folder")
        return cls(path)

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def rules_dir(self) -> Path:
        return self.root / "queries" / "rules"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "validation" / "shapes"

    def ontology_files(self) -> list[Path]:
        """Ontology modules, imports and vocabularies, sorted."""
        return sorted((self.root / "ontology").rglob("*.ttl"))

    def data_files(self) -> list[Path]:
        """Curated data files, sorted."""
        return sorted((self.root / "data").rglob("*.ttl"))

    def source_files(self) -> list[Path]:
        """Everything that is loaded into the dataset: ontology first, then data."""
        return self.ontology_files() + self.data_files()

    def rule_files(self) -> list[Path]:
        return sorted(self.rules_dir.glob("*.rq")) if self.rules_dir.is_dir() else []

    def relative(self, path: Path) -> str:
        """A path as shown to users: relative to the project root."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def graph_iri(self, path: Path) -> str:
        """The named graph of a source file: https://w3id.org/normkg/graph/{path without .ttl}."""
        rel = self.relative(path)
        return str(GRAPH[rel[: -len(".ttl")] if rel.endswith(".ttl") else rel])
