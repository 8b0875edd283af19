"""``docconv theme --export DIR``: the built-in CSS and templates, written out to restyle from."""

from __future__ import annotations

from pathlib import Path

import click

from docconv.cli.common import CONTEXT_SETTINGS


@click.command(context_settings=CONTEXT_SETTINGS)
@click.option(
    "--export",
    "folder",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write print.css, epub.css and the templates into (created if missing).",
)
@click.option("--force", is_flag=True, help="Replace files of the same name already in the folder.")
def theme(folder: Path, force: bool) -> None:
    """Write the built-in theme to a folder, to change it and pass it back with --template-dir.

    print.css styles the PDF and HTML, epub.css the EPUB, and the *.html.j2 templates lay out the
    PDF and HTML pages; docs/customising.md lists every variable and class they use. For a few
    changes, a small --css file is simpler: it is applied after the theme and wins.

    \b
    docconv theme --export mytheme/
    docconv convert post.md -o post.pdf --template-dir mytheme/
    """
    from docconv.errors import UsageError
    from docconv.output import write_atomic
    from docconv.renderers.theme import theme_files

    files = theme_files()
    existing = [name for name in files if (folder / name).exists()]
    if existing and not force:
        raise UsageError(f"{folder} already has {', '.join(existing)}; use --force to replace them")
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        write_atomic(folder / name, data)
        click.echo(str(folder / name))
