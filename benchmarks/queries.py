"""How fast the saved queries answer on each embedded store, as ratios against rdflib's in-memory
store measured in the same run (the reference engine is the baseline).

    python benchmarks/queries.py                  # every data case of tests/queries/cases.toml
    python benchmarks/queries.py --root DIR       # another project (e.g. benchmarks/generate.py's):
                                                  # the queries that need no parameter, with their defaults
    python benchmarks/queries.py --repeat 5       # median of 5 runs per query (default 3)

Also reports the time to compile the dataset and to load it into each store. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the shared query cases

from query_cases import load_cases  # noqa: E402

from normkg.build import build  # noqa: E402
from normkg.project import Project  # noqa: E402
from normkg.queries import SavedQuery, saved_queries  # noqa: E402
from normkg.stores import STORES, open_store  # noqa: E402

BASELINE = "memory"


def timed(action):
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def workload(project: Project, bundled: bool) -> list[tuple[str, SavedQuery, str]]:
    """(label, saved query, bound text): the data cases on the bundled project, else parameter-free queries."""
    queries = saved_queries(project)
    if bundled:
        return [(case.id, queries[case.query], queries[case.query].bind(case.params)) for case in load_cases("data")]
    runnable = [q for q in queries.values() if all(p.default is not None or not p.required for p in q.params)]
    return [(q.name, q, q.bind({})) for q in runnable]


def run(store, saved: SavedQuery, text: str):
    return store.construct(text) if saved.form == "CONSTRUCT" else store.select(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", help="project folder (default: the bundled sources)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("NORMKG_CACHE_DIR", tempfile.mkdtemp(prefix="normkg-bench-"))
    project = Project.locate(args.root)
    build_time, (compiled, _) = timed(lambda: build(project, force=True))
    print(f"compile {compiled.manifest['triples']} triples: {build_time:.2f} s")
    stores = {}
    for kind in STORES:
        load_time, stores[kind] = timed(lambda kind=kind: open_store(kind, compiled.path))
        print(f"load into {kind}: {load_time:.2f} s")
    work = workload(project, bundled=args.root is None)
    times: dict[str, dict[str, float]] = {kind: {} for kind in STORES}
    for label, saved, text in work:
        for kind, store in stores.items():
            times[kind][label] = statistics.median(timed(lambda: run(store, saved, text))[0] for _ in range(args.repeat))
    print(f"\n{len(work)} queries, median of {args.repeat} runs; ratio = {BASELINE} time / store time (higher is faster)\n")
    print(f"| query | {' | '.join(f'{k} (s)' for k in STORES)} | ratio |")
    print("|---|" + "---:|" * (len(STORES) + 1))
    for label, *_ in work:
        other = [k for k in STORES if k != BASELINE][0]
        ratio = times[BASELINE][label] / max(times[other][label], 1e-6)
        print(f"| {label} | {' | '.join(f'{times[k][label]:.4f}' for k in STORES)} | {ratio:.1f}× |")
    totals = {k: sum(v.values()) for k, v in times.items()}
    print(f"| **all** | {' | '.join(f'{totals[k]:.3f}' for k in STORES)} | {totals[BASELINE] / max(totals['oxigraph'], 1e-6):.1f}× |")


if __name__ == "__main__":
    main()
