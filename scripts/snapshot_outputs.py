"""Render every fixture and the demo packet in every format; print one hash per output.

Used to prove that a refactoring changes no output byte: run it before and after, compare.

    SOURCE_DATE_EPOCH=1600000000 .venv/bin/python scripts/snapshot_outputs.py > before.txt
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
FORMATS = ("markdown", "html", "epub", "pdf")
DOCCONV = [sys.executable, "-m", "docconv"]


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def fixtures() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.is_file() and p.suffix not in (".yaml", ".yml"))


def cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*DOCCONV, *args], capture_output=True, check=False)


def main() -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1600000000")
    import docconv

    lines: list[str] = []
    for path in fixtures():
        for fmt in FORMATS:
            try:
                result = docconv.convert(path, fmt, offline=True)
                warnings = [d.code for d in result.warnings]
                lines.append(f"api {path.name} {fmt} {digest(result.data)} {warnings}")
            except docconv.DocconvError as error:
                lines.append(f"api {path.name} {fmt} error {error}")
        done = cli("convert", str(path), "-t", "markdown", "-o", "-", "--offline")
        lines.append(f"cli {path.name} markdown {digest(done.stdout)} rc={done.returncode} {done.stderr.decode()!r}")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        outputs = [str(out / f"briefing.{ext}") for ext in ("pdf", "epub", "md")]
        flags = [flag for o in outputs for flag in ("-o", o)]
        done = cli("packet", str(FIXTURES / "packet.yaml"), *flags)
        lines.append(f"packet rc={done.returncode} {done.stderr.decode()!r}")
        lines += [f"packet {Path(o).name} {digest(Path(o).read_bytes())}" for o in outputs]
        done = cli("packet", str(FIXTURES / "packet.yaml"), "-o", str(out / "x.md"), "--split", str(out / "split"))
        lines.append(f"split rc={done.returncode}")
        lines += [f"split {p.name} {digest(p.read_bytes())}" for p in sorted((out / "split").iterdir())]
        inputs = [str(p) for p in fixtures()[:6]]
        done = cli("convert", *inputs, "-o", str(out / "batch") + "/", "-t", "md,epub", "--offline", "--jobs", "2")
        lines.append(f"batch rc={done.returncode} {sorted(done.stderr.decode().splitlines())!r}")
        lines += [f"batch {p.name} {digest(p.read_bytes())}" for p in sorted((out / "batch").iterdir())]
    print("\n".join(lines).replace(str(ROOT), "<root>"))  # noqa: T201


if __name__ == "__main__":
    main()
