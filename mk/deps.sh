#!/bin/sh
# Installs the Debian packages clerk needs to build, test and render.
# As root it runs apt-get; otherwise it prints the command to run. The
# browser tests also need Node.js and npm, which they look for themselves.
# --quiet: say nothing when everything is already installed.
set -eu
PACKAGES="gcc make pkg-config libyaml-dev libmd4c-dev liblua5.4-dev libcmocka-dev
libxml2-dev libxml2-utils libhpdf-dev libpng-dev zlib1g-dev fonts-liberation2
libturbojpeg0-dev libharfbuzz-dev icc-profiles-free libqpdf-dev libfontconfig-dev
fonts-dejavu-core qpdf poppler-utils python3 python3-pikepdf chromium
libunibreak-dev libhyphen-dev hyphen-en-gb
libxlsxwriter-dev libzip-dev libcsv-dev python3-openpyxl libdeflate-dev"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done
if [ -z "$missing" ]; then
	[ "${1:-}" = "--quiet" ] || echo "deps: everything is installed"
	exit 0
fi
echo "deps: missing:$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: run as root: apt-get install -y --no-install-recommends$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends $missing >/dev/null
echo "deps: installed:$missing"
