"""Shared fixtures: the project under test, its compiled dataset in a private cache, the embedded
stores, a CLI runner, and a scratch copy of the sources for tests that break them on purpose."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from normkg.build import build
from normkg.cli import main
from normkg.project import SOURCE_DIRS, Project
from normkg.stores import STORES, open_store

TODAY_IN_TESTS = "2026-11-28"  # the date the expected answers are written for


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """Every test session builds into its own cache, never the user's."""
    mp = pytest.MonkeyPatch()
    mp.setenv("NORMKG_CACHE_DIR", str(tmp_path_factory.mktemp("normkg-cache")))
    mp.delenv("NORMKG_ROOT", raising=False)
    yield
    mp.undo()


@pytest.fixture(scope="session")
def project() -> Project:
    return Project.locate()


@pytest.fixture(scope="session")
def compiled(project):
    result, _ = build(project)
    return result


@pytest.fixture(scope="session", params=STORES)
def store(request, compiled):
    """Each embedded store, loaded once per session."""
    return open_store(request.param, compiled.path)


@pytest.fixture(scope="session")
def stores(compiled):
    return {kind: open_store(kind, compiled.path) for kind in STORES}


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli():
    """Run `normkg ARGS…` in-process; returns exit code, stdout and stderr separately."""

    def run(*args: str, root: Path | None = None) -> CliResult:
        argv = (["--root", str(root)] if root else []) + list(args)
        result = CliRunner().invoke(main, argv, env={"COLUMNS": "200"})
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def project_copy(tmp_path, project) -> Project:
    """A writable copy of the sources, for tests that inject defects."""
    for name in SOURCE_DIRS:
        shutil.copytree(project.root / name, tmp_path / name)
    return Project.locate(tmp_path)
