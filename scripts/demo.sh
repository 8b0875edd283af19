#!/usr/bin/env bash
# The main job on the bundled fixtures: one briefing packet as PDF, EPUB and Markdown in ./out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
mkdir -p out
.venv/bin/docconv packet fixtures/packet.yaml -o out/briefing.pdf -o out/briefing.epub -o out/briefing.md
ls -l out/
