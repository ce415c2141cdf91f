"""Where a resource is described in a Turtle source: the line of the first statement that starts with
it as subject. rdflib keeps no positions, so this reads the file's text, following its `@base` and
`@prefix` declarations (or SPARQL-style `BASE`/`PREFIX`) and the subjects written at the start of a
line, as docs/modelling-guide.md has curators write them. A subject written otherwise has no line."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import urljoin

BASE = re.compile(r"\s*(?:@base|BASE)\s+<([^>]*)>", re.IGNORECASE)
PREFIX = re.compile(r"\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)
SUBJECT = re.compile(r"(<[^<>\s]*>|(?:[A-Za-z][\w.-]*)?:[^\s;,()\[\]]*)(?=\s|$)")


def subject_lines(text: str, base: str) -> dict[str, int]:
    """Each subject IRI written at the start of a line, with the number of its first such line."""
    prefixes: dict[str, str] = {}
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if match := BASE.match(line):
            base = urljoin(base, match.group(1))
        elif match := PREFIX.match(line):
            prefixes[match.group(1) or ""] = urljoin(base, match.group(2))
        elif match := SUBJECT.match(line):
            term = match.group(1)
            if term.startswith("<"):
                lines.setdefault(urljoin(base, term[1:-1]), number)
            elif (prefix := term.split(":", 1)[0]) in prefixes:
                lines.setdefault(prefixes[prefix] + term.split(":", 1)[1], number)
    return lines


def lines_of(path: Path) -> dict[str, int]:
    try:
        return subject_lines(path.read_text(encoding="utf-8"), path.as_uri())
    except (OSError, UnicodeDecodeError):
        return {}


def with_lines(findings: list, root: Path) -> list:
    """The findings, each with the line of its source file where its focus node is described (each file
    read once)."""
    files = {file: lines_of(root / file) for file in {f.file for f in findings}}
    return [replace(f, line=files[f.file].get(str(f.focus))) for f in findings]
