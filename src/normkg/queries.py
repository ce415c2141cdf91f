"""Saved SPARQL queries: one file per query in queries/, with a grlc-compatible `#+ ` YAML header.

Parameters follow grlc's naming (BASIL): ``?_name_type`` is required, ``?__name_type`` optional;
the type is ``iri``, an XSD datatype (``date``, ``integer``, ``boolean``…), a language tag (``en``)
or nothing (a plain string). normkg checks each value against its type, then binds the typed terms
in a VALUES block at the top of the query's outermost group — a value is never spliced into the
query as text, so it cannot change what the query does.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from normkg.errors import SourceError, UsageError
from normkg.namespaces import PREFIXES
from normkg.project import Project
from normkg.sparqltext import code_mask, query_form, where_group_start
from normkg.terms import IRI_FORBIDDEN, sparql_term

_PARAM_VAR = re.compile(r"[?$](_{1,2})([A-Za-z0-9]+)(?:_([A-Za-z0-9]+))?\b")
_LANG_TAG = re.compile(r"^[a-z]{2,3}$")
_BCP47 = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
LANG_PARAM = "lang"  # the parameter `--lang` sets: a language tag, checked as one
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
XSD_TYPES = {"date", "dateTime", "integer", "decimal", "boolean", "string", "gYear", "nonNegativeInteger"}


@dataclass(frozen=True)
class Param:
    """A query parameter, as its variable name declares it."""

    name: str
    variable: str  # without '?', e.g. "_on_date"
    type: str  # "iri", an XSD type name, a language tag, or "string"
    required: bool
    description: str = ""
    default: str | None = None

    def term(self, value: str):
        """The typed RDF term for a value given on the command line; UsageError if it does not fit."""
        if self.type == "iri":
            return URIRef(expand_iri(value, self.name))
        if self.name == LANG_PARAM:
            if not _BCP47.match(value):
                raise UsageError(f"parameter {self.name}: {value!r} is not a language tag (en, fr, pt-BR)")
            return Literal(value.lower())
        if self.type == "date":
            if value == "today":
                return Literal(dt.date.today().isoformat(), datatype=XSD.date)
            try:
                return Literal(dt.date.fromisoformat(value).isoformat(), datatype=XSD.date)
            except ValueError:
                raise UsageError(f"parameter {self.name}: {value!r} is not a date (YYYY-MM-DD or 'today')") from None
        if self.type in ("integer", "nonNegativeInteger"):
            if not re.fullmatch(r"[+-]?\d+", value) or (self.type == "nonNegativeInteger" and int(value) < 0):
                raise UsageError(f"parameter {self.name}: {value!r} is not an {self.type}")
            return Literal(str(int(value)), datatype=XSD[self.type])
        if self.type == "boolean":
            if value.lower() not in ("true", "false"):
                raise UsageError(f"parameter {self.name}: {value!r} is not true or false")
            return Literal(value.lower(), datatype=XSD.boolean)
        if self.type == "decimal":
            if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", value):
                raise UsageError(f"parameter {self.name}: {value!r} is not a decimal number")
            return Literal(value, datatype=XSD.decimal)
        if _LANG_TAG.match(self.type):
            return Literal(value, lang=self.type)
        if self.type == "string":
            return Literal(value)
        return Literal(value, datatype=XSD[self.type])


def expand_iri(value: str, param: str) -> str:
    """An absolute IRI, or a prefixed name (agent:canada) expanded with normkg's prefixes."""
    prefix, _, local = value.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        value = PREFIXES[prefix] + local
    if not _IRI.match(value) or any(ch in IRI_FORBIDDEN for ch in value):
        raise UsageError(f"parameter {param}: {value!r} is not an IRI (absolute, or prefixed like agent:canada)")
    return value


@dataclass(frozen=True)
class SavedQuery:
    """A saved query file and what its header says about it."""

    name: str
    path: Path
    text: str
    header: dict = field(repr=False)
    params: tuple[Param, ...]

    @property
    def summary(self) -> str:
        return str(self.header.get("summary", "")).strip()

    @property
    def description(self) -> str:
        return str(self.header.get("description", "")).strip()

    @property
    def question(self) -> str:
        return str(self.header.get("question", "")).strip()

    @property
    def tags(self) -> list[str]:
        return [str(t) for t in self.header.get("tags", [])]

    @property
    def form(self) -> str:
        return query_form(self.text)

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise UsageError(f"query {self.name} has no parameter {name!r} (parameters: {known})")

    def bind(self, values: dict[str, str]) -> str:
        """The query text with every parameter bound: a given or default value, or UNDEF for an optional
        parameter left out (declared, so every engine sees it unbound); UsageError on a bad or missing one."""
        for name in values:
            self.param(name)
        bound = {}
        for p in self.params:
            raw = values.get(p.name, p.default)
            if raw is None and p.required:
                raise UsageError(f"query {self.name} needs parameter {p.name}: {p.description}".rstrip(": "))
            bound[p.variable] = None if raw is None else p.term(str(raw))
        if not bound:
            return self.text
        names = " ".join(f"?{v}" for v in bound)
        row = " ".join("UNDEF" if t is None else sparql_term(t) for t in bound.values())
        at = where_group_start(self.text)
        return f"{self.text[:at]}\n  VALUES ({names}) {{ ({row}) }}{self.text[at:]}"


class HeaderLoader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true/false, so a parameter named `on` or `no` stays a string."""


HeaderLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
HeaderLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def parse_header(text: str, display: str) -> dict:
    """The YAML carried by the `#+ ` lines at the top of a query file."""
    lines = []
    for line in text.splitlines():
        if line.startswith("#+"):
            lines.append(line[3:] if line.startswith("#+ ") else line[2:])
        elif line.strip() and not line.startswith("#"):
            break
    try:
        header = yaml.load("\n".join(lines), Loader=HeaderLoader) or {}
    except yaml.YAMLError as err:
        raise SourceError(f"{display}: malformed '#+' header: {err}") from None
    if not isinstance(header, dict):
        raise SourceError(f"{display}: the '#+' header must be a YAML mapping")
    return header


def find_params(text: str, header: dict) -> tuple[Param, ...]:
    """The parameters a query's variables declare, with descriptions and defaults from its header, in the
    order the header lists them."""
    descriptions = header.get("params") or {}
    defaults = {}
    for item in header.get("defaults") or []:
        if isinstance(item, dict):
            defaults.update({str(k): v for k, v in item.items()})
    found: dict[str, Param] = {}
    for m in _PARAM_VAR.finditer(code_mask(text)):
        underscores, name, kind = m.groups()
        variable = m.group(0)[1:]
        if name in found:
            continue
        default = defaults.get(name)
        found[name] = Param(
            name=name,
            variable=variable,
            type=kind or "string",
            required=len(underscores) == 1,
            description=str(descriptions.get(name, "")).strip(),
            default=None if default is None else str(default).lower() if isinstance(default, bool) else str(default),
        )
    order = [str(name) for name in descriptions]
    return tuple(sorted(found.values(), key=lambda p: order.index(p.name) if p.name in order else len(order)))


def load_query(path: Path, display: str) -> SavedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise SourceError(f"{display}: cannot read: {err}") from None
    header = parse_header(text, display)
    return SavedQuery(path.stem, path, text, header, find_params(text, header))


def saved_queries(project: Project) -> dict[str, SavedQuery]:
    """Every saved query in queries/ (not the rules), by name."""
    return {
        path.stem: load_query(path, project.relative(path))
        for path in sorted(project.queries_dir.glob("*.rq"))
    }


def get_query(project: Project, name: str) -> SavedQuery:
    queries = saved_queries(project)
    if name not in queries:
        close = [q for q in queries if name in q or q in name]
        hint = f"; did you mean {', '.join(close)}?" if close else "; `normkg queries` lists them"
        raise UsageError(f"no saved query named {name!r}{hint}")
    return queries[name]
