"""docs/validation.md cannot go stale: its profile table, rule tables and list of allowed external
namespaces are generated from validation/, and every option of `normkg validate` is documented.

Regenerate the generated blocks with: NORMKG_UPDATE_DOCS=1 python -m pytest tests/test_validation_docs.py
"""

from __future__ import annotations

import os
import re
from itertools import groupby

from click.testing import CliRunner

from normkg.cli import main
from normkg.namespaces import SH, SHAPES, compact
from normkg.shapes import load_profiles, load_shapes

BLOCK = re.compile(r"(<!-- generated: (?P<name>[a-z-]+) -->\n)(?P<body>.*?)(<!-- end generated -->)", re.S)


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def profiles_block(project, shapes) -> str:
    rows = ["| profile | layers | what it checks |", "|---|---|---|"]
    rows += [f"| `{p.name}` | {', '.join(p.layers)} | {cell(p.description)} |" for p in load_profiles(project).values()]
    return "\n".join(rows) + "\n"


def rules_block(project, shapes) -> str:
    out = []
    for file, rules in groupby(shapes.rules(), key=lambda rule: rule.file):
        out += [f"#### `{file}`", "", "| rule | node shape | layer | severity | message |", "|---|---|---|---|---|"]
        out += [
            f"| `{compact(str(r.node))}` | `{compact(str(r.shape))}` | {r.layer} | {r.severity} | {cell(r.message)} |"
            for r in rules
        ]
        out.append("")
    return "\n".join(out)


def namespaces_block(project, shapes) -> str:
    query = str(shapes.graph.value(SHAPES.NoDanglingLink, SH.select))
    (alternatives,) = re.findall(r'REGEX\(STR\(\?value\), "\^\(([^"]+)\)"\)', query)
    allowed = [namespace.replace("[.]", ".") for namespace in alternatives.split("|")]
    assert len(allowed) >= 10 and all(re.fullmatch(r"https?://[^\s()\[\]|]+[/#]", ns) for ns in allowed), allowed
    return "\n".join(f"- `{namespace}`" for namespace in allowed) + "\n"


GENERATORS = {"profiles": profiles_block, "rules": rules_block, "namespaces": namespaces_block}


def test_generated_blocks_are_up_to_date(project):
    path = project.root / "docs" / "validation.md"
    text = path.read_text(encoding="utf-8")
    shapes = load_shapes(project)
    names = [match["name"] for match in BLOCK.finditer(text)]
    assert sorted(names) == sorted(GENERATORS), names
    fresh = BLOCK.sub(lambda m: m.group(1) + GENERATORS[m["name"]](project, shapes) + m.group(4), text)
    if os.environ.get("NORMKG_UPDATE_DOCS"):
        path.write_text(fresh, encoding="utf-8")
        text = fresh
    assert fresh == text, "docs/validation.md is stale: run NORMKG_UPDATE_DOCS=1 python -m pytest tests/test_validation_docs.py"


def test_every_option_of_validate_is_documented(project):
    text = (project.root / "docs" / "validation.md").read_text(encoding="utf-8")
    help_text = CliRunner().invoke(main, ["validate", "--help"]).output
    options = set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"}
    assert {"--profile", "--inference", "--format", "--list-rules"} <= options
    undocumented = sorted(option for option in options if f"`{option}" not in text)
    assert not undocumented, f"options of `normkg validate` missing from docs/validation.md: {undocumented}"
