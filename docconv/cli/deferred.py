"""Modules the ``docconv`` command loads only when something uses them.

BeautifulSoup imports soupsieve (its CSS selector engine) and a character-set detector when it
is imported, whether or not they are used. docconv never runs a CSS selector and decodes its
inputs itself, so a conversion paid for both on every start: about 45 ms of a 250 ms process,
most of it soupsieve compiling its grammar's regular expressions. Every batch worker starts from
that parent, so the cost is serial time no second core can share.

The command defers them with the standard library's ``importlib.util.LazyLoader``: the module is
registered as usual and runs its body on first use, so anything that does use it (docconv's
decoder falls back to charset-normalizer for undeclared legacy encodings) gets the real module,
unchanged. Only the command does this: ``import docconv`` in someone else's program leaves their
import system as it is.
"""

from __future__ import annotations

import importlib.util
import sys
import types

DEFERRED = ("soupsieve", "charset_normalizer")

_LazyModule: type[types.ModuleType] | None = getattr(importlib.util, "_LazyModule", None)


if _LazyModule is not None:

    class _ImportableLazyModule(_LazyModule):  # type: ignore[misc,valid-type]
        """A lazy module that an ``import`` statement can bind without loading it.

        ``import soupsieve`` reads the module's ``__spec__`` (to tell whether another thread is
        still initialising it), and the standard lazy module loads itself on any attribute, so
        the import statement that was meant to be deferred would load it at once.
        """

        def __getattribute__(self, name: str) -> object:
            if name == "__spec__":
                return types.ModuleType.__getattribute__(self, name)
            # Anything else: become the standard lazy module again, which loads and answers.
            object.__setattr__(self, "__class__", _LazyModule)
            return getattr(self, name)


def defer_unused_imports(names: tuple[str, ...] = DEFERRED) -> None:
    """Register each module (installed, not yet imported) to load on its first use."""
    if _LazyModule is None:  # another Python: start as usual, only slower
        return
    for name in names:
        if name in sys.modules:
            continue
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        if spec is None or spec.loader is None:
            continue
        loader = importlib.util.LazyLoader(spec.loader)
        spec.loader = loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        loader.exec_module(module)
        module.__class__ = _ImportableLazyModule
