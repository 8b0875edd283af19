#!/usr/bin/env bash
# The main job on the bundled fixtures: one briefing packet as PDF, EPUB and Markdown in ./out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
mkdir -p out
for format in pdf epub md; do
  .venv/bin/docconv packet fixtures/packet.yaml -o "out/briefing.$format"
done
ls -l out/
