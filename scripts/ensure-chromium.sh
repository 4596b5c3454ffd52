#!/usr/bin/env bash
# The browser tests drive Debian's Chromium. Install it when missing and we may (root with apt-get);
# otherwise say what to do. Nothing is downloaded but Debian's own package.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$browser" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need Chromium at $browser: install it (sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
exit 1
