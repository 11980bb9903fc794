#!/bin/sh
# run-tests.sh BUILD - runs every jsna test and ends with "N passed, N failed".
#
# 1. the cmocka unit tests, build/tests/test_* (one count per test case);
# 2. the command-line tests, tests/cli/STAGE/CASE.sh, each run in a fresh
#    scratch folder with the programs on PATH; beside each script:
#      CASE.exit           expected exit status (default 0)
#      CASE.stdout.exact   expected standard output (default: empty)
#      CASE.stderr.exact   expected standard error (default: empty)
#      CASE.stdout.glob / CASE.stderr.glob   the same, line by line, each
#                          line a shell pattern (* matches anything)
#      CASE.stdout.ignore / CASE.stderr.ignore   not compared
#    UPDATE=1 rewrites the .exact files from what the programs printed;
#    VALGRIND=1 runs the programs under valgrind (memory errors fail);
#    ONLY=PATTERN runs only the cases whose STAGE/CASE matches.
# 1b. every fuzz corpus (tests/fuzz/corpus/TARGET) replayed through its
#    target;
# 3. jsna-check over the shipped indicator definitions;
# 4. tools/lint.sh: each outside library used from one file, headers whole.
set -u

BUILD=${1:-build}
TOP=$(cd "$(dirname "$0")/.." && pwd)
case "$BUILD" in /*) ;; *) BUILD="$TOP/$BUILD" ;; esac
SHARED=${SHARED:-$(cd "$TOP/.." && pwd)/shared}
SCRATCH="$BUILD/scratch${VALGRIND:+-valgrind}"
passed=0
failed=0
failures=""

export TOP SHARED BUILD
export LC_ALL=C
# Leaks inside system libraries, not ours (see the files).
export LSAN_OPTIONS="suppressions=$TOP/tests/lsan.supp:print_suppressions=0"
VG_SUPP="--suppressions=$TOP/tests/valgrind.supp"

unset JSNA_CONFIG JSNA_OUTSET JSNA_RUN JSNA_LOCK_FD JSNA_FORCE

ok() { passed=$((passed + 1)); }
ko() {
	failed=$((failed + 1))
	failures="$failures
  $1"
	echo "FAIL: $1" >&2
}

# Programs on PATH: the build itself, or shims that run it under valgrind.
BIN="$BUILD/bin"
if [ "${VALGRIND:-0}" = 1 ]; then
	BIN="$BUILD/shims"
	rm -rf "$BIN"
	mkdir -p "$BIN"
	for p in "$BUILD"/bin/*; do
		n=$(basename "$p")
		cat > "$BIN/$n" <<SHIM
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full $VG_SUPP \
	--errors-for-leak-kinds=definite --show-leak-kinds=definite \
	--trace-children=yes --trace-children-skip='*/sh,*/bash,*/cat' \
	"$p" "\$@"
SHIM
		chmod +x "$BIN/$n"
	done
fi
export PATH="$BIN:$BUILD/tools:$PATH"

# --- 1. unit tests -------------------------------------------------------
for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	out=$(cd "$TOP" && if [ "${VALGRIND:-0}" = 1 ]; then
		valgrind -q --error-exitcode=99 --leak-check=full $VG_SUPP \
			--errors-for-leak-kinds=definite "$t"
	else
		"$t"
	fi 2>&1)
	rc=$?
	echo "$out" | grep -E '^\[  (FAILED|  SKIPPED) *\]' >&2
	p=$(echo "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	f=$(echo "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	passed=$((passed + ${p:-0}))
	if [ -n "$f" ] && [ "$f" -gt 0 ]; then
		failed=$((failed + f))
		failures="$failures
  unit $name ($f failed)"
	fi
	if [ $rc -ne 0 ] && [ -z "$f" ]; then
		ko "unit $name exited $rc"
		echo "$out" | tail -20 >&2
	fi
done

# --- 1b. fuzz corpora, replayed ----------------------------------------------
for r in "$BUILD"/fuzz/replay_*; do
	[ -x "$r" ] || continue
	t=${r##*/replay_}
	if (cd "$TOP" && if [ "${VALGRIND:-0}" = 1 ]; then
		valgrind -q --error-exitcode=99 --leak-check=full $VG_SUPP \
			--errors-for-leak-kinds=definite "$r" "tests/fuzz/corpus/$t"
	else
		"$r" "tests/fuzz/corpus/$t"
	fi) > /dev/null; then
		ok
	else
		ko "fuzz corpus $t"
	fi
done

# --- 2. command-line tests -----------------------------------------------
# Compares actual output with CASE.KIND.{exact,glob,ignore}.
compare() {
	base=$1 kind=$2 actual=$3
	if [ -f "$base.$kind.ignore" ]; then
		return 0
	fi
	if [ -f "$base.$kind.glob" ]; then
		n_exp=$(wc -l < "$base.$kind.glob")
		n_act=$(wc -l < "$actual")
		if [ "$n_exp" -ne "$n_act" ]; then
			echo "  $kind: expected $n_exp lines matching $base.$kind.glob, got $n_act:" >&2
			sed 's/^/    | /' "$actual" >&2
			return 1
		fi
		i=0
		while IFS= read -r pat; do
			i=$((i + 1))
			line=$(sed -n "${i}p" "$actual")
			# shellcheck disable=SC2254
			case "$line" in
			$pat) ;;
			*)
				echo "  $kind line $i: '$line' does not match '$pat'" >&2
				return 1 ;;
			esac
		done < "$base.$kind.glob"
		return 0
	fi
	if [ "${UPDATE:-0}" = 1 ]; then
		if [ -s "$actual" ] || [ -f "$base.$kind.exact" ]; then
			cp "$actual" "$base.$kind.exact"
		fi
		return 0
	fi
	expected=/dev/null
	[ -f "$base.$kind.exact" ] && expected="$base.$kind.exact"
	if ! cmp -s "$expected" "$actual"; then
		echo "  $kind differs from $expected:" >&2
		diff -u "$expected" "$actual" | sed 's/^/    /' | head -40 >&2
		return 1
	fi
	return 0
}

for script in "$TOP"/tests/cli/*/*.sh; do
	[ -f "$script" ] || continue
	stage=$(basename "$(dirname "$script")")
	case_name=$(basename "$script" .sh)
	id="$stage/$case_name"
	if [ -n "${ONLY:-}" ]; then
		case "$id" in $ONLY) ;; *) continue ;; esac
	fi
	base="${script%.sh}"
	dir="$SCRATCH/$stage/$case_name"
	rm -rf "$dir"
	mkdir -p "$dir"
	(cd "$dir" && sh "$script" > "$dir/.stdout" 2> "$dir/.stderr" < /dev/null)
	rc=$?
	want=0
	[ -f "$base.exit" ] && want=$(cat "$base.exit")
	bad=0
	if [ "$rc" -ne "$want" ]; then
		echo "  exit status $rc, expected $want" >&2
		bad=1
	fi
	compare "$base" stdout "$dir/.stdout" || bad=1
	compare "$base" stderr "$dir/.stderr" || bad=1
	if [ $bad -eq 0 ]; then
		ok
	else
		ko "cli $id"
		[ -s "$dir/.stderr" ] && sed 's/^/    stderr| /' "$dir/.stderr" | head -20 >&2
	fi
done

# --- 3. the shipped definitions ------------------------------------------
if (cd "$TOP" && jsna-check -c jsna.ini && jsna-check indicators/*.ini) >&2; then
	ok
else
	ko "jsna-check indicators/*.ini"
fi

# --- 4. the project's own rules (library boundaries, headers) -------------
if sh "$TOP/tools/lint.sh"; then
	ok
else
	ko "tools/lint.sh"
fi

if [ -n "$failures" ]; then
	echo "failed:$failures" >&2
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
