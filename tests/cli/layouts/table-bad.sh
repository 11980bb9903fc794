# Bad rows of a local extract, each reported as FILE:LINE:COLUMN: a date
# '31/02/2024' that does not exist, '1,23' where thousands are grouped in
# threes, a row without its area code, a date written '2024-06-30' where
# the definition says DD/MM/YYYY, a count '4O'; the file is rejected
# whole, the stage exits 1 and nothing of it is kept.
. "$TOP/tests/cli/lib.sh"
mkdir -p inputs/sources inputs/local
cp "$TOP"/inputs/sources/*.ini "$TOP"/tests/data/layouts/table/sources/*.ini inputs/sources/
cp "$TOP"/tests/data/layouts/table/bad/ehcp_monthly_bad.csv inputs/local/
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest
rc=$?
echo "observations: $(sql 'SELECT count(*) FROM observation')"
echo "areas: $(sql 'SELECT count(*) FROM area')"
exit $rc
