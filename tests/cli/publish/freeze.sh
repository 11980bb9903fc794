# jsna publish --edition freezes the outputs readers are shown: real,
# read-only copies of every file, a manifest that sha256sum -c checks, and
# a record (EDITION.md) that names the refresh and the data vintage. A
# half-made edition left by a killed publish is cleared away.
. "$TOP/tests/cli/lib.sh"
setup_small
jsna refresh -q || fail "refresh exited $?"
mkdir -p outputs/editions/killed.tmp/report
echo half > outputs/editions/killed.tmp/report/x.html
chmod -R a-w outputs/editions/killed.tmp
SOURCE_DATE_EPOCH=1777777777 jsna publish --edition 2026-board || fail "publish exited $?"
E=outputs/editions/2026-board
[ -e outputs/editions/killed.tmp ] && fail "the killed publish's leftover stayed"
ls outputs/editions

# The manifest: sha256sum's own format, sorted, every file but itself.
(cd $E && sha256sum -c --quiet MANIFEST.sha256) || fail "sha256sum -c"
echo "sha256sum -c: ok"
(cd $E && find . -type f ! -name MANIFEST.sha256 | sed 's|^\./||' | LC_ALL=C sort) > want
sed 's/^[0-9a-f]\{64\}  //' $E/MANIFEST.sha256 > got
cmp -s want got || { diff want got >&2; fail "the manifest does not list every file, in order"; }
grep -q '  report/population-needs.pdf$' $E/MANIFEST.sha256 || fail "the report is not in the manifest"
echo "manifest: every file, sorted"

# Copies, not links into the live set; read-only files and folders.
[ "$(stat -c %h $E/indicators.csv)" = 1 ] || fail "indicators.csv is a link"
cmp -s $E/indicators.csv outputs/indicators.csv || fail "indicators.csv is not the published one"
[ -z "$(find $E -type f ! -perm 0444)" ] || fail "a file is not 0444"
[ -z "$(find $E -type d ! -perm 0555)" ] || fail "a folder is not 0555"
echo "files 0444, folders 0555, copies"

# The record: the refresh (run 1), when, the program, the vintage.
grep -E '^- (Edition|Frozen|Refresh run|Area):' $E/EDITION.md | sed 's/ (ended .*)$/ (ended ...)/'
grep -F '| Children in care per 10,000 children aged under 18 (`cla_rate`) | 2025 |' $E/EDITION.md |
	cut -d'|' -f3,5 | sed 's/^ *//'
grep -c '^| `.*` | .* | `[0-9a-f]\{64\}` |' $E/EDITION.md
grep -F "| \`dfe/cla.csv\` | dfe_cla_number_and_rate | \`$(sha256sum < inputs/dfe/cla.csv | cut -c1-64)\` |" $E/EDITION.md > /dev/null ||
	fail "the record does not give cla.csv's SHA-256"

jsna publish --list | awk -F '\t' -v n="$(wc -l < $E/MANIFEST.sha256)" \
	'{ print $1, $2, $3, ($4 == n ? "files as in the manifest" : "files: " $4) }'
chmod -R u+w outputs/editions
