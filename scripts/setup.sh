#!/usr/bin/env bash
# Install what the build needs and nothing that is already there; say what is being done.
#   scripts/setup.sh build   Debian packages for manim, LaTeX and KaTeX; .venv; node_modules
#   scripts/setup.sh test    the same, plus Chromium for the browser tests and Java for the HTML checker
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

build_packages=(pkg-config libcairo2-dev libpango1.0-dev texlive-latex-base texlive-latex-extra
                texlive-fonts-recommended texlive-science dvisvgm fonts-dejavu-core)
test_packages=(chromium fonts-noto-color-emoji default-jre-headless)
command -v node >/dev/null && command -v npm >/dev/null || build_packages+=(nodejs npm)
command -v cc >/dev/null || build_packages+=(gcc)
"$PYTHON" -c 'import venv, ensurepip' 2>/dev/null || build_packages+=(python3-venv python3-dev)

wanted=("${build_packages[@]}")
[ "${1:-build}" = test ] && wanted+=("${test_packages[@]}")

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "setup: missing system packages: ${missing[*]}" >&2
    echo "setup: this is not a Debian/Ubuntu machine: install their equivalents, then run make again." >&2
    exit 1
  fi
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null || [ -t 0 ]; then sudo=(sudo); else
      echo "setup: missing system packages: ${missing[*]}" >&2
      echo "setup: install them with: sudo apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
  echo "setup: installing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

stamp() { sha256sum "$@" | sha256sum | cut -c1-32; }

want=$(stamp requirements.txt)
if [ "$(cat .venv/.requirements-stamp 2>/dev/null)" != "$want" ]; then
  if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv with $("$PYTHON" --version)"
    "$PYTHON" -m venv .venv
  fi
  echo "setup: installing the pinned Python packages into .venv (requirements.txt)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r requirements.txt
  echo "$want" > .venv/.requirements-stamp
fi

want=$(stamp package.json package-lock.json)
if [ "$(cat node_modules/.setup-stamp 2>/dev/null)" != "$want" ]; then
  echo "setup: installing KaTeX for build-time math and the HTML checker for the tests (npm ci)"
  # --ignore-scripts: vnu-jar's install script would download a Java of its own; Debian's serves.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  echo "$want" > node_modules/.setup-stamp
fi
