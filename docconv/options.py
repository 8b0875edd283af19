"""Options: every knob of a conversion in one frozen value, shared by the API and the CLI."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docconv.errors import UnknownOptionError
from docconv.version import USER_AGENT


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on the cost of one conversion; each can be raised by the caller.

    >>> Limits().max_depth
    256
    """

    max_input_bytes: int = 50 * 1024 * 1024
    max_depth: int = 256  # deeper element trees are flattened, never recursed into
    # Layout levels (quotations, lists, tables, inline markup) the model may nest: every stage
    # after reading, WeasyPrint's layout included, recurses at most this deep (nesting.py).
    max_nesting: int = 32
    max_blocks: int = 100_000
    max_image_pixels: int = 64_000_000
    max_response_bytes: int = 20 * 1024 * 1024
    max_total_fetch_bytes: int = 200 * 1024 * 1024
    render_timeout: float = 600.0  # seconds for one document's layout
    # YAML (front matter, packet manifests): bounded before anything is built (safe_yaml.py)
    max_yaml_bytes: int = 1024 * 1024
    max_yaml_depth: int = 50
    max_yaml_alias_nodes: int = 10_000  # nodes that aliases may add by repeating anchored ones


@dataclass(frozen=True, slots=True)
class Options:
    """Every setting of a conversion, frozen; ``docconv.make_options(**overrides)`` builds one with checks.

    >>> Options(page_size="A5", offline=True)
    Options(offline=True, page_size='A5')
    """

    # reading
    metadata: tuple[tuple[str, str], ...] = ()  # --metadata KEY=VALUE: overrides the article's metadata
    disabled_transforms: frozenset[str] = frozenset()
    extract: bool | None = None  # None: run boilerplate extraction on full web pages only
    # resources
    offline: bool = False
    allow_private_network: bool = False
    allowed_dirs: tuple[Path, ...] = ()
    cache_dir: Path | None = None
    use_cache: bool = True
    timeout: float = 10.0
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    send_referer: bool = True
    # rendering
    page_size: str = "A4"
    stylesheets: tuple[Path, ...] = ()
    template_dir: Path | None = None
    font_dirs: tuple[Path, ...] = ()
    embed_fonts: bool = False
    pdf_variant: str | None = None
    duplex: bool = False
    qr_codes: bool = True
    toc: bool | None = None  # a contents page; None: for packets, not for a single article
    cover: Path | None = None  # an image for the cover (EPUB, PDF, HTML)
    check_fonts: bool = True
    # behaviour
    strict: bool = False
    keep_going: bool = False
    limits: Limits = field(default_factory=Limits)

    def __repr__(self) -> str:
        """Only what differs from the defaults: a short line, not forty fields."""
        default = Options()
        changed = [
            f"{name}={getattr(self, name)!r}"
            for name in self.__dataclass_fields__
            if getattr(self, name) != getattr(default, name)
        ]
        return f"Options({', '.join(changed)})"


_PATH_OPTIONS = ("stylesheets", "font_dirs", "allowed_dirs")  # tuples of paths: one path or many


def make_options(options: Options | None = None, **overrides: Any) -> Options:
    """Options from keyword arguments, checked: a limit by its name, one path or many where paths go.

    >>> make_options(offline=True, max_depth=100, stylesheets="my.css").stylesheets
    (PosixPath('my.css'),)
    >>> make_options(ofline=True)
    Traceback (most recent call last):
    docconv.errors.UnknownOptionError: unknown docconv option 'ofline'; did you mean 'offline'?
    """
    base = options or Options()
    limit_fields = {f.name for f in dataclasses.fields(Limits)}
    option_fields = {f.name for f in dataclasses.fields(Options)}
    for key in overrides:
        if key not in option_fields and key not in limit_fields:
            raise UnknownOptionError.naming(key, sorted(option_fields | limit_fields), "docconv option")
    limits = {k: overrides.pop(k) for k in list(overrides) if k in limit_fields}
    if limits:
        overrides["limits"] = dataclasses.replace(base.limits, **limits)
    for key in _PATH_OPTIONS:
        value = overrides.get(key)
        if isinstance(value, (str, Path)):
            overrides[key] = (Path(value),)
        elif value is not None and not isinstance(value, tuple):
            overrides[key] = tuple(Path(p) for p in value)
    for key in ("template_dir", "cache_dir", "cover"):
        if isinstance(overrides.get(key), str):
            overrides[key] = Path(overrides[key])
    if isinstance(overrides.get("disabled_transforms"), (list, tuple, set, str)):
        value = overrides["disabled_transforms"]
        overrides["disabled_transforms"] = frozenset([value] if isinstance(value, str) else value)
    return dataclasses.replace(base, **overrides)
