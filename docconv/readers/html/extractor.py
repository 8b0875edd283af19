"""The one call into trafilatura, the extractor whose verdict decides which text is the article.

Region choice (``extract.py``) asks it for XML text to weigh regions by; the safety net
(``rescue.py``) asks it for its own HTML reading of the page. Both give it the page's URL only when
it is a web address (a saved file's path means nothing to it) and never ask for comments.
"""

from __future__ import annotations


def trafilatura_output(
    html: str, base_url: str | None, output_format: str, *, tables: bool, images: bool, formatting: bool = False
) -> str | None:
    """trafilatura's reading of ``html`` in ``output_format`` (links always included); it may raise."""
    import trafilatura

    result: str | None = trafilatura.extract(
        html,
        url=base_url if base_url and base_url.startswith("http") else None,
        output_format=output_format,
        include_comments=False,
        include_tables=tables,
        include_images=images,
        include_links=True,  # in a verdict link text weighs against it (menus are links); in a reading links are kept
        include_formatting=formatting,
        with_metadata=False,
    )
    return result
