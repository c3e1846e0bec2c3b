#!/usr/bin/env bash
# Sets MedClair up on a Debian machine (system packages where missing, a venv with pinned packages), then
# starts it (`run`) or runs the whole test suite (`test`). Safe to run again: it only adds what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-run}"
case "$mode" in run|test) ;; *) echo "usage: scripts/setup.sh run|test" >&2; exit 2 ;; esac

system_packages=(
  python3 python3-venv binutils strace xvfb xauth
  tesseract-ocr tesseract-ocr-fra
  libgl1 libegl1 libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0
  libxcb-shape0 libxcb-xkb1 libxcb-xinerama0 libxcb-xfixes0 libxcb-shm0 libxcb-sync1 libxrender1
)
missing=()
for package in "${system_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "Installation des paquets système manquants : ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
python=.venv/bin/python
$python -m pip install -q --upgrade "pip>=24"
if [ "$mode" = test ]; then
  # The export path is tested on a tiny model, so the tests need the training stack; torch first (CPU build).
  $python -m pip install -q "torch==2.13.0"
  $python -m pip install -q -e ".[dev,train]"
else
  $python -m pip install -q -e .
fi
# An editable install leaves MedClair's own modules uncompiled: compile them once, as a regular install would
# (Python otherwise compiles them at every start where it may not write its cache).
$python -m compileall -q inference desktop main.py >/dev/null

tessdata=$(dirname "$(dpkg -L tesseract-ocr-fra | grep '/fra.traineddata$' | head -n 1)")
export TESSDATA_PREFIX="${TESSDATA_PREFIX:-$tessdata}"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1

if [ "$mode" = test ]; then
  export QT_QPA_PLATFORM=offscreen
  exec $python -m pytest "${@:2}"
fi
exec .venv/bin/medclair "${@:2}"
