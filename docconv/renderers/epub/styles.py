"""The EPUB's stylesheets: the theme's ``epub.css`` (or ``--template-dir``'s), then the user's ``--css``.

A user stylesheet goes into the book as it is, after the theme, so it wins as in the PDF. The local
files its ``url()`` names (fonts for ``@font-face``, images) are packed into the book when they are
inside ``--font-dir`` or ``--allow-dir`` folders, and the ``url()`` rewritten to point at them;
anything else is refused (``css-resource-refused``). What a book cannot honour is said
(``epub-style-ignored``): the HTML templates of ``--template-dir`` (the EPUB's pages are its own)
and ``@page`` rules (an e-reader lays out its own pages).
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from docconv.diagnostics import Reporter
from docconv.options import Options
from docconv.renderers.usercss import FONT_TYPES, UserSheet, allowed_folders, local_file, rewrite_urls, urls, user_sheets

THEME = "css/epub.css"
_PACKED_TYPES = {
    **FONT_TYPES,
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}


@dataclass
class BookStyles:
    """The stylesheets a book links, in cascade order after its theme, and the files they load."""

    theme: bytes
    sheets: list[tuple[str, bytes]] = field(default_factory=list)  # (file name in the book, CSS)
    packed: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # file name → (media type, bytes)


def book_styles(options: Options, reporter: Reporter) -> BookStyles:
    styles = BookStyles(_theme(options, reporter))
    if options.stylesheets:
        styles.theme = yielding(styles.theme)
    folders = allowed_folders(options)
    for number, sheet in enumerate(user_sheets(options), start=1):
        if any(at == "page" for _, at in urls(sheet)) or "@page" in sheet.text:
            reporter.warning(
                "epub-style-ignored", f"{sheet.path}: @page rules apply to PDF only; an e-reader lays out its own pages"
            )
        text = rewrite_urls(sheet, functools.partial(_pack, sheet=sheet, folders=folders, styles=styles, reporter=reporter))
        styles.sheets.append((f"css/user-{number}.css", text.encode("utf-8")))
    return styles


_LANG_RULE = re.compile(rb"^((?::lang\([a-zA-Z-]+\)(?:, )?)+) \{", re.MULTILINE)


def yielding(theme: bytes) -> bytes:
    """The theme with its per-language font rules set only where the language changes.

    ``:lang(zh) { font-family: … }`` matches every element in Chinese, so a user's
    ``body { font-family: … }`` would never reach a paragraph; ``html:lang(zh), :not(:lang(zh)) >
    :lang(zh)`` chooses the same faces and lets the user's body font be inherited (as in the PDF).
    """

    def rewrite(match: re.Match[bytes]) -> bytes:
        tags = re.findall(rb":lang\([a-zA-Z-]+\)", match.group(1))
        return b", ".join(b"html%s, :not(%s) > %s" % (tag, tag, tag) for tag in tags) + b" {"

    return _LANG_RULE.sub(rewrite, theme)


def _theme(options: Options, reporter: Reporter) -> bytes:
    folder = options.template_dir
    if folder is None:
        return files("docconv.styles").joinpath("epub.css").read_bytes()
    templates = sorted(p.name for p in Path(folder).glob("*.j2"))
    if templates:
        reporter.warning(
            "epub-style-ignored",
            f"EPUB does not use the HTML templates of --template-dir ({', '.join(templates)}); it takes epub.css from there",
        )
    own = Path(folder) / "epub.css"
    return own.read_bytes() if own.is_file() else files("docconv.styles").joinpath("epub.css").read_bytes()


def _pack(url: str, *, sheet: UserSheet, folders: tuple[Path, ...], styles: BookStyles, reporter: Reporter) -> str | None:
    """The book's name for a file the sheet loads (relative to css/), packing it once; None if refused."""
    path = local_file(url, folders)
    media_type = _PACKED_TYPES.get(path.suffix.lower()) if path is not None else None
    if path is None or media_type is None:
        reporter.warning(
            "css-resource-refused",
            f"{sheet.path} asked for {url[:200]}; refused (only fonts and images in --font-dir and --allow-dir are packed)",
        )
        return None
    data = path.read_bytes()
    name = f"files/{hashlib.sha256(data).hexdigest()[:16]}{path.suffix.lower()}"
    styles.packed[f"css/{name}"] = (media_type, data)
    return name
