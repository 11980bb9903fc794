# A header and no rows would replace the source's data with nothing: it is
# rejected and the last good load kept.
. "$TOP/tests/cli/lib.sh"
setup_small
jsna-ingest || fail "first load"
head -1 inputs/dfe/cla.csv > h.csv
cp h.csv inputs/dfe/cla.csv
jsna-ingest
echo "exit $?"
echo "integrity: $(sql 'PRAGMA integrity_check')"
sql "SELECT count(*) FROM observation WHERE dataset = 'dfe_cla_number_and_rate'"
