"""``python -m docconv``: the same as the ``docconv`` command."""

from docconv.cli import entry

entry()
