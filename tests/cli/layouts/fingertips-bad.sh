# Bad rows of a Fingertips export, each reported as FILE:LINE[:COLUMN]: a
# repeated England row with another count, a count '5o5', a time period
# '2023/25', a 3-year period said to be '1y', and an HTML cell whose text
# is not a number; the file is rejected whole and the stage exits 1.
. "$TOP/tests/cli/lib.sh"
mkdir -p inputs/sources inputs/ohid
cp "$TOP"/inputs/sources/*.ini inputs/sources/
cp "$TOP"/tests/data/layouts/fingertips/bad/injuries_bad.csv inputs/ohid/
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest
rc=$?
echo "integrity: $(sql 'PRAGMA integrity_check')"
echo "observations: $(sql 'SELECT count(*) FROM observation')"
exit $rc
