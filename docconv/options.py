"""Options: every knob of a conversion in one frozen value, shared by the API and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on the cost of one conversion; each can be raised by the caller."""

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
    # reading
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
    user_agent: str = "docconv (+https://pypi.org/project/docconv/)"
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
    check_fonts: bool = True
    # behaviour
    strict: bool = False
    keep_going: bool = False
    limits: Limits = field(default_factory=Limits)
