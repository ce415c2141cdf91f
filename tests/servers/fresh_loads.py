"""Run every saved-query case on several fresh loads of a real server, to catch answers that depend on
the query plan the server picks from the statistics it samples at load time (Virtuoso 7.2 does).

    python tests/servers/fresh_loads.py --loads 12                 # data/ cases on Virtuoso
    python tests/servers/fresh_loads.py --graph fixture --server oxigraph

Each load is a new server in a new folder with the compiled dataset published to it; prints, per load,
the cases whose answer differs from the expected one, and exits 1 if any did. Not collected by pytest."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))  # tests/: the shared query cases (after tests/servers/)

from conftest import SERVERS, publish_compiled  # noqa: E402
from launch import endpoint_of  # noqa: E402
from query_cases import answered, expected, fixture_project, load_cases  # noqa: E402

from normkg.build import build  # noqa: E402
from normkg.endpoint import RemoteStore  # noqa: E402
from normkg.project import Project  # noqa: E402
from normkg.queries import saved_queries  # noqa: E402


def wrong_cases(server_kind: str, compiled, cases, queries) -> list[str]:
    """The ids of the cases a fresh server answers wrongly."""
    server = SERVERS[server_kind](Path(tempfile.mkdtemp(prefix=f"normkg-{server_kind}-"))).start()
    try:
        endpoint = endpoint_of(server)
        publish_compiled(endpoint, compiled)
        store = RemoteStore(endpoint)
        return [case.id for case in cases
                if answered(store, queries[case.query], case) != expected(case, queries[case.query])]
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loads", type=int, default=12)
    parser.add_argument("--graph", choices=("data", "fixture"), default="data")
    parser.add_argument("--server", choices=sorted(SERVERS), default="virtuoso")
    args = parser.parse_args()
    project = Project.locate()
    source = project if args.graph == "data" else fixture_project(Path(tempfile.mkdtemp()), project)
    compiled, _ = build(source)
    cases, queries = load_cases(args.graph), saved_queries(project)
    failed = 0
    for load in range(1, args.loads + 1):
        wrong = wrong_cases(args.server, compiled, cases, queries)
        failed += bool(wrong)
        print(f"load {load}: {len(cases) - len(wrong)}/{len(cases)} cases right" + "".join(f"\n  wrong: {c}" for c in wrong),
              flush=True)
    print(f"{failed} of {args.loads} fresh loads answered some case wrongly")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
