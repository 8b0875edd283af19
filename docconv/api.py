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
from docconv.errors import UnknownOptionError, UsageError
from docconv.model import Document, Packet, PacketMeta
from docconv.options import Options, make_options
from docconv.pipeline import Result, Target
from docconv.registry import format_for_path, format_name, get_renderer
from docconv.sources import Source, text_source
from docconv.validation import check_options


def read(
    source: str | Path | bytes | Source,
    options: Options | None = None,
    reporter: Reporter | None = None,
    **overrides: Any,
) -> Document:
    """Read an article from a path, a URL or ``-`` (standard input) into a Document.

    Text you hold goes to ``read_text``, bytes to ``read_bytes``: a string here names a file.

    >>> document = read("fixtures/post_utf8_bom_crlf.md")
    >>> document.meta.language, len(document.blocks) > 0
    ('zh-Hans', True)
    """
    if isinstance(source, str) and not _names_a_source(source):
        import warnings

        warnings.warn(
            "docconv.read() was given text, not a path or URL; use docconv.read_text() to say so",
            DeprecationWarning,
            stacklevel=2,
        )
    context = Context(make_options(options, **overrides), reporter or Reporter())
    check_options(context.options)
    return pipeline.read(source, context)


def read_text(text: str, options: Options | None = None, reporter: Reporter | None = None, **overrides: Any) -> Document:
    """Read an article from text: HTML, Markdown, or a post with front matter (never a path).

    >>> read_text("<h2>标题</h2><p>正文。</p>").meta.language
    'zh-Hans'
    """
    context = Context(make_options(options, **overrides), reporter or Reporter())
    check_options(context.options)
    return pipeline.read(text_source(text, context.options), context)


def read_bytes(data: bytes, options: Options | None = None, reporter: Reporter | None = None, **overrides: Any) -> Document:
    """Read an article from bytes in any encoding (BOM, declared charset, or detected).

    >>> read_bytes('<meta charset="gbk"><p>你好，世界。</p>'.encode("gbk")).blocks[0]
    Paragraph(children=(Text(text='你好，世界。'),), lang=None)
    """
    context = Context(make_options(options, **overrides), reporter or Reporter())
    check_options(context.options)
    return pipeline.read(data, context)


def _names_a_source(text: str) -> bool:
    """A path, a URL or ``-``: one line, no markup (what ``read`` takes without a warning)."""
    return "\n" not in text and "<" not in text and len(text) < 4096


def render(
    document: Document | Packet,
    format: str,
    options: Options | None = None,
    context: Context | None = None,
    **overrides: Any,
) -> Result:
    """Render a Document or Packet to a format (markdown, html, pdf, epub, or a plugin's);
    the Result holds the bytes and the diagnostics. Nothing is written.

    >>> result = render(read_text("<p>你好。</p>"), "markdown")
    >>> result
    Result(format='markdown', 50 bytes, 0 diagnostic(s))
    >>> result.data.endswith("你好。\\n".encode())
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
    """Read ``source`` (a path, URL or bytes) and render it; ``output_or_format`` is a format name
    or an output path. Given a path, the file is written atomically (an input is never overwritten).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> convert("fixtures/post_utf8_bom_crlf.md", folder / "post.md").path.name
    'post.md'
    >>> convert("fixtures/post_utf8_bom_crlf.md", "markdown").data[:4]
    b'---\\n'
    """
    options = make_options(options, **overrides)
    target = Path(output_or_format) if isinstance(output_or_format, Path) else None
    if target is None and isinstance(output_or_format, str):
        is_path = "/" in output_or_format or "." in output_or_format
        target = Path(output_or_format) if is_path else None
    fmt = format_for_path(str(target)) if target else format_name(str(output_or_format))
    if fmt is None:
        raise UsageError(f"cannot tell the output format from {output_or_format!s}; name it with a known extension")
    (result,) = pipeline.convert(source, [Target(fmt, target)], Context(options, Reporter()))
    return result


def bind(
    documents: Iterable[Document],
    meta: PacketMeta | dict[str, Any] | str,
    reporter: Reporter | None = None,
    order: str = "as-given",
) -> Packet:
    """Bind documents into a briefing packet; ``meta`` is its title, or a mapping with ``title`` and
    optionally ``subtitle``, ``date``, ``organisation``, ``notice``, ``language``.

    >>> a = read_text("<h1>第一篇</h1><p>内容一。</p>")
    >>> b = read_text("<h1>第二篇</h1><p>内容二。</p>")
    >>> bind([a, b], {"title": "今日简报"})
    Packet(title='今日简报', 2 articles, language='zh-Hans')
    >>> bind([a, b], {})
    Traceback (most recent call last):
    docconv.errors.UsageError: a packet needs a title: bind(documents, {"title": "…"}) or bind(documents, "…")
    """
    if isinstance(meta, str):
        meta = {"title": meta}
    if isinstance(meta, dict):
        known = [f.name for f in dataclasses.fields(PacketMeta)]
        for key in meta:
            if key not in known:
                raise UnknownOptionError.naming(key, known, "packet field")
        if "title" not in meta:
            raise UsageError('a packet needs a title: bind(documents, {"title": "…"}) or bind(documents, "…")')
        meta = PacketMeta(**meta)
    return bind_documents(documents, meta, reporter, order=order)
