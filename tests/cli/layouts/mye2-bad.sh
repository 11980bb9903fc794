# A bad population cell (a thousands separator out of place, a letter in a
# number) rejects the file whole with FILE:LINE:COLUMN for each; the
# stage exits 1 and the file's last good load is kept.
. "$TOP/tests/cli/lib.sh"
mkdir -p inputs/sources inputs/ons
cp "$TOP"/inputs/sources/*.ini inputs/sources/
cp "$TOP"/tests/data/layouts/mye2/mye22final_MYE2_Males.csv inputs/ons/
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest || fail "the good file did not load"
before=$(sql "SELECT count(*), sum(value) FROM observation")
cp "$TOP"/tests/data/layouts/mye2/bad/mye22final_MYE2_Males.csv inputs/ons/
jsna-ingest
rc=$?
echo "integrity: $(sql 'PRAGMA integrity_check')"
[ "$(sql "SELECT count(*), sum(value) FROM observation")" = "$before" ] ||
	fail "the good load changed"
echo "good load kept: $before"
exit $rc
