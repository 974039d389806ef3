#!/usr/bin/env bash
# Install the project into .venv. `--dev` adds test tools, Chromium, a CJK font and
# LibreOffice (headless, for the Word briefing test).
#
# llama.cpp is compiled for AVX2, not -march=native: a native build on CPUs that report
# AMX crashes on the first multi-token prompt inside VMs. The first build takes about
# 13 minutes on 2 cores; pip caches the wheel, so later installs take seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
export CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"
if [ "${1:-}" = "--dev" ]; then
  .venv/bin/pip install -e '.[dev]'
  if ! command -v chromium >/dev/null || ! fc-list :lang=zh | grep -q .; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -q && $SUDO apt-get install -y -q chromium fonts-wqy-zenhei
  fi
  # LibreOffice (no GUI) opens the Word briefings in the tests.
  if ! command -v soffice >/dev/null; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -q && $SUDO apt-get install -y -q --no-install-recommends \
      libreoffice-writer-nogui
  fi
else
  .venv/bin/pip install -e .
fi
