"""CPU seconds of in-process PDF renders, code trees compared in interleaved rounds of fresh processes.

    .venv/bin/python benchmarks/render_cpu.py --case packet base=/tmp/docconv-base now=.
    .venv/bin/python benchmarks/render_cpu.py --case sample --rounds 8 --repeat 3 base=/tmp/docconv-base now=.

Each ``NAME=PATH`` is a docconv checkout (``git worktree add /tmp/docconv-base <commit>``); the
first is the reference. Every round starts one fresh process per tree, in alternating order;
each process reads the case once, renders it once to warm up (fonts, parsed CSS), then times
``--repeat`` renders with ``time.process_time``. On a shared machine wall time says little (other
jobs take the cores), CPU time of the process much more; medians over all rounds are printed.

Cases: ``sample`` (the sample article) and ``packet`` (the demo packet, ``fixtures/packet.yaml``,
as ``scripts/demo.sh`` builds it). Every render is offline; SOURCE_DATE_EPOCH is fixed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SAMPLE = FIXTURES / "post_guancha_shanghai_soft_power.txt"


def _use_tree_styles(tree: Path) -> None:
    """An editable install maps ``docconv.styles`` to its own checkout's ``styles/``: use the tree's."""
    styles = tree / "styles"
    if not (styles / "__init__.py").is_file():
        return
    spec = importlib.util.spec_from_file_location(
        "docconv.styles", styles / "__init__.py", submodule_search_locations=[str(styles)]
    )
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    sys.modules["docconv.styles"] = module
    spec.loader.exec_module(module)


def _subject(case: str) -> Any:
    import docconv

    if case == "sample":
        return docconv.read(str(SAMPLE), offline=True)
    from docconv.packets import load_manifest

    request = load_manifest(FIXTURES / "packet.yaml")
    return docconv.bind([docconv.read(source, offline=True) for source in request.sources], request.meta)


def child(tree: Path, case: str, repeat: int) -> None:
    sys.path.insert(0, str(tree))
    _use_tree_styles(tree)
    import docconv

    subject = _subject(case)
    docconv.render(subject, "pdf", offline=True)
    seconds = []
    for _ in range(repeat):
        started = time.process_time()
        docconv.render(subject, "pdf", offline=True)
        seconds.append(time.process_time() - started)
    print(json.dumps({"docconv": docconv.__file__, "seconds": seconds}))


def _run(tree: Path, case: str, repeat: int) -> list[float]:
    environment = dict(os.environ, SOURCE_DATE_EPOCH="1600000000")
    environment.pop("PYTHONPATH", None)
    command = [sys.executable, __file__, "--child", str(tree), "--case", case, "--repeat", str(repeat)]
    done = subprocess.run(command, env=environment, cwd=tree, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{tree}: {done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if not Path(result["docconv"]).resolve().is_relative_to(tree.resolve()):
        raise SystemExit(f"{tree}: the child imported {result['docconv']}")
    return [float(s) for s in result["seconds"]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="*", metavar="NAME=PATH")
    parser.add_argument("--case", choices=("sample", "packet"), default="packet")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3, help="timed renders per process")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.case, args.repeat)
        return 0
    trees = [(name, Path(path).resolve()) for name, _, path in (t.partition("=") for t in args.trees or [f"now={ROOT}"])]
    seconds: dict[str, list[float]] = {name: [] for name, _ in trees}
    for number in range(args.rounds):
        for name, tree in trees if number % 2 == 0 else trees[::-1]:
            seconds[name] += _run(tree, args.case, args.repeat)
        line = ", ".join(f"{name} {statistics.median(values):.3f}" for name, values in seconds.items())
        print(f"round {number + 1}/{args.rounds}: {line}", flush=True)
    reference = statistics.median(seconds[trees[0][0]])
    for name, values in seconds.items():
        middle = statistics.median(values)
        print(f"{name}: median {middle:.3f} s CPU over {len(values)} renders ({middle / reference - 1:+.1%} vs {trees[0][0]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
