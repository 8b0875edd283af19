"""The Python API: read, render, convert and bind — what ``import docconv`` offers.

Each function is a thin front for ``docconv.pipeline``, the same code the command line runs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docconv import pipeline
from docconv.binder import bind as bind_documents
from docconv.binder import single
from docconv.context import Context
from docconv.diagnostics import Reporter
from docconv.errors import DocconvError
from docconv.model import Document, Packet, PacketMeta
from docconv.options import Limits, Options
from docconv.pipeline import Result, Target
from docconv.registry import format_for_path, format_name, get_renderer
from docconv.sources import Source
from docconv.validation import check_options


def make_options(options: Options | None = None, **overrides: Any) -> Options:
    """Options from keyword arguments: ``make_options(offline=True, max_depth=100)``."""
    base = options or Options()
    limit_fields = {f.name for f in dataclasses.fields(Limits)}
    limits = {k: overrides.pop(k) for k in list(overrides) if k in limit_fields}
    if limits:
        overrides["limits"] = dataclasses.replace(base.limits, **limits)
    for key in ("stylesheets", "font_dirs", "allowed_dirs"):
        if key in overrides and not isinstance(overrides[key], tuple):
            overrides[key] = tuple(Path(p) for p in overrides[key])
    try:
        return dataclasses.replace(base, **overrides)
    except TypeError as error:
        raise TypeError(f"unknown docconv option: {error}") from None


def read(
    source: str | bytes | Path | Source,
    options: Options | None = None,
    reporter: Reporter | None = None,
    **overrides: Any,
) -> Document:
    """Read an article (path, URL, ``-``, bytes or literal text) into a Document.

    >>> read("<h2>标题</h2><p>正文。</p>").meta.language
    'zh-Hans'
    """
    context = Context(make_options(options, **overrides), reporter or Reporter())
    check_options(context.options)
    return pipeline.read(source, context)


def render(
    document: Document | Packet,
    format: str,
    options: Options | None = None,
    context: Context | None = None,
    **overrides: Any,
) -> Result:
    """Render a Document or Packet; the Result holds the bytes and the diagnostics.

    >>> render(read("<p>你好。</p>"), "markdown").data.endswith("你好。\\n".encode())
    True
    """
    if context is None:
        context = Context(make_options(options, **overrides), Reporter())
    check_options(context.options)
    packet = document if isinstance(document, Packet) else single(document)
    name = format_name(format)
    data = pipeline.render(packet, name, context)
    return Result(data, get_renderer(name).media_type, name, tuple(context.reporter.diagnostics))


def convert(
    source: str | bytes | Path,
    output_or_format: str | Path,
    options: Options | None = None,
    **overrides: Any,
) -> Result:
    """Read ``source`` and render it; ``output_or_format`` is a format name or an output path.

    Given a path, the file is written atomically (and an input is never overwritten).
    """
    options = make_options(options, **overrides)
    target = Path(output_or_format) if isinstance(output_or_format, Path) else None
    if target is None and isinstance(output_or_format, str):
        is_path = "/" in output_or_format or "." in output_or_format
        target = Path(output_or_format) if is_path else None
    fmt = format_for_path(str(target)) if target else format_name(str(output_or_format))
    if fmt is None:
        raise DocconvError(f"cannot tell the output format from {output_or_format!s}; name it with a known extension")
    (result,) = pipeline.convert(source, [Target(fmt, target)], Context(options, Reporter()))
    return result


def bind(
    documents: Iterable[Document],
    meta: PacketMeta | dict[str, Any] | str,
    reporter: Reporter | None = None,
    order: str = "as-given",
) -> Packet:
    """Bind documents into a briefing packet: ``bind(docs, {"title": "今日简报"})``."""
    if isinstance(meta, str):
        meta = PacketMeta(title=meta)
    elif isinstance(meta, dict):
        meta = PacketMeta(**meta)
    return bind_documents(documents, meta, reporter, order=order)
