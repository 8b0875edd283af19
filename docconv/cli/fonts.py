"""``docconv fonts``: which installed font docconv uses for each script and language."""

from __future__ import annotations

from pathlib import Path

import click

from docconv.cli.common import CONTEXT_SETTINGS


@click.command(context_settings=CONTEXT_SETTINGS)
@click.option(
    "--font-dir",
    "font_dirs",
    multiple=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Also consider the fonts in this folder (repeatable), as conversions with --font-dir do.",
)
@click.option("--check", "check_text", metavar="TEXT", help="Also say which characters of TEXT no installed font covers.")
def fonts(font_dirs: tuple[Path, ...], check_text: str | None) -> None:
    """Show which font each script (Simplified/Traditional Chinese, Japanese, Latin) will use.

    Exits with status 3 when --check finds characters no font covers.
    """
    from docconv.fonts import FIX, font_report, missing_characters

    click.echo(font_report(font_dirs))
    if check_text is not None:
        missing = missing_characters(check_text, font_dirs)
        if missing:
            shown = " ".join(f"{c} (U+{ord(c):04X})" for c in missing)
            click.echo(f"not covered: {shown}; {FIX}")
            raise SystemExit(3)
        click.echo("every character is covered")
