"""``docconv packet``: several articles bound into one PDF, EPUB or Markdown briefing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from docconv.cli.common import CONTEXT_SETTINGS, State, common_options, echo_diagnostics, options_from, passes_state
from docconv.cli.progress import progress_bar
from docconv.cli.targets import formats_from, output_targets, write_stdout


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE... | MANIFEST.yaml")
@click.option(
    "-o",
    "--output",
    "outputs",
    required=True,
    multiple=True,
    help="Output file: .pdf, .epub or .md, '-' for stdout; repeat for several formats (articles are read once).",
)
@click.option("-t", "--to", "fmt", help="Output format if the extension does not say it.")
@click.option("--title", help="Packet title (required without a manifest).")
@click.option("--subtitle", help="Subtitle on the cover.")
@click.option("--date", "date", help="Packet date (default: SOURCE_DATE_EPOCH, else today).")
@click.option("--organisation", "--organization", "organisation", help="Organisation / prepared-by line.")
@click.option("--notice", help="Notice line, e.g. 内部资料 or 'For internal use'.")
@click.option("--lang", "language", help="Packet language (default: the articles' most common language).")
@click.option("--order", type=click.Choice(["as-given", "date"]), help="Article order (default: as given).")
@click.option("--keep-going", is_flag=True, help="Leave out articles that fail, list them, exit 6.")
@click.option(
    "--split",
    "split_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Markdown: one file per article plus index.md in DIR.",
)
@common_options
@passes_state
def packet(
    state: State,
    articles: tuple[str, ...],
    outputs: tuple[str, ...],
    fmt: str | None,
    keep_going: bool,
    split_dir: Path | None,
    **kwargs: Any,
) -> None:
    """Bind ARTICLES (files or URLs), or the articles a YAML manifest names, into one packet.

    \b
    docconv packet a.md b.html c.txt -o briefing.pdf --title "今日简报" --notice 内部资料
    docconv packet fixtures/packet.yaml -o briefing.epub
    """
    from docconv import pipeline
    from docconv.context import Context
    from docconv.diagnostics import Reporter
    from docconv.errors import PartialPacketError, UsageError
    from docconv.packets import PacketRequest, is_manifest, load_manifest, packet_metadata, with_manifest_options

    meta_flags = {k: kwargs.pop(k) for k in ("title", "subtitle", "date", "organisation", "notice", "language")}
    order = kwargs.pop("order")
    options = options_from(kwargs)
    wanted = formats_from(fmt)
    if len(wanted) > 1:
        raise UsageError("-t names one format for a packet; give one -o FILE per format for several")
    targets = output_targets(outputs, wanted[0] if wanted else None)  # every output checked before any input is read
    if split_dir is not None and [t.format for t in targets] != ["markdown"]:
        raise UsageError("--split writes Markdown files; use it with one -o NAME.md")
    if len(articles) == 1 and is_manifest(articles[0]):
        request = load_manifest(Path(articles[0]), options.limits)
        options = with_manifest_options(options, request.options)
    else:
        request = PacketRequest(list(articles))
    request.meta.update(packet_metadata(options.metadata))
    options = replace(options, metadata=())  # the packet's, not each article's
    request.meta.update({k: v for k, v in meta_flags.items() if v is not None})
    request.order = order or request.order
    if keep_going:
        options = replace(options, keep_going=True)
    context = Context(options, Reporter())  # one media store: images are fetched once for all formats
    with progress_bar(len(request.sources) + len(targets), not state.quiet, "reading") as advance:
        made = pipeline.make_packet(request, targets, context, split_dir=split_dir, progress=advance)
    echo_diagnostics(made.diagnostics, state)
    for result in made.results:
        if result.path is None:
            write_stdout(result.data)
    if made.omitted:
        names = ", ".join(o.origin for o in made.omitted)
        raise PartialPacketError(f"packet written without {len(made.omitted)} article(s): {names}", where=", ".join(outputs))
