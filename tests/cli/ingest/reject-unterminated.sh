# A malformed file is rejected whole, reported as FILE:LINE:COLUMN, the
# stage exits 1, and the warehouse keeps the last good load of the source.
. "$TOP/tests/cli/lib.sh"
setup_small
jsna-ingest || exit 1
before=$(sql "SELECT count(*), sum(value) FROM observation WHERE dataset = 'dfe_cla_number_and_rate'")
cp "$TOP/tests/data/small/bad/cla_unterminated.csv" inputs/dfe/cla.csv
jsna-ingest
echo "exit $?"
after=$(sql "SELECT count(*), sum(value) FROM observation WHERE dataset = 'dfe_cla_number_and_rate'")
[ "$before" = "$after" ] || fail "last good load changed: '$before' became '$after'"
echo "kept $after"
