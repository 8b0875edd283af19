#!/usr/bin/env bash
# What a user gets from `pip install docconv`: build the wheel and the sdist, install the wheel into
# a fresh venv with that venv's own pip (never upgraded: the pip a stock `python3 -m venv` brings is
# what users have), convert a full web page, a post and a Markdown file with it offline, then run the
# sdist's own tests from the unpacked sdist.
#
#   bash scripts/check_dist.sh [SDIST_PYTEST_ARGS...]     (default: -m "not slow")
#
# The sdist's tests run without the slow PDF/EPUB renders by default: the full suite already runs on
# the work tree in the same CI run, so running it twice would double the test time and prove only
# that the sdist ships what the fast tests read (tests, conftest, helpers, fixtures, goldens, docs).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PYTHON=${PYTHON:-python3}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/docconv-dist.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
SDIST_ARGS=("$@")

pip_install() {  # the venv's own pip; its log is shown only when it fails
  "$WORK/venv/bin/python" -m pip install "$@" >"$WORK/pip.log" 2>&1 || { cat "$WORK/pip.log"; exit 1; }
}

[ ${#SDIST_ARGS[@]} -gt 0 ] || SDIST_ARGS=(-m "not slow")

.venv/bin/python -m build --outdir "$WORK/dist" . >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
wheel=$(ls "$WORK"/dist/docconv-*.whl)
sdist=$(ls "$WORK"/dist/docconv-*.tar.gz)

"$PYTHON" -m venv "$WORK/venv"
echo "dist: fresh venv with $("$WORK/venv/bin/python" -m pip --version | cut -d' ' -f1-2)"
pip_install "$wheel"

# From a folder with no docconv source in it, so the installed wheel is what runs.
mkdir "$WORK/use"
cd "$WORK/use"
docconv="$WORK/venv/bin/docconv"
"$docconv" -q convert "$ROOT/fixtures/page_full_news_with_boilerplate.html" -o page.pdf --offline
"$docconv" -q convert "$ROOT/fixtures/post_guancha_shanghai_soft_power.txt" -o post.epub --offline
"$docconv" -q convert "$ROOT/fixtures/post_hexo_markdown_body.md" -o post.md --offline
for output in page.pdf post.epub post.md; do
  [ -s "$output" ] || { echo "dist: $output was not written" >&2; exit 1; }
done
head -c 5 page.pdf | grep -q '%PDF-' && head -c 2 post.epub | grep -q 'PK' && head -n 1 post.md | grep -q '^---$'
echo "dist: the wheel converts a page, a post and a Markdown file"

# The sdist's tests, from the unpacked sdist, against the sdist's own code.
mkdir "$WORK/sdist"
tar -xzf "$sdist" -C "$WORK/sdist"
unpacked=$(ls -d "$WORK"/sdist/docconv-*)
pip_install -e "$unpacked[test]"
cd "$unpacked"
"$WORK/venv/bin/python" -m pytest -q -p no:cacheprovider "${SDIST_ARGS[@]}"
