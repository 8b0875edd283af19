"""Article-extraction evaluation: docconv's body text and trafilatura's, scored on the same pages.

Run ``.venv/bin/python -m benchmarks.extraction [--set en|zh|all] [--limit N] [--worst K]``;
see ``benchmarks/extraction/README.md`` for the sets, their provenance and the metrics.
"""
