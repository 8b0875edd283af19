"""The ``docconv`` command: a thin Click group whose commands parse options and call the library.

Exit codes: 0 success · 1 an input could not be converted (or an internal error) · 2 usage
error · 3 fonts missing · 4 a limit was exceeded · 5 rendering failed · 6 packet written without
some articles (``--keep-going``) · 7 warnings under ``--strict``.
Nothing here imports a rendering engine: ``docconv --help`` stays fast.
"""

from __future__ import annotations

import sys

import click

from docconv.cli.common import CONTEXT_SETTINGS, State, run_guarded, unraisable_in_one_line


def _list_output_formats(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from docconv.registry import RENDERERS

    for entry, renderer in RENDERERS.items():
        click.echo(f"{entry.name:<10} {' '.join((*renderer.aliases, *renderer.extensions))}")
    ctx.exit()


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="docconv", prog_name="docconv")
@click.option(
    "--list-output-formats",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_list_output_formats,
    help="List the output formats (built-in and plugins), their aliases and extensions, and exit.",
)
@click.option("-q", "--quiet", is_flag=True, help="Show errors only: no warnings, no progress.")
@click.option("-v", "--verbose", is_flag=True, help="Also show what each stage did (info diagnostics).")
@click.option("--debug", is_flag=True, help="Show tracebacks for failures (for bug reports).")
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: bool, debug: bool) -> None:
    """Convert web articles into print-ready PDF, EPUB 3 and clean Markdown.

    \b
    docconv convert article.html -o article.pdf
    docconv packet a.md b.html c.txt -o briefing.pdf --title "今日简报"
    docconv fonts
    """
    ctx.obj = State(quiet=quiet, debug=debug, verbose=verbose)


def _register() -> None:
    from docconv.cli import convert, fonts, packet, plugins, theme

    main.add_command(convert.convert)
    main.add_command(packet.packet)
    main.add_command(fonts.fonts)
    main.add_command(plugins.plugins)
    main.add_command(theme.theme)


_register()


def entry() -> None:
    """Console-script entry point."""
    from docconv.cli.deferred import defer_unused_imports

    defer_unused_imports()
    if "--debug" not in sys.argv[1:]:
        sys.unraisablehook = unraisable_in_one_line
    code = run_guarded(main)
    if "distributed" in sys.modules:
        _exit_without_teardown(code)
    sys.exit(code)


def _exit_without_teardown(code: int) -> None:
    """Leave a process that loaded Dask (``--cluster``) without freeing its heap object by object.

    Python's teardown of Dask's modules and objects takes 0.15–0.2 s, as long as the rest of
    stopping a local cluster. Everything a normal exit does for others still happens: threads
    that are not daemons are joined, exit handlers run and the output streams are flushed.
    """
    import atexit
    import os
    import threading

    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
