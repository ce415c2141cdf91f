"""The `normkg` command.

Exit codes: 0 ok or conformant, 1 non-conformant or mismatch, 2 usage error, 3 runtime error
(unreadable or malformed file, endpoint failure). Answers go to stdout, diagnostics to stderr.
"""

from __future__ import annotations

import functools
import sys
import time

import click

from normkg import __version__
from normkg.errors import EXIT_NONCONFORMANT, EXIT_RUNTIME, NormkgError
from normkg.terminal import stderr_console, stdout_console

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def reports_errors(command):
    """Turn normkg errors into a one-line message on stderr and the documented exit code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except NormkgError as err:
            click.echo(f"normkg: error: {err}", err=True)
            sys.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("normkg: interrupted", err=True)
            sys.exit(EXIT_RUNTIME)

    return wrapper


def project_of(ctx: click.Context):
    from normkg.project import Project

    return Project.locate(ctx.obj["root"])


def compiled(ctx: click.Context, force: bool = False):
    """The compiled dataset, building it (with a progress note on stderr) if a source changed."""
    from normkg.build import build, read_cached

    project = project_of(ctx)
    if not force and (cached := read_cached(project)) is not None:
        return cached
    with stderr_console().status("Compiling the dataset (sources changed since the last build)…"):
        result, _ = build(project, force=force)
    return result


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="normkg")
@click.option("--root", type=click.Path(file_okay=False), envvar="NORMKG_ROOT",
              help="Project folder holding ontology/, data/, validation/, queries/ [default: the sources shipped with normkg; env NORMKG_ROOT].")
@click.pass_context
def main(ctx: click.Context, root: str | None) -> None:
    """normkg — a knowledge graph of normative instruments: validate, query, export.

    \b
    Exit codes: 0 ok/conformant, 1 non-conformant, 2 usage error, 3 runtime error.
    """
    ctx.ensure_object(dict)
    ctx.obj["root"] = root


@main.command()
@click.option("--force", is_flag=True, help="Rebuild even if no source changed.")
@click.pass_context
@reports_errors
def build(ctx: click.Context, force: bool) -> None:
    """Compile sources and inferred triples into the cached dataset."""
    from normkg.build import build as run_build

    started = time.perf_counter()
    with stderr_console().status("Compiling the dataset…"):
        result, rebuilt = run_build(project_of(ctx), force=force)
    verb = "built" if rebuilt else "up to date"
    click.echo(
        f"{verb}: {result.manifest['triples']} triples in {len(result.graphs)} graphs "
        f"({result.graphs.get('https://w3id.org/normkg/graph/inferred', {}).get('triples', 0)} inferred) "
        f"in {time.perf_counter() - started:.2f} s -> {result.path}"
    )


@main.command("queries")
@click.option("--format", "fmt", type=click.Choice(["table", "md"]), default="table", show_default=True,
              help="table: a list with summaries and parameters; md: the catalogue docs/queries.md is generated from.")
@click.pass_context
@reports_errors
def list_queries(ctx: click.Context, fmt: str) -> None:
    """List the saved queries with their summaries and parameters."""
    from rich.table import Table

    from normkg.queries import saved_queries

    if fmt == "md":
        from normkg.querydocs import catalogue

        click.echo(catalogue(saved_queries(project_of(ctx))), nl=False)
        return
    table = Table(show_lines=False, title_justify="left")
    for column in ("query", "summary", "parameters"):
        table.add_column(column, overflow="fold")
    for query in saved_queries(project_of(ctx)).values():
        params = ", ".join(
            f"{p.name}{'' if p.required else '?'} ({p.type}{'' if p.default is None else ', default ' + p.default})"
            for p in query.params
        )
        table.add_row(query.name, query.summary, params)
    stdout_console().print(table)


def parse_assignments(values: tuple[str, ...]) -> dict[str, str]:
    from normkg.errors import UsageError

    out = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"parameter {item!r} is not of the form name=value")
        out[name.strip()] = value
    return out


@main.command()
@click.argument("name")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter; repeat for several.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "md", "ttl", "nt", "jsonld"]),
              default=None, help="Output format [default: table; ttl for CONSTRUCT queries].")
@click.option("--store", type=click.Choice(["oxigraph", "memory"]), default="oxigraph", show_default=True,
              help="Embedded store to run on.")
@click.option("--lang", default=None, help="Preferred language of labels (en, fr) for queries that take a lang parameter.")
@click.option("--endpoint", metavar="URL", envvar="NORMKG_ENDPOINT",
              help="Run on this SPARQL endpoint instead of an embedded store [env NORMKG_ENDPOINT].")
@click.pass_context
@reports_errors
def query(ctx: click.Context, name: str, params: tuple[str, ...], fmt: str | None, store: str, lang: str | None,
          endpoint: str | None) -> None:
    """Run the saved query NAME and print its answer."""
    from normkg.errors import UsageError
    from normkg.queries import LANG_PARAM, get_query
    from normkg.stores import open_store

    saved = get_query(project_of(ctx), name)
    values = parse_assignments(params)
    if lang is not None and any(p.name == LANG_PARAM for p in saved.params):
        values.setdefault(LANG_PARAM, lang)
    text = saved.bind(values)
    form = saved.form
    fmt = fmt or ("ttl" if form == "CONSTRUCT" else "table")
    graph_formats = ("ttl", "nt", "jsonld")
    if (form == "CONSTRUCT") != (fmt in graph_formats):
        allowed = graph_formats if form == "CONSTRUCT" else ("table", "csv", "tsv", "json", "md")
        raise UsageError(f"a {form} query prints as {', '.join(allowed)}, not {fmt}")
    if endpoint:
        from normkg.endpoint import open_remote

        engine = open_remote(endpoint)
    else:
        engine = open_store(store, compiled(ctx).path)
    if form == "CONSTRUCT":
        from normkg.export import serialise_triples

        from normkg.sparqltext import declared_prefixes

        click.echo(serialise_triples(engine.construct(text), fmt, declared_prefixes(saved.text)), nl=False)
        return
    table = engine.select(text)
    if fmt == "table":
        from normkg.results import render_table

        stdout_console().print(render_table(table, title=saved.summary))
        click.echo(f"{len(table.rows)} rows", err=True)
    else:
        from normkg.results import format_table

        click.echo(format_table(table, fmt), nl=False)


@main.command()
@click.option("--profile", default="full", show_default=True,
              help="Validation profile: a list of layers of shapes in validation/profiles.toml (docs/validation.md).")
@click.option("--inference", type=click.Choice(["none", "rdfs", "owlrl"]), default="owlrl", show_default=True,
              help="Inference applied to data + ontology before validating.")
@click.option("--format", "fmt", type=click.Choice(["human", "json", "turtle"]), default="human", show_default=True,
              help="human: a table per source file; json (JSON-LD) or turtle: a standard sh:ValidationReport.")
@click.option("--endpoint", metavar="URL", help="Validate what this SPARQL endpoint publishes instead of the sources.")
@click.option("--list-rules", is_flag=True, help="List the rules the profile checks, with their severity and message, and exit.")
@click.pass_context
@reports_errors
def validate(ctx: click.Context, profile: str, inference: str, fmt: str, endpoint: str | None, list_rules: bool) -> None:
    """Validate the sources (or a server's copy) against the SHACL shapes; exit 1 if any violation.

    Warnings (recommended practice) are reported but never fail validation. See docs/validation.md.
    """
    from normkg.report import print_report, print_rules, summary_line
    from normkg.validate import validate as run_validation

    if list_rules:
        from normkg.shapes import choose_profile, load_shapes

        project = project_of(ctx)
        shapes = load_shapes(project)
        print_rules(shapes, choose_profile(project, profile, shapes))
        return
    started = time.perf_counter()
    with stderr_console().status(f"Validating ({profile} profile, {inference} inference)…") as status:
        if endpoint:
            from normkg.endpoint_validation import validate_endpoint

            findings = validate_endpoint(project_of(ctx), endpoint, profile=profile, inference=inference)
        else:
            findings = run_validation(project_of(ctx), profile=profile, inference=inference, on_step=status.update)
    print_report(findings, fmt)
    if fmt != "human":
        click.echo(summary_line(findings), err=True)
    click.echo(f"{profile} profile, {inference} inference, {time.perf_counter() - started:.1f} s", err=True)
    if any(f.severity == "Violation" for f in findings):
        sys.exit(EXIT_NONCONFORMANT)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["ttl", "nq", "jsonld"]), default="nq", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default=None, help="Write to this file (atomically) instead of stdout.")
@click.pass_context
@reports_errors
def export(ctx: click.Context, fmt: str, out: str | None) -> None:
    """Export the compiled dataset (sources and inferred graph)."""
    from normkg.export import export_dataset

    export_dataset(compiled(ctx).path, fmt, out)


@main.command()
@click.option("--store", type=click.Choice(["oxigraph", "memory"]), default="oxigraph", show_default=True)
@click.pass_context
@reports_errors
def stats(ctx: click.Context, store: str) -> None:
    """Show how complete the graph is: counts per class, sources, quotes, French labels."""
    from rich.table import Table

    from normkg.stats import compute, rows
    from normkg.stores import open_store

    table = Table(title="normkg graph statistics", title_justify="left")
    for column, justify in (("kind", "left"), ("count", "right"), ("with a source", "right"), ("with a French label", "right")):
        table.add_column(column, justify=justify)
    for row in rows(compute(open_store(store, compiled(ctx).path))):
        table.add_row(*row)
    stdout_console().print(table)


@main.group()
def publish() -> None:
    """Publish the compiled dataset: to a SPARQL server, or as a static linked-data site."""


@publish.command("graph-store")
@click.option("--endpoint", metavar="URL", envvar="NORMKG_ENDPOINT", required=True,
              help="SPARQL query endpoint of the server [env NORMKG_ENDPOINT].")
@click.option("--graph-store", metavar="URL", help="Graph Store Protocol endpoint [default: --endpoint].")
@click.option("--update", metavar="URL", help="SPARQL Update endpoint [default: --endpoint].")
@click.option("--dry-run", is_flag=True, help="Print what would be uploaded, swapped and dropped; change nothing.")
@click.pass_context
@reports_errors
def publish_graph_store(ctx: click.Context, endpoint: str, graph_store: str | None, update: str | None, dry_run: bool) -> None:
    """Upload every named graph atomically: to staging graphs, verified, then swapped in."""
    from normkg.endpoint import Endpoint
    from normkg.publish.graph_store import run

    run(Endpoint.from_environment(endpoint, update, graph_store), compiled(ctx), dry_run)


@publish.command("site")
@click.option("--out", type=click.Path(file_okay=False), required=True, help="Folder to write the site to (replaced atomically).")
@click.option("--site-url", metavar="URL", help="Where the site will be hosted, for the w3id.org redirects.")
@click.pass_context
@reports_errors
def publish_site(ctx: click.Context, out: str, site_url: str | None) -> None:
    """Write the static linked-data site: pages, RDF views, indexes, VoID/DCAT, docs, dumps, redirects."""
    from pathlib import Path

    from normkg.publish.site import publish_site as write_site

    with stderr_console().status("Writing the site…"):
        pages = write_site(Path(out), project_of(ctx), compiled(ctx), site_url)
    click.echo(f"wrote {pages} resource pages to {out}")
    if not site_url:
        click.echo("note: no --site-url, so redirects/w3id.htaccess points at a placeholder host", err=True)


@main.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port on 127.0.0.1 (0: any free port).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Seconds a /sparql query may run.")
@click.option("--limit", type=click.IntRange(min=1), default=10_000, show_default=True, help="Most rows or triples /sparql answers.")
@click.pass_context
@reports_errors
def serve(ctx: click.Context, port: int, timeout: float, limit: int) -> None:
    """Serve the dataset read-only on 127.0.0.1: pages, RDF views and /sparql."""
    from normkg.serve import serve_forever

    serve_forever(compiled(ctx).path, port, timeout=timeout, limit=limit)


@main.command()
@click.pass_context
@reports_errors
def info(ctx: click.Context) -> None:
    """Show versions, the project in use and the state of its compiled dataset."""
    from importlib.metadata import version

    from normkg.build import cache_dir, read_cached

    project = project_of(ctx)
    click.echo(f"normkg {__version__}")
    for package in ("rdflib", "pyoxigraph", "pyshacl", "owlrl", "SPARQLWrapper"):
        click.echo(f"  {package} {version(package)}")
    click.echo(f"project: {project.root}")
    click.echo(f"  {len(project.ontology_files())} ontology files, {len(project.data_files())} data files")
    click.echo(f"cache: {cache_dir(project)}")
    cached = read_cached(project)
    if cached is None:
        click.echo("  compiled dataset: not built or out of date (run `normkg build`)")
    else:
        click.echo(f"  compiled dataset: {cached.manifest['triples']} triples, built {cached.manifest['built']}")
