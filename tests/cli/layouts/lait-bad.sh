# Bad rows of a LAIT table, each reported as FILE:LINE:COLUMN: a year
# '2024/25', a value '43.3.1', a row that is neither England, a region
# nor an authority with a number, a row without its measure, and a short
# row; the file is rejected whole and the stage exits 1.
. "$TOP/tests/cli/lib.sh"
mkdir -p inputs/sources inputs/lait
cp "$TOP"/inputs/sources/*.ini inputs/sources/
cp "$TOP"/tests/data/layouts/lait/bad/bds_long_bad.csv inputs/lait/
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest
rc=$?
echo "observations: $(sql 'SELECT count(*) FROM observation')"
echo "areas: $(sql 'SELECT count(*) FROM area')"
exit $rc
