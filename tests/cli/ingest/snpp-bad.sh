# A bad SNPP table rejects the file whole, each bad cell or row reported as
# FILE:LINE:COLUMN: a letter in a number, a thousands separator out of
# place, a negative projection, an age group of another table (0-4), a sex
# that is none of persons, males, females, an empty COMPONENT. The stage
# exits 1 and the file's last good load is kept.
. "$TOP/tests/cli/lib.sh"
mkdir -p inputs/sources inputs/ons
cp "$TOP"/inputs/sources/*.ini inputs/sources/
cp "$TOP/tests/data/layouts/snpp/2018 SNPP Population persons.csv" inputs/ons/
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest || fail "the good file did not load"
before=$(sql "SELECT count(*), sum(value) FROM observation")
cp "$TOP/tests/data/layouts/snpp/bad/2018 SNPP Population persons.csv" inputs/ons/
jsna-ingest
rc=$?
echo "integrity: $(sql 'PRAGMA integrity_check')"
echo "recorded: $(sql "SELECT status, errors FROM file_status WHERE path = 'ons/2018 SNPP Population persons.csv' ORDER BY run DESC LIMIT 1")"
[ "$(sql "SELECT count(*), sum(value) FROM observation")" = "$before" ] ||
	fail "the good load changed"
echo "good load kept: $before"
exit $rc
