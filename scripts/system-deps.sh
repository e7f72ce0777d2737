#!/usr/bin/env bash
# Installs the Debian packages BackCoach uses beside its Python packages, when they are missing:
# ffmpeg (browser-playable H.264 video), chromium (browser tests), espeak-ng (spoken cues),
# node/npm (axe-core for the accessibility checks).
# As root with apt-get it installs them; otherwise it says what is missing and carries on.
set -euo pipefail
need=()
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "Missing system packages (install them with your package manager): ${need[*]}" >&2
fi
