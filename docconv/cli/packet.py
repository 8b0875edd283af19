"""``docconv packet``: several articles bound into one PDF, EPUB or Markdown briefing."""

from __future__ import annotations

import click

from docconv.cli.common import CONTEXT_SETTINGS


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("articles", nargs=-1, required=True)
def packet(articles: tuple[str, ...]) -> None:
    """Bind ARTICLES (or a YAML manifest) into one briefing packet."""
    raise click.UsageError("packets are not implemented yet")
