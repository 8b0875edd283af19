"""The catalogue of diagnostic codes: every code docconv reports, with its level and what it means.

``docs/diagnostics.md`` is generated from this table (``python -m docconv.codes``), and the tests
fail when docconv reports a code the table lacks or when the document is stale.
"""

from __future__ import annotations

from dataclasses import dataclass

from docconv.diagnostics import Level


@dataclass(frozen=True, slots=True)
class Code:
    level: Level
    stage: str
    meaning: str


CATALOGUE: dict[str, Code] = {
    # loading and decoding
    "charset-detected": Code("info", "load", "the input declared no encoding; the one named was detected from its bytes"),
    "charset-corrected": Code("warning", "load", "the declared encoding did not fit the bytes; another that does was used"),
    "mojibake-repaired": Code("info", "load", 'no-break spaces encoded to UTF-8 twice (shown as "Â ") were mended'),
    "charset-unknown": Code("warning", "load", "the declared encoding is not one Python knows; the bytes were detected instead"),
    "undecodable-bytes": Code("warning", "load", "some bytes fit no encoding tried and were replaced with U+FFFD"),
    "fetched": Code("info", "load", "a page or image was fetched from the network (or served from the cache)"),
    # reading
    "front-matter-recovered": Code("warning", "read", "the front matter was not valid YAML; it was read key by key"),
    "front-matter-too-large": Code(
        "warning", "read", "front-matter keys over max_yaml_depth or max_yaml_alias_nodes were left out"
    ),
    "date-unparsed": Code("warning", "read", "a date in the front matter or page could not be read; the article has none"),
    "date-from-archive": Code("info", "read", "an archived page states no date; its capture date (WARC-Date) was used"),
    "date-zone-assumed": Code("info", "read", "a date without a time zone was taken in the zone its language implies"),
    "language-corrected": Code("info", "read", "the page's declared language did not match its text; the text's was used"),
    "article-from-structured-data": Code("info", "read", "the page's body is filled by script; its JSON-LD articleBody was read"),
    "extracted": Code("info", "read", "boilerplate (navigation, comments, related links) was removed from a whole page"),
    "extraction-heuristic": Code("info", "read", "the extractor found no article; the page structure chose the region"),
    "extraction-partial": Code("warning", "read", "one element held only part of the article text found; some may be missing"),
    "extraction-fallback": Code(
        "warning", "read", "the article element held under half the text; the extractor's reading is used"
    ),
    "page-reparsed": Code("info", "read", "the fast HTML parser lost the page's body; it was read by the HTML5 parsing rules"),
    "extraction-failed": Code("warning", "read", "boilerplate removal failed; the whole page was read"),
    "nesting-flattened": Code("warning", "read", "elements nested deeper than max_depth were flattened to text"),
    "resource-refused": Code("warning", "read", "a local file reference points outside the allowed folders"),
    "unsafe-link-dropped": Code("warning", "read", "a link with a scheme other than http, https or mailto was dropped"),
    "site-tag-kept": Code("warning", "read", "a Hexo/Jekyll template tag docconv cannot fill in was kept as text"),
    "plugin-shadowed": Code("warning", "read", "an installed plugin uses a built-in's name and is ignored"),
    # transforms
    "title-heading-dropped": Code("info", "transform", "the first heading repeated the title and was dropped"),
    "headings-recovered": Code("info", "transform", "short paragraphs that introduce sections were read as headings"),
    "title-derived": Code("info", "transform", "the article had no title; one was made from its file name or first words"),
    "language-detected": Code("info", "transform", "the article declared no language; it was detected from the text"),
    # packets
    "duplicate-article": Code("warning", "bind", "the same article (source URL or text) was given twice; it is included once"),
    "article-omitted": Code("warning", "bind", "an article could not be read and was left out of the packet (--keep-going)"),
    # images and other resources
    "image-offline": Code("warning", "render", "an image was not included: offline and not in the cache"),
    "image-refused": Code("warning", "render", "an image was not included: the network policy or folder confinement refused it"),
    "image-fetch-failed": Code("warning", "render", "an image was not included: it could not be fetched"),
    "image-too-large": Code("warning", "render", "an image was not included: over max_response_bytes or max_image_pixels"),
    "image-invalid": Code("warning", "render", "an image was not included: its bytes are not a readable image"),
    "image-unsupported": Code("warning", "render", "an image was not included: SVG or another kind docconv does not embed"),
    # rendering
    "table-span-split": Code("warning", "render", "Markdown cannot merge table cells; a merged cell was split"),
    "table-too-wide": Code("warning", "render", "PDF: a table of more than 50 columns was set as a list of rows"),
    "paragraph-split": Code("warning", "render", "PDF: a paragraph over 4,000 characters was split at sentence ends"),
    "font-fallback": Code("warning", "render", "no preferred face for the language; glyphs may take another region's forms"),
    "font-embed-failed": Code("warning", "render", "an EPUB font could not be subset and embedded"),
    "font-embed-incomplete": Code("warning", "render", "an embedded EPUB font has no glyph for some characters"),
    "pdf-engine": Code("warning", "render", "WeasyPrint reported a problem while laying out the PDF"),
    "pdf-resource-refused": Code("warning", "render", "the PDF engine asked for a resource docconv does not serve it"),
    "css-resource-refused": Code(
        "warning", "render", "a --css stylesheet's url() names a file outside the --font-dir and --allow-dir folders"
    ),
    "epub-style-ignored": Code(
        "warning", "render", "EPUB cannot honour part of the styling: --template-dir's HTML templates, or @page rules"
    ),
}


def catalogue_markdown() -> str:
    """``docs/diagnostics.md``: every code, its level and meaning, grouped by stage."""
    lines = [
        "# Diagnostics",
        "",
        "Every diagnostic docconv reports has a stable code. Warnings are printed as",
        "`docconv: warning: [code] where: message`; info diagnostics only with `-v`. Under `--strict` any",
        "warning fails the conversion (exit 7). This page is generated from `docconv/codes.py`",
        "(`python -m docconv.codes > docs/diagnostics.md`); a test fails when it is stale.",
        "",
    ]
    stages = dict.fromkeys(code.stage for code in CATALOGUE.values())
    for stage in stages:
        lines += [f"## {stage}", "", "| code | level | meaning |", "|---|---|---|"]
        lines += [f"| `{name}` | {code.level} | {code.meaning} |" for name, code in CATALOGUE.items() if code.stage == stage]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    sys.stdout.write(catalogue_markdown())
