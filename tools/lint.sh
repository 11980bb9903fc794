#!/bin/sh
# lint.sh - the project's own rules, checked by `make lint` and `make check`:
#  1. each outside library is included by one file only, so its use stays in
#     one reviewable place (csv.h, sqlite3.h, gsl, cairo and pango, ini.h);
#  2. no program or library file calls exit() but main's helpers in util.c;
#  3. every public header compiles on its own;
#  4. clang-format, when installed and asked for (LINT_FORMAT=1).
set -u
cd "$(dirname "$0")/.."
CC=${CC:-cc}
bad=0

only() {	# only PATTERN FILE...: PATTERN is included by these files only
	pat=$1; shift
	found=$(grep -l -E "^#include <$pat" pipeline/lib/*.c pipeline/*/*.c pipeline/*.c include/jsna/*.h 2>/dev/null | sort -u)
	want=$(printf '%s\n' "$@" | sort)
	if [ "$found" != "$want" ]; then
		echo "lint: <$pat...> must be included by $* only; found in:" $found >&2
		bad=1
	fi
}
only 'csv\.h' pipeline/lib/csvin.c
only 'sqlite3\.h' pipeline/lib/store.c
only 'gsl/' pipeline/lib/stats.c
only '(cairo|pango)' pipeline/lib/render.c
only 'ini\.h' pipeline/lib/inifile.c
only 'xlsxwriter' pipeline/lib/xlsx.c
only 'openssl/' pipeline/lib/sha256.c

if grep -n -E '(^|[^_a-z])exit\(' pipeline/lib/*.c | grep -v '^pipeline/lib/util.c:' >&2; then
	echo "lint: the library must not call exit(); return an error" >&2
	bad=1
fi

flags=$(pkg-config --cflags gsl cairo pangocairo sqlite3 inih xlsxwriter libcrypto 2>/dev/null)
for h in include/jsna/*.h; do
	# shellcheck disable=SC2086
	if ! printf '#include "%s"\n' "${h#include/}" |
	    $CC -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L \
		-D_DEFAULT_SOURCE -Iinclude $flags -fsyntax-only -x c - ; then
		echo "lint: $h does not compile on its own" >&2
		bad=1
	fi
done

if [ "${LINT_FORMAT:-0}" = 1 ] && command -v clang-format >/dev/null; then
	clang-format --dry-run -Werror pipeline/*.c pipeline/*/*.c include/jsna/*.h || bad=1
fi
exit $bad
