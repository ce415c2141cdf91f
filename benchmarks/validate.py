"""Time `normkg validate` on a generated project, with and without inference.

Each configuration runs in a fresh Python process, which reports its wall time and peak memory (peak
RSS, interpreter and imports included). Times and memory are printed as ratios against a baseline
measured in the same run — the core profile without inference — so figures from different machines
compare. When the project holds an expected.json (benchmarks/generate.py --defects), the findings of
every full-profile run are checked against it, rule by rule.

    python benchmarks/validate.py /tmp/normkg-bench
    python benchmarks/validate.py /tmp/normkg-bench --only full/owlrl
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

# (label, profile, inference); the first one is the baseline
CONFIGURATIONS = [
    ("core/none", "core", "none"),
    ("load only", "", ""),
    ("full/none", "full", "none"),
    ("full/rdfs", "full", "rdfs"),
    ("full/owlrl", "full", "owlrl"),
]


def measure(root: str, profile: str, inference: str) -> dict:
    """Validate once in this process and describe the run (called in a child process)."""
    from normkg.loader import load_sources
    from normkg.project import Project
    from normkg.validate import validate

    project = Project.locate(root)
    started = time.perf_counter()
    if profile:
        findings = validate(project, profile=profile, inference=inference)
        rules = Counter(str(f.constraint or f.shape).rsplit("#", 1)[-1] for f in findings)
        triples = None
    else:
        findings, rules = [], Counter()
        triples = sum(len(graph) for graph in load_sources(project).graphs())
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak_mb, "findings": len(findings), "rules": rules, "triples": triples}


def run_child(root: Path, profile: str, inference: str) -> dict:
    done = subprocess.run([sys.executable, __file__, str(root), "--child", profile, inference],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="a project made by benchmarks/generate.py")
    parser.add_argument("--only", action="append", help="run only these configurations (the baseline always runs)")
    parser.add_argument("--child", nargs=2, metavar=("PROFILE", "INFERENCE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(str(args.root), *args.child)))
        return
    expected_file = args.root / "expected.json"
    expected = json.loads(expected_file.read_text())["expected"] if expected_file.exists() else None
    chosen = [c for i, c in enumerate(CONFIGURATIONS) if i == 0 or not args.only or c[0] in args.only]
    rows, baseline = [], None
    for label, profile, inference in chosen:
        result = run_child(args.root, profile, inference)
        baseline = baseline or result
        check = ""
        if expected is not None and profile == "full":
            check = "as expected" if result["rules"] == expected else f"differs: {result['rules']} vs {expected}"
        rows.append((label, result, check))
        print(f"{label}: {result['seconds']:.1f} s, {result['peak_mb']:.0f} MB {check}", file=sys.stderr, flush=True)
    triples = next((r["triples"] for _, r, _ in rows if r["triples"]), None)
    print(f"project: {args.root}" + (f" ({triples} triples in the sources)" if triples else ""))
    print("| configuration | time (s) | × baseline | peak memory (MB) | × baseline | findings | defects |")
    print("|---|---|---|---|---|---|---|")
    for label, r, check in rows:
        print(f"| {label} | {r['seconds']:.1f} | {r['seconds'] / baseline['seconds']:.2f} | {r['peak_mb']:.0f} | "
              f"{r['peak_mb'] / baseline['peak_mb']:.2f} | {r['findings'] if label != 'load only' else '–'} | {check or '–'} |")


if __name__ == "__main__":
    main()
