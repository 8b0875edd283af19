"""The committed evaluation sets: ``data/<set>.tar.gz`` holding ``manifest.jsonl`` and ``html/<id>.html``.

A page's HTML is kept as the bytes its source repository holds (only a CleanEval wrapper line is
removed), so each extractor decodes it itself, as it would a saved page.
"""

from __future__ import annotations

import json
import tarfile
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
# The set scored with trafilatura's with/without snippets (the others have a full reference), all sets, --set groups.
SNIPPET_SETS = ("en-snippets",)
SETS = ("en-full", "en-snippets", "zh", "zh-web", "world-web", "news-en", "news-world")
GROUPS = {
    "en": ("en-full", "en-snippets", "news-en"),
    "zh": ("zh", "zh-web"),
    "web": ("zh-web", "world-web"),
    "news": ("news-en", "news-world"),
    "all": SETS,
}


@dataclass
class Page:
    """One page of a set: its raw HTML bytes and what an extractor's body text is compared with."""

    id: str
    source: str  # "owner/name:path@commit"
    url: str
    html: bytes = field(repr=False)
    truth: str = ""  # the reference body text, or "" on a snippet page
    with_snippets: list[str] = field(default_factory=list)  # snippet pages: must be in the output
    without_snippets: list[str] = field(default_factory=list)  # snippet pages: must not be
    notes: str = ""


def expand(choice: str) -> tuple[str, ...]:
    """The sets a ``--set`` value names: a group (``en``, ``zh``, ``all``) or one set."""
    if choice in GROUPS:
        return GROUPS[choice]
    if choice in SETS:
        return (choice,)
    raise ValueError(f"unknown set {choice!r}; choose from {', '.join([*GROUPS, *SETS])}")


def load(name: str, limit: int | None = None) -> list[Page]:
    """The pages of one set, in manifest order; the first ``limit`` only when given."""
    with tarfile.open(DATA / f"{name}.tar.gz", "r:gz") as archive:
        manifest = _member(archive, "manifest.jsonl").decode("utf-8")
        entries = [json.loads(line) for line in manifest.splitlines() if line.strip()]
        if limit is not None:
            entries = entries[:limit]
        return [Page(html=_member(archive, f"html/{entry['id']}.html"), **entry) for entry in entries]


def _member(archive: tarfile.TarFile, name: str) -> bytes:
    member = archive.extractfile(name)
    if member is None:
        raise FileNotFoundError(f"{name} missing from the archive")
    return member.read()
