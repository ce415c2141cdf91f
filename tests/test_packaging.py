"""An installed wheel carries the sources and works from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def wheel(tmp_path_factory, project) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(project.root)],
        check=True,
    )
    (path,) = out.glob("normkg-*.whl")
    return path


def test_wheel_ships_every_source_file(wheel, project):
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("ontology", "data", "queries", "validation"):
        sources = [p for p in (project.root / folder).rglob("*") if p.is_file()]
        assert sources, folder
        for path in sources:
            assert f"normkg/_sources/{project.relative(path)}" in names


def test_installed_wheel_answers_from_any_directory(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "NORMKG_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("NORMKG_ROOT", None)
    run = subprocess.run(
        [sys.executable, "-m", "normkg", "query", "instruments-lacking-binding-cultural-rights", "-p", "on=2026-11-28", "--format", "csv"],
        cwd=elsewhere, env=env, capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("instrument,title,type,legalNature,status,addressesAI,reason")
    assert "https://w3id.org/normkg/eli/unesco/convention/2005/cultural-expressions" in run.stdout
    info = subprocess.run([sys.executable, "-m", "normkg", "info"], cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert f"project: {target / 'normkg' / '_sources'}" in info.stdout
