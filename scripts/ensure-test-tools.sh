#!/usr/bin/env bash
# What the tests need beyond npm: Debian's Chromium (browser tests, axe, the report PDF), poppler-utils (pdftoppm,
# to check the PDF's pages) and SciPy (the independent
# cross-check of the sampling statistics). Install them when missing and we may (root with apt-get);
# otherwise say what to do. Nothing is downloaded but Debian's own packages.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$browser" ] || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
python3 -c 'import scipy' >/dev/null 2>&1 || missing+=(python3-scipy)
# Debian's own Python with statsmodels: the agreement statistics' cross-check runs /usr/bin/python3.
/usr/bin/python3 -c 'import scipy, statsmodels' >/dev/null 2>&1 || missing+=(python3-scipy python3-statsmodels)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's ${missing[*]} for the tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The tests need ${missing[*]}: install with sudo apt-get install ${missing[*]} (or set CHROMIUM_PATH for another Chromium)." >&2
exit 1
