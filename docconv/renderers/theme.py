"""The theme: Jinja2 templates, the theme's CSS, and the CSS made for each page (size, footer, fonts).

Templates and stylesheets are looked up in ``options.template_dir`` first, then in the built-in
theme (the ``docconv.styles`` package, read with importlib.resources so it works from an
installed wheel); the per-page CSS comes after the theme, and the user's ``--css`` after both. Compiled templates and
theme CSS are cached per process. The page footer's words come from ``docconv.l10n``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jinja2

from docconv import l10n
from docconv.errors import RenderError
from docconv.fonts import family_stack
from docconv.language import rendering_tag
from docconv.options import Options

_PAGE_SIZE = re.compile(r"^[A-Za-z0-9.]+( +[A-Za-z0-9.]+){0,2}$")


def _theme_file(name: str) -> str:
    return (resources.files("docconv.styles") / name).read_text(encoding="utf-8")


def _load_builtin_template(name: str) -> str:
    try:
        return _theme_file(f"templates/{name}")
    except (FileNotFoundError, IsADirectoryError, OSError):
        raise jinja2.TemplateNotFound(name) from None


@lru_cache(maxsize=8)
def template_environment(template_dir: Path | None) -> jinja2.Environment:
    """Jinja2 environment: the user's folder first, then the built-in theme; compiled once per process."""
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders.append(jinja2.FunctionLoader(lambda name: (_load_builtin_template(name), None, lambda: True)))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        auto_reload=template_dir is not None,  # a user's template edited between two conversions is read again
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


@lru_cache(maxsize=16)
def _read_css(path: Path, mtime: float) -> str:
    return path.read_text(encoding="utf-8")


def theme_css(options: Options) -> list[str]:
    """The theme's print.css (from template_dir when it has one); the user's ``--css`` comes after
    the generated page CSS (``usercss.user_sheets``), so that it wins."""
    own = options.template_dir / "print.css" if options.template_dir else None
    if own is not None and own.is_file():
        return [_read_css(own, own.stat().st_mtime)]
    return [_builtin_css()]


def theme_files() -> dict[str, bytes]:
    """The built-in theme as a ``--template-dir`` folder holds it: print.css, epub.css and the templates."""
    root = resources.files("docconv.styles")
    found = {name: (root / name).read_bytes() for name in ("print.css", "epub.css")}
    templates = root / "templates"
    for entry in sorted(templates.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".j2"):
            found[entry.name] = entry.read_bytes()
    return found


@lru_cache(maxsize=1)
def _builtin_css() -> str:
    return _theme_file("print.css")


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ") + '"'


def _counter_content(template: str) -> str:
    """``第 {n} 页 / 共 {total} 页`` → ``"第 " counter(page) " 页 / 共 " counter(pages) " 页"``."""
    parts = []
    for piece in re.split(r"(\{n\}|\{total\})", template):
        if piece == "{n}":
            parts.append("counter(page)")
        elif piece == "{total}":
            parts.append("counter(pages)")
        elif piece:
            parts.append(_css_string(piece))
    return " ".join(parts)


def _families(stack: list[str]) -> str:
    return ", ".join(f for f in (_css_string(n) if n not in ("serif", "sans-serif", "monospace") else n for n in stack))


# Page widths and heights in mm for the CSS page-size names (CSS Paged Media §size).
_PAGE_SIZES_MM = {
    "a5": (148, 210), "a4": (210, 297), "a3": (297, 420), "b5": (176, 250), "b4": (250, 353),
    "jis-b5": (182, 257), "jis-b4": (257, 364), "letter": (215.9, 279.4), "legal": (215.9, 355.6),
    "ledger": (279.4, 431.8),
}  # fmt: skip
_MM_PER_UNIT = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72, "pc": 25.4 / 6, "px": 25.4 / 96}
_LENGTH = re.compile(r"^([0-9]*\.?[0-9]+)(mm|cm|in|pt|pc|px)$")
_BODY_PT = 10.5  # print.css: html { font-size: 10.5pt }
_MIN_SIDE_MM = 20.0


def _page_width_mm(size: str) -> float | None:
    words = size.lower().split()
    landscape = "landscape" in words
    words = [w for w in words if w not in ("landscape", "portrait")]
    if len(words) == 1 and words[0] in _PAGE_SIZES_MM:
        width, height = _PAGE_SIZES_MM[words[0]]
    elif words and all(_LENGTH.match(w) for w in words):
        lengths = [float(m.group(1)) * _MM_PER_UNIT[m.group(2)] for m in (_LENGTH.match(w) for w in words) if m]
        width, height = lengths[0], lengths[-1]
    elif not words:
        width, height = _PAGE_SIZES_MM["a4"]
    else:
        return None
    return max(width, height) if landscape else width


@lru_cache(maxsize=16)
def type_area_css(page_size: str) -> str:
    """Left and right page margins that make the line a whole number of body ems (clreq: 版心).

    At least 20 mm each side; an unknown size keeps 20 mm. Comes before the theme, so a theme
    or a user stylesheet that sets its own margins wins.
    """
    width = _page_width_mm(page_size.strip())
    side = _MIN_SIDE_MM
    if width is not None:
        em = _BODY_PT * 25.4 / 72
        ems = int((width - 2 * _MIN_SIDE_MM) / em)
        if ems > 0:
            side = (width - ems * em) / 2
    return f"@page {{ margin-left: {side:.3f}mm; margin-right: {side:.3f}mm; }}\n"


# Only in the html renderer's page (WeasyPrint does not know the property and would warn): a
# browser that trims adjacent punctuation itself (Chromium's text-spacing-trim: normal trims the
# opening mark of 。「 while docconv halves the 。) would set such a pair at one em. docconv's
# .pc spans already compress every pair, so the browser's own trimming is turned off.
BROWSER_CSS = "html { text-spacing-trim: space-all; }\n"

_HEADING_ELEMENTS = ("h1", "h2", "h3", "h4", "h5", "h6", ".contents-title", "caption", "th")


def _language_rules(tag: str, font_dirs: tuple[Path, ...]) -> list[str]:
    """Font rules for one rendering tag: body, headings, code, and a packet's running head."""
    selector = f":lang({tag})"
    body = _families(family_stack(tag, "body", font_dirs))
    heading = _families(family_stack(tag, "heading", font_dirs))
    mono = _families(family_stack(tag, "mono", font_dirs))
    page = f"article-{tag}"
    headings = ", ".join(f"{element}{selector}" for element in _HEADING_ELEMENTS)
    inside = f":is({', '.join(_HEADING_ELEMENTS)}) [lang]{selector}"
    return [
        # Only an element that sets its own language starts a family; the rest inherit, so a
        # <strong> or <span> inside a heading keeps the heading's face.
        f"[lang]{selector} {{ font-family: {body}; }}",
        f"{headings}, {inside} {{ font-family: {heading}; }}",
        f"pre{selector}, code{selector} {{ font-family: {mono}; }}",
        # A margin box takes the root's language: a packet's article pages are named per language
        # so that the running head (the article's title) is set in the article's own faces and glyphs.
        f".packet .article{selector} {{ page: {page}; }}",
        f"@page {page} {{ @top-center {{ font-family: {body}; font-language-override: {_css_string(tag)}; }} }}",
    ]


@lru_cache(maxsize=64)
def page_css(language: str, page_size: str, font_dirs: tuple[Path, ...] = (), yielding: bool = False) -> str:
    """Per-document CSS: page size, the localised page-number footer and explicit font families.

    ``yielding`` (when the user has stylesheets of their own): the same fonts, written so that a
    user's rule wins over them. The body families are set only where the language changes (the
    root, and an element whose parent is in another language), so a user's ``body { font-family }``
    is inherited by the text; the heading and code families are in ``:where()``, so any user
    selector for them is more specific.
    """
    size = page_size.strip()
    if not _PAGE_SIZE.match(size):
        raise RenderError(
            f"invalid page size {page_size!r}: use a name like A4, A5, Letter, Legal, B5 or two lengths like '148mm 210mm'"
        )
    lines = [
        f"@page {{ size: {size}; @bottom-center {{ content: {_counter_content(l10n.text('page_of', language))}; }} }}",
    ]
    # Every language the packet may mix gets its own explicit families; region tags select glyphs.
    # ``h1:lang(zh-TW)`` asks for the element's own language: ``:lang(zh-TW) h1`` would be a
    # descendant selector that the zh-CN rule also matches (through <html lang="zh-CN">) and overrides.
    for tag in ("en", "ja", "ko", "zh-TW", "zh-HK", "zh-CN"):
        if yielding:
            body = _families(family_stack(tag, "body", font_dirs))
            heading = _families(family_stack(tag, "heading", font_dirs))
            mono = _families(family_stack(tag, "mono", font_dirs))
            lines += _yielding_font_rules(f":lang({tag})", body, heading, mono)
        else:
            lines += _language_rules(tag, font_dirs)
    root = rendering_tag(language)
    lines.append(f"html {{ font-family: {_families(family_stack(root, 'body', font_dirs))}; }}")
    return "\n".join(lines) + "\n"


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6", ".contents-title", "caption", "th")


def _yielding_font_rules(selector: str, body: str, heading: str, mono: str) -> list[str]:
    return [
        f"html{selector}, :not({selector}) > {selector} {{ font-family: {body}; }}",
        f":where({selector}) :where({', '.join(_HEADINGS)}) {{ font-family: {heading}; }}",
        f":where({selector}) :where(pre, code) {{ font-family: {mono}; }}",
    ]
