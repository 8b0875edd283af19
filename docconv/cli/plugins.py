"""``docconv plugins``: the readers, transforms and output formats installed, and where each comes from."""

from __future__ import annotations

import click

from docconv.cli.common import CONTEXT_SETTINGS


@click.command(context_settings=CONTEXT_SETTINGS)
def plugins() -> None:
    """List every reader, transform and output format, built-in or from an installed plugin.

    A plugin that uses a built-in's name is listed as shadowed: the built-in is used.
    """
    from docconv.registry import READERS, RENDERERS, TRANSFORMS

    for registry in (READERS, TRANSFORMS, RENDERERS):
        click.echo(f"{registry.kind}s ({registry.group}):")
        for entry in registry.entries(include_shadowed=True):
            details = ""
            if registry is RENDERERS and not entry.shadowed:
                renderer = RENDERERS.get(entry.name)
                names = ", ".join((*renderer.aliases, *renderer.extensions))
                details = f"  [{names}]"
            state = "  shadowed by the built-in, not used" if entry.shadowed else ""
            click.echo(f"  {entry.name:<22} {entry.origin}{details}{state}")
