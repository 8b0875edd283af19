#!/usr/bin/env bash
# Set up everything docconv and its tests need on a fresh Debian machine (run as root or with sudo).
# Creates ./.venv with docconv installed (editable) and its test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
need_apt=()
fc-list 2>/dev/null | grep -q "Noto Serif CJK" || need_apt+=(fonts-noto-cjk)
# Latin text in a face designed with Noto CJK (with real italics); DejaVu is only the fallback.
fc-list 2>/dev/null | grep -q "NotoSerif-Regular" || need_apt+=(fonts-noto-core)
command -v pdftotext >/dev/null || need_apt+=(poppler-utils)
command -v java >/dev/null || need_apt+=(default-jre-headless)
python3 -c "import venv, ensurepip" 2>/dev/null || need_apt+=(python3-venv)
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || need_apt+=(libpango-1.0-0 libpangoft2-1.0-0)
# WeasyPrint subsets fonts with HarfBuzz when it can; the fontTools fallback is ~40x slower on CJK.
dpkg -s libharfbuzz-subset0 >/dev/null 2>&1 || need_apt+=(libharfbuzz-subset0)
fc-list 2>/dev/null | grep -qi "DejaVu\|Liberation\|Noto Sans" || need_apt+=(fonts-dejavu-core)
if [ ${#need_apt[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test,dask]'
