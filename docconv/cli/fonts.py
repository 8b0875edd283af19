"""``docconv fonts``: which installed font docconv uses for each script and language."""

from __future__ import annotations

import click

from docconv.cli.common import CONTEXT_SETTINGS


@click.command(context_settings=CONTEXT_SETTINGS)
def fonts() -> None:
    """Show which font each script (Simplified/Traditional Chinese, Japanese, Latin) will use."""
    from docconv.fonts import font_report

    click.echo(font_report())
