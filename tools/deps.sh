#!/bin/sh
# deps.sh - installs the Debian packages that jsna's build and tests need.
#
# usage: sh tools/deps.sh [--check]
# With --check it only says what is missing (exit 1 if anything is).
# Run as root it installs what is missing with apt-get; otherwise it prints
# the exact command to run and exits 1. `make run` and `make check` call it.

set -u

PACKAGES="gcc make pkg-config libcsv-dev libgsl-dev libcairo2-dev \
libpango1.0-dev zlib1g-dev libsqlite3-dev libinih-dev libxlsxwriter-dev \
libcmocka-dev libssl-dev fonts-dejavu-core sqlite3 poppler-utils valgrind time bc unzip \
chromium"

missing=""
for p in $PACKAGES; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case "$status" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done

if [ -z "$missing" ]; then
	exit 0
fi
if [ "${1:-}" = "--check" ]; then
	echo "missing Debian packages:$missing" >&2
	exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "jsna needs these Debian packages:$missing" >&2
	echo "install them with:" >&2
	echo "  sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "installing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 || exit 1
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >&2 || exit 1
