"""docconv's benchmark: ``.venv/bin/python benchmarks/run.py`` times every format against its floor and its peers."""
