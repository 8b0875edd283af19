"""Shared pieces of the CLI: option groups, diagnostics printing, error → exit-code mapping."""

from __future__ import annotations

import functools
import sys
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from docconv.diagnostics import Diagnostic
from docconv.errors import DocconvError, LimitExceededError
from docconv.guard import as_limit
from docconv.options import Limits, Options

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class State:
    quiet: bool = False
    debug: bool = False
    verbose: bool = False  # show info diagnostics too: what the transforms and readers did


def echo_diagnostics(diagnostics: Iterable[Diagnostic], state: State) -> None:
    """Each diagnostic once, in the order reported (document order), then a count of the warnings by code."""
    if state.quiet:
        return
    from collections import Counter

    reported = list(diagnostics)
    times = Counter(reported)  # the same thing said twice (two formats, two identical links): one line
    for diagnostic in times:
        if diagnostic.level == "info" and not (state.verbose or state.debug):
            continue
        repeat = f" ({times[diagnostic]} times)" if times[diagnostic] > 1 else ""
        click.echo(f"docconv: {diagnostic}{repeat}", err=True)
    summary = warning_summary(reported)
    if summary:
        click.echo(f"docconv: {summary}", err=True)


def warning_summary(diagnostics: Iterable[Diagnostic]) -> str:
    """``3 warnings: 2 image-offline, 1 duplicate-article`` (most frequent first), or '' without warnings."""
    from collections import Counter

    counts = Counter(d.code for d in diagnostics if d.level != "info")
    if not counts:
        return ""
    total = sum(counts.values())
    by_code = ", ".join(f"{n} {code}" for code, n in counts.most_common())
    return f"{total} warning{'s' if total > 1 else ''}: {by_code}"


def fail(message: str, code: int) -> None:
    click.echo(f"docconv: error: {' '.join(str(message).split())}", err=True)
    raise SystemExit(code)


def unraisable_in_one_line(unraisable: Any) -> None:
    """An error Python can only report (a finalizer's, at exit): one line, not a traceback."""
    error = unraisable.exc_value
    click.echo(f"docconv: note: ignored an error while cleaning up: {type(error).__name__}: {error}", err=True)


def run_guarded(command: click.Group) -> int:
    """Run the Click group; DocconvErrors become one line and their exit code, never a traceback."""
    debug = "--debug" in sys.argv[1:]
    try:
        command.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("docconv: error: interrupted", err=True)
        return 130
    except click.ClickException as error:
        click.echo(f"docconv: error: {click_message(error)}", err=True)
        return 2 if isinstance(error, click.UsageError) else 1
    except DocconvError as error:
        if debug:
            traceback.print_exc()
        click.echo(f"docconv: error: {error}", err=True)
        return error.exit_code
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 1
    except KeyboardInterrupt:
        click.echo("docconv: error: interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 1
    except (RecursionError, MemoryError) as error:  # escaped every stage's guard: still a limit, not a bug
        if debug:
            traceback.print_exc()
        click.echo(f"docconv: error: {as_limit(error, 'this command')}", err=True)
        return LimitExceededError.exit_code
    except ImportError as error:  # an install that lacks a package (an old pip skipped an extra): say which
        if debug:
            traceback.print_exc()
        missing = f"the Python package {error.name!r}" if error.name else "a Python package docconv needs"
        click.echo(
            f"docconv: error: {missing} cannot be imported ({' '.join(str(error).split())}); "
            "reinstall docconv with its dependencies: pip install --force-reinstall docconv",
            err=True,
        )
        return 1
    except Exception as error:
        if debug:
            traceback.print_exc()
        click.echo(f"docconv: error: internal error: {type(error).__name__}: {error} (rerun with --debug)", err=True)
        return 1
    return 0


def click_message(error: click.ClickException) -> str:
    """Click's error in docconv's one-line form, pointing to the command's help for a usage error."""
    message = " ".join(error.format_message().split())
    context = getattr(error, "ctx", None)
    if isinstance(error, click.UsageError) and context is not None:
        message += f" (see '{context.command_path} --help')"
    return message


def _limits(values: tuple[str, ...]) -> Limits:
    fields = {name: getattr(Limits(), name) for name in Limits.__dataclass_fields__}
    updates: dict[str, Any] = {}
    for value in values:
        name, _, number = value.partition("=")
        name = name.strip().replace("-", "_")
        if name not in fields and f"max_{name}" in fields:
            name = f"max_{name}"
        if name not in fields:
            raise click.BadParameter(f"unknown limit {name!r}; known: {', '.join(fields)}", param_hint="--limit")
        try:
            updates[name] = type(fields[name])(float(number)) if isinstance(fields[name], float) else int(float(number))
        except ValueError:
            raise click.BadParameter(f"{value!r} is not NAME=NUMBER", param_hint="--limit") from None
    return Limits(**{**fields, **updates})


def common_options(function: F) -> F:
    """Options every converting command takes; they end up in one ``Options`` value."""
    decorators = [*_behaviour_options(), *_rendering_options()]
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


def _behaviour_options() -> list[Callable[[F], F]]:
    """What is reported, what may be fetched, which limits and transforms apply."""
    return [
        click.option("-q", "--quiet", "command_quiet", is_flag=True, help="Show errors only: no warnings, no progress."),
        click.option(
            "-v", "--verbose", "command_verbose", is_flag=True, help="Also show what each stage did (info diagnostics)."
        ),
        click.option("--strict", is_flag=True, help="Fail (exit 7) if any warning is reported."),
        click.option("--offline", is_flag=True, help="Fetch nothing from the network; lost images become descriptions."),
        click.option(
            "--allow-private-network",
            is_flag=True,
            help="Allow fetching from loopback, private and link-local addresses (intranets, local tests).",
        ),
        click.option(
            "--allow-dir",
            "allowed_dirs",
            multiple=True,
            type=click.Path(file_okay=False, path_type=Path),
            help="Also allow local resources from this folder (repeatable).",
        ),
        click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), help="Where fetched images are cached."),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the image cache."),
        click.option("--timeout", type=float, default=10.0, show_default=True, help="Network timeout in seconds."),
        click.option(
            "--extract/--no-extract",
            default=None,
            help="Force or forbid boilerplate extraction (default: full web pages only).",
        ),
        click.option(
            "--no-transform",
            "disabled_transforms",
            multiple=True,
            help="Switch off a transform by name (repeatable), e.g. recover-headings.",
        ),
        click.option("--limit", "limits", multiple=True, metavar="NAME=N", help="Raise or lower a limit, e.g. max_depth=1000."),
    ]


def _rendering_options() -> list[Callable[[F], F]]:
    """How outputs look: page, styles, templates, fonts, packets."""
    return [
        click.option("--page-size", default="A4", show_default=True, help="PDF page size: A4, A5, Letter, Legal, B5 …"),
        click.option(
            "--css",
            "--stylesheet",
            "stylesheets",
            multiple=True,
            type=click.Path(dir_okay=False, exists=True, path_type=Path),
            help="Your CSS, applied after every built-in and generated rule, so it wins (PDF, HTML, EPUB; repeatable).",
        ),
        click.option(
            "--template-dir",
            type=click.Path(file_okay=False, exists=True, path_type=Path),
            help="Folder of Jinja2 templates/CSS looked up before the built-in theme.",
        ),
        click.option(
            "--font-dir",
            "font_dirs",
            multiple=True,
            type=click.Path(file_okay=False, exists=True, path_type=Path),
            help="Extra folder of fonts to use (repeatable).",
        ),
        click.option("--embed-fonts", is_flag=True, help="EPUB: embed CJK fonts, subset to the characters used."),
        click.option("--pdf-variant", help="PDF variant passed to WeasyPrint, e.g. pdf/ua-1 or pdf/a-3b."),
        click.option(
            "-M",
            "--metadata",
            "metadata",
            multiple=True,
            metavar="KEY=VALUE",
            help="Set the title, author, date, language, source or any front-matter key (repeatable).",
        ),
        click.option(
            "--toc/--no-toc",
            default=None,
            help="A contents page (default: for packets, not for a single article).",
        ),
        click.option(
            "--cover",
            type=click.Path(dir_okay=False, exists=True, path_type=Path),
            help="An image for the cover (PDF, EPUB, HTML).",
        ),
        click.option("--no-qr", is_flag=True, help="Packets: no QR codes for source URLs."),
        click.option("--duplex", is_flag=True, help="Packets: start each article on a right-hand page."),
    ]


def options_from(kwargs: dict[str, Any]) -> Options:
    """Build Options from the parsed common options (removing them from ``kwargs``), every value checked."""
    from docconv.overrides import parse
    from docconv.validation import check_options

    options = Options(
        metadata=parse(kwargs.pop("metadata")),
        toc=kwargs.pop("toc"),
        cover=kwargs.pop("cover"),
        strict=kwargs.pop("strict"),
        offline=kwargs.pop("offline"),
        allow_private_network=kwargs.pop("allow_private_network"),
        allowed_dirs=tuple(kwargs.pop("allowed_dirs")),
        cache_dir=kwargs.pop("cache_dir"),
        use_cache=not kwargs.pop("no_cache"),
        timeout=kwargs.pop("timeout"),
        page_size=kwargs.pop("page_size"),
        stylesheets=tuple(kwargs.pop("stylesheets")),
        template_dir=kwargs.pop("template_dir"),
        font_dirs=tuple(kwargs.pop("font_dirs")),
        embed_fonts=kwargs.pop("embed_fonts"),
        pdf_variant=kwargs.pop("pdf_variant"),
        qr_codes=not kwargs.pop("no_qr"),
        duplex=kwargs.pop("duplex"),
        extract=kwargs.pop("extract"),
        disabled_transforms=frozenset(kwargs.pop("disabled_transforms")),
        limits=_limits(kwargs.pop("limits")),
    )
    check_options(options)
    return options


def passes_state(function: F) -> F:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        state = click.get_current_context().find_object(State) or State()
        if kwargs.pop("command_quiet", False):
            state.quiet = True
        if kwargs.pop("command_verbose", False):
            state.verbose = True
        return function(state, *args, **kwargs)

    return wrapper  # type: ignore[return-value]
