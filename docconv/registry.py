"""Registries of readers, transforms and renderers: built-in tables plus entry points.

Built-ins are ``"module:attribute"`` strings loaded on first use, so importing docconv never
imports WeasyPrint or ebooklib. Third parties add their own through the ``docconv.readers``,
``docconv.transforms`` and ``docconv.renderers`` entry-point groups; a built-in name wins.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

from docconv.errors import UnsupportedFormatError

BUILTIN_RENDERERS: dict[str, str] = {
    "markdown": "docconv.renderers.markdown.renderer:RENDERER",
    "html": "docconv.renderers.html.renderer:RENDERER",
    "pdf": "docconv.renderers.pdf.renderer:RENDERER",
    "epub": "docconv.renderers.epub.renderer:RENDERER",
}

# Output file extensions and the format they stand for.
EXTENSIONS: dict[str, str] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".epub": "epub",
}
FORMAT_ALIASES: dict[str, str] = {"md": "markdown", "htm": "html"}


def _load(spec: str) -> Any:
    module_name, _, attribute = spec.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


PLUGIN_GROUPS = ("docconv.readers", "docconv.transforms", "docconv.renderers")


@cache
def _scan() -> dict[str, dict[str, Any]]:
    """Every docconv entry point, by group and name: one pass over the installed distributions.

    A pass reads every distribution's metadata (about 4 ms with 66 distributions), and
    ``importlib.metadata`` itself takes 15–20 ms to import (it loads the ``email`` package), so
    both wait until a read or an unknown format needs them, and happen once per process.
    """
    from importlib.metadata import entry_points

    everything = entry_points()  # one pass; ``select`` then filters what it found
    return {group: {ep.name: ep for ep in everything.select(group=group)} for group in PLUGIN_GROUPS}


def _entry_points(group: str) -> dict[str, Any]:
    return _scan()[group]


def plugins(group: str) -> list[Any]:
    """The entry points of ``group`` (one of ``PLUGIN_GROUPS``), sorted by name; scanned once per process."""
    return sorted(_entry_points(group).values(), key=lambda ep: ep.name)


def renderer_names() -> list[str]:
    return sorted(set(BUILTIN_RENDERERS) | set(_entry_points("docconv.renderers")))


def normalise_format(name: str) -> str:
    name = name.strip().lower()
    return FORMAT_ALIASES.get(name, name)


@cache
def get_renderer(name: str) -> Any:
    """The renderer registered as ``name`` (see ``docconv.renderers.base.Renderer``)."""
    name = normalise_format(name)
    if name in BUILTIN_RENDERERS:
        return _load(BUILTIN_RENDERERS[name])
    plugin = _entry_points("docconv.renderers").get(name)
    if plugin is None:
        known = ", ".join(renderer_names())
        raise UnsupportedFormatError(f"unknown output format {name!r} (known: {known})")
    return plugin.load()


def format_for_path(path: str) -> str | None:
    from pathlib import PurePath

    return EXTENSIONS.get(PurePath(path).suffix.lower())
