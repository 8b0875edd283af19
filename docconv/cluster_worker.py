"""Imported once by a local cluster's fork server, before it forks the workers, so each starts warm.

``--cluster local:N`` starts its workers from a fork server (on POSIX) that preloads this module:
the readers, transforms and the Markdown and EPUB renderers are imported and a tiny input of each
kind is read once (``batch.warm_reading``), instead of once per worker on its first articles.
Whole web pages are left out: their extractor (trafilatura, about 0.2 s to import and warm) would
delay every batch's workers, and a batch of pages has each worker warm it on its first page, both
at once, in no more time than the fork server would take before either could start.
The heap is then frozen, as in a local batch, so the workers' garbage collector does not touch
(and so copy) the pages they inherit. Ctrl-C is the client's to handle (it stops the cluster):
the workers ignore SIGINT, which a terminal sends to the whole process group.
"""

from __future__ import annotations

import gc
import signal

import docconv.renderers.epub.renderer
import docconv.renderers.markdown.renderer
from docconv.batch_jobs import warm_reading
from docconv.options import Options

del docconv  # imported for its side effect: the renderers' modules loaded

warm_reading(Options(offline=True), ("html", "markdown", "post"))
gc.freeze()
signal.signal(signal.SIGINT, signal.SIG_IGN)
