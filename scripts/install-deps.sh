#!/bin/sh
# Install the Debian packages the build and the tests need, only those missing
# (clang and its libFuzzer runtime for the fuzz harnesses, fuzz/README.md;
# xapian-tools for xapian-tcpsrv, which serves shards remotely: README,
# Serving shards),
# then the browser tests' npm package (tests/browser, from its lock file).
# Runs as root (CI and the development machines) or through sudo.
set -eu

PKGS="build-essential pkg-config libxapian-dev libutf8proc-dev zlib1g-dev
libjansson-dev check libmupdf-dev libharfbuzz-dev libfreetype-dev
libjbig2dec0-dev libjpeg-dev libopenjp2-7-dev libgumbo-dev libmujs-dev
wordnet-base groff-base clang libclang-rt-14-dev mupdf-tools libmicrohttpd-dev chromium
xapian-tools"
# node and npm from Debian unless some node is installed already.
command -v npm >/dev/null 2>&1 || PKGS="$PKGS nodejs npm"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	echo "installing:$missing" >&2
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# playwright-core drives the system's Chromium: it downloads no browser.
cd "$(dirname "$0")/../tests/browser"
[ -f node_modules/playwright-core/package.json ] ||
	npm ci --no-audit --no-fund --loglevel=error >/dev/null
