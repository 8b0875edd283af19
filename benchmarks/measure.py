"""Shared ground of the benchmark: paths, offline options, medians, and child processes timed with their peak memory."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SAMPLE = FIXTURES / "post_guancha_shanghai_soft_power.txt"
HEAVY = ("weasyprint", "ebooklib", "fontTools", "trafilatura", "lxml", "PIL", "rich", "jinja2", "segno", "bs4")
FORMATS = ("markdown", "epub", "html", "pdf")
EXTENSIONS = {"markdown": "md", "epub": "epub", "html": "html", "pdf": "pdf"}
COMMAND = ".venv/bin/python benchmarks/run.py"
RUNNER = Path(__file__).with_name("run.py")  # children run through the one command: ``run.py --child SPEC``


def article_fixtures() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.suffix in {".html", ".md", ".txt"})


def offline_options(**overrides: Any) -> Any:
    from docconv.options import Options

    return Options(offline=True, **overrides)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


@dataclass
class Run:
    seconds: float
    peak_mb: float
    cpu: float  # user + system seconds of the process and every child it waited for
    code: int
    stdout: str
    stderr: str


# Started by a small launcher rather than by this process: Linux records the high-water mark of
# the memory a process replaces at exec as part of its peak, so a child forked from a benchmark
# that has grown to 180 MB would report at least 180 MB whatever it used itself.
_LAUNCHER = """
import json, os, subprocess, sys, time
result, argv = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
child = subprocess.Popen(argv, stdin=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
seconds = time.perf_counter() - started
with open(result, "w") as file:
    json.dump({"seconds": seconds, "maxrss": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime,
               "code": os.waitstatus_to_exitcode(status)}, file)
"""


def run_process(argv: Sequence[str], env: dict[str, str], cwd: Path | None = None) -> Run:
    """Run a process to completion: wall time, its own peak RSS (os.wait4), exit code, output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as folder:
        result = Path(folder) / "run.json"
        launcher = [sys.executable, "-I", "-S", "-c", _LAUNCHER, str(result), *argv]
        subprocess.run(launcher, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=cwd, check=False)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode(errors="replace")
        try:
            measured = json.loads(result.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return Run(float("nan"), float("nan"), float("nan"), 127, stdout, stderr)
        scale = 1 / 1024 / 1024 if sys.platform == "darwin" else 1 / 1024  # bytes on macOS, KiB on Linux
        return Run(measured["seconds"], measured["maxrss"] * scale, measured["cpu"], measured["code"], stdout, stderr)


@dataclass
class Bench:
    quick: bool
    work: Path
    env: dict[str, str] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict)
    available: dict[str, bool] = field(default_factory=dict)

    def reps(self, full: int) -> int:
        return max(1, full // 4) if self.quick else full

    def child(self, spec: dict[str, Any]) -> tuple[dict[str, Any], float]:
        run = run_process([sys.executable, str(RUNNER), "--child", json.dumps(spec)], self.env)
        if run.code != 0:
            raise RuntimeError(f"benchmark child {spec['kind']} failed:\n{run.stderr[-3000:]}")
        return json.loads(run.stdout), run.peak_mb

    def cli(self, args: Sequence[str], repeat: int, fresh: Callable[[], None] | None = None) -> dict[str, Any]:
        docconv = str(Path(sys.executable).with_name("docconv"))
        times, peaks, cpus = [], [], []
        for _ in range(repeat):
            if fresh:
                fresh()
            run = run_process([docconv, *args], self.env)
            if run.code not in (0,):
                return {"error": f"exit {run.code}: {run.stderr.strip().splitlines()[-1:] or ''}"}
            times.append(run.seconds)
            peaks.append(run.peak_mb)
            cpus.append(run.cpu)
        return {"seconds": median(times), "peak_mb": max(peaks), "cpu": median(cpus), "runs": len(times)}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def machine() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split("MemTotal:", 1)[1].split()[0])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, IndexError, ValueError):
        pass
    libraries = []
    for name in (
        "docconv",
        "weasyprint",
        "pydyf",
        "tinycss2",
        "ebooklib",
        "fonttools",
        "lxml",
        "markdown-it-py",
        "pillow",
        "trafilatura",
    ):
        with contextlib.suppress(PackageNotFoundError):
            libraries.append(f"{name} {version(name)}")
    try:
        info = subprocess.run([sys.executable, "-m", "weasyprint", "--info"], capture_output=True, text=True, check=True).stdout
        number = int(info.split("Pango version:", 1)[1].split()[0])
        libraries.append(f"Pango {number // 10000}.{number // 100 % 100}.{number % 100}")
    except (subprocess.CalledProcessError, OSError, IndexError, ValueError):
        pass
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "libraries": ", ".join(libraries),
        "commit": commit,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load": "",
    }


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "?"


def renderer_available(name: str) -> bool:
    probe = f"from docconv.registry import get_renderer; get_renderer({name!r})"
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, check=False).returncode == 0
