"""One registry shape for every kind of plugin: readers, transforms and renderers.

Each kind has a table of built-ins (``name → "module:attribute"``, loaded on first use, so importing
docconv never imports WeasyPrint or ebooklib) and an entry-point group through which installed
packages add their own: ``docconv.readers``, ``docconv.transforms``, ``docconv.renderers``. One
precedence rule holds for all three: a built-in name wins, and a plugin that uses one is listed
as shadowed (``docconv plugins`` shows it; a conversion reports ``plugin-shadowed``).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from docconv.errors import UnsupportedFormatError

if TYPE_CHECKING:
    from docconv.diagnostics import Reporter
    from docconv.readers import Reader
    from docconv.renderers.base import Renderer
    from docconv.transforms import Transform

T = TypeVar("T")
BUILTIN = "built-in"


@dataclass(frozen=True, slots=True)
class Entry:
    """One registered name: where it comes from and how to load it."""

    name: str
    origin: str  # "built-in", or the plugin's distribution and version
    spec: str  # "module:attribute"
    shadowed: bool = False  # a plugin whose name a built-in already has: never used


@cache
def _scan() -> dict[str, list[Entry]]:
    """Every docconv entry point, by group: one pass over the installed distributions per process.

    A pass reads every distribution's metadata (about 4 ms with 66 distributions), and
    ``importlib.metadata`` itself takes 15–20 ms to import, so both wait until a registry needs
    them.
    """
    from importlib.metadata import entry_points

    everything = entry_points()  # one pass; ``select`` then filters what it found
    found: dict[str, list[Entry]] = {}
    for group in GROUPS:
        found[group] = []
        for point in everything.select(group=group):
            dist = getattr(point, "dist", None)
            origin = f"{dist.name} {dist.version}" if dist is not None else "plugin"
            found[group].append(Entry(point.name, origin, point.value))
    return found


def _load(spec: str) -> Any:
    module_name, _, attribute = spec.partition(":")
    target: Any = importlib.import_module(module_name)
    for part in attribute.split(".") if attribute else ():
        target = getattr(target, part)
    return target


class Registry(Generic[T]):
    """Built-ins plus the plugins of one entry-point group, in a fixed order: built-ins first (in
    their table's order), then plugins by name."""

    def __init__(self, kind: str, group: str, builtins: dict[str, str]) -> None:
        self.kind = kind
        self.group = group
        self._builtins = builtins

    def entries(self, *, include_shadowed: bool = False) -> list[Entry]:
        listed = [Entry(name, BUILTIN, spec) for name, spec in self._builtins.items()]
        for entry in sorted(_scan()[self.group], key=lambda e: e.name):
            shadowed = entry.name in self._builtins
            if include_shadowed or not shadowed:
                listed.append(Entry(entry.name, entry.origin, entry.spec, shadowed))
        return listed

    def names(self) -> list[str]:
        return [entry.name for entry in self.entries()]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self.names()

    def get(self, name: str) -> T:
        """The object registered as ``name``; UnsupportedFormatError names the known ones."""
        for entry in self.entries():
            if entry.name == name:
                return _loaded(entry.spec)  # type: ignore[no-any-return]
        raise UnsupportedFormatError(f"unknown {self.kind} {name!r} (known: {', '.join(self.names())})")

    def items(self) -> Iterator[tuple[Entry, T]]:
        """Every entry with its loaded object, in registry order."""
        for entry in self.entries():
            yield entry, _loaded(entry.spec)

    def report_shadowed(self, reporter: Reporter) -> None:
        for entry in self.entries(include_shadowed=True):
            if entry.shadowed:
                reporter.warning(
                    "plugin-shadowed",
                    f"the {self.kind} plugin {entry.name!r} from {entry.origin} is ignored: a built-in has that name",
                )


@cache
def _loaded(spec: str) -> Any:
    return _load(spec)


def forget() -> None:
    """Scan the entry points again on next use (after installing a plugin in a running process)."""
    _scan.cache_clear()
    _loaded.cache_clear()


GROUPS = ("docconv.readers", "docconv.transforms", "docconv.renderers")

READERS: Registry[Reader] = Registry(
    "reader",
    "docconv.readers",
    {
        "post": "docconv.readers.builtin:POST",
        "html": "docconv.readers.builtin:HTML",
        "markdown": "docconv.readers.builtin:MARKDOWN",
    },
)
TRANSFORMS: Registry[Transform] = Registry(
    "transform",
    "docconv.transforms",
    {
        "normalise-whitespace": "docconv.transforms.whitespace:TRANSFORM",
        "drop-title-heading": "docconv.transforms.headings:DROP_TITLE_HEADING",
        "recover-headings": "docconv.transforms.headings:RECOVER_HEADINGS",
        "derive-title": "docconv.transforms.headings:DERIVE_TITLE",
        "detect-language": "docconv.transforms.language:TRANSFORM",
    },
)
RENDERERS: Registry[Renderer] = Registry(
    "output format",
    "docconv.renderers",
    {
        "markdown": "docconv.renderers.markdown:RENDERER",
        "html": "docconv.renderers.html:RENDERER",
        "pdf": "docconv.renderers.pdf:RENDERER",
        "epub": "docconv.renderers.epub:RENDERER",
    },
)


def get_renderer(name: str) -> Renderer:
    """The renderer for a format name or one of its aliases (``md`` → markdown)."""
    return RENDERERS.get(format_name(name))


def format_name(name: str) -> str:
    """A format's registered name from its name or an alias; an unknown name is returned as given."""
    wanted = name.strip().lower()
    for entry, renderer in RENDERERS.items():
        if wanted == entry.name or wanted in renderer.aliases:
            return entry.name
    return wanted


def format_for_path(path: str) -> str | None:
    """The format an output path's extension names (``x.md`` → markdown), or None."""
    from pathlib import PurePath

    suffix = PurePath(path).suffix.lower()
    for entry, renderer in RENDERERS.items():
        if suffix and suffix in renderer.extensions:
            return entry.name
    return None
