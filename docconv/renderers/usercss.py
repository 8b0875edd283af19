"""The user's stylesheets (``--css``): read once, their local ``url()`` files resolved under the policy.

A user stylesheet comes after every built-in and generated rule, so it wins. It may name local
files in ``url()`` (``@font-face`` fonts, background images) only inside ``--font-dir`` folders and
the folders ``--allow-dir`` allowed; anything else is refused with a warning. The PDF engine is
served those files by ``pdf/renderer.py``; the EPUB renderer packs them into the book and rewrites
the ``url()`` (``rewrite_urls``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from docconv.errors import UsageError
from docconv.options import Options

FONT_TYPES = {".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"}


@dataclass(frozen=True, slots=True)
class UserSheet:
    """One ``--css`` file: where it is (relative ``url()`` resolve from there) and its text."""

    path: Path
    text: str

    @property
    def base_url(self) -> str:
        return self.path.resolve().as_uri()


def user_sheets(options: Options) -> list[UserSheet]:
    """Every ``--css`` file, in the order given."""
    sheets = []
    for sheet in options.stylesheets:
        path = Path(sheet)
        try:
            sheets.append(UserSheet(path, path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            raise UsageError(f"cannot read the stylesheet {sheet}: {reason}") from None
    return sheets


def allowed_folders(options: Options) -> tuple[Path, ...]:
    """Where a stylesheet may take local files from: the font folders and the allowed folders."""
    return tuple(Path(folder).resolve() for folder in (*options.font_dirs, *options.allowed_dirs))


def local_file(url: str, folders: Sequence[Path]) -> Path | None:
    """The file a ``file:`` URL names, when it is inside one of ``folders``; else None."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(unquote(parts.path)).resolve()
    if not path.is_file():
        return None
    return path if any(path.is_relative_to(folder) for folder in folders) else None


def urls(sheet: UserSheet) -> Iterator[tuple[str, str]]:
    """Every ``url()`` of the sheet, absolute, with the at-rule it is in (``font-face``, ``page``, or '')."""
    import tinycss2

    for rule in tinycss2.parse_stylesheet(sheet.text, skip_comments=True, skip_whitespace=True):
        at = rule.lower_at_keyword if rule.type == "at-rule" else ""
        for holder in _url_holders([rule]):
            yield _absolute(_url_of(holder), sheet), at


def font_files(sheets: Sequence[UserSheet], folders: Sequence[Path]) -> tuple[Path, ...]:
    """The local font files the sheets' ``@font-face`` rules load: the font check counts them."""
    found = []
    for sheet in sheets:
        for url, at in urls(sheet):
            path = local_file(url, folders)
            if at == "font-face" and path is not None and path.suffix.lower() in FONT_TYPES:
                found.append(path)
    return tuple(dict.fromkeys(found))


def rewrite_urls(sheet: UserSheet, replace: Callable[[str], str | None]) -> str:
    """The sheet's text with every ``url()`` replaced by ``replace(absolute url)`` (None: ``about:invalid``)."""
    import tinycss2
    from tinycss2.ast import URLToken

    rules = tinycss2.parse_stylesheet(sheet.text, skip_comments=False, skip_whitespace=False)
    for holder in _url_holders(rules):
        new = replace(_absolute(_url_of(holder), sheet)) or "about:invalid"
        quoted = '"' + new.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if isinstance(holder, URLToken):
            holder.value, holder.representation = new, f"url({quoted})"
        else:  # url("…"): a function whose argument is a string
            string = next(a for a in holder.arguments if a.type == "string")
            string.value, string.representation = new, quoted
    return str(tinycss2.serialize(rules))


def _absolute(value: str, sheet: UserSheet) -> str:
    from urllib.parse import urljoin

    return urljoin(sheet.base_url, value.strip())


def _url_of(holder: Any) -> str:
    if holder.type == "url":
        return str(holder.value)
    return next(str(a.value) for a in holder.arguments if a.type == "string")


def _url_holders(nodes: Sequence[Any]) -> Iterator[Any]:
    """``url(x)`` tokens and ``url("x")`` functions, at any depth of the parsed rules."""
    for node in nodes:
        if node.type == "url":
            yield node
        elif node.type == "function" and node.lower_name == "url":
            if any(a.type == "string" for a in node.arguments):
                yield node
            continue
        for attribute in ("prelude", "content", "arguments"):
            inner = getattr(node, attribute, None)
            if isinstance(inner, list):
                yield from _url_holders(inner)
