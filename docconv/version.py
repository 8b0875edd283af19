"""docconv's version: the one place it is written (the package metadata reads it from here)."""

from __future__ import annotations

__version__ = "0.1.0"
USER_AGENT = f"docconv/{__version__}"  # no address: the project names no web page it could point to
