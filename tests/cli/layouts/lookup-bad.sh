# Bad rows of reference lists, each reported as FILE:LINE:COLUMN: a
# neighbour 'eight' where an LA number belongs, an authority with
# neighbours but no number, a district without its upper tier, a row
# without its code; both files are rejected whole, the stage exits 1 and
# nothing is kept.
. "$TOP/tests/cli/lib.sh"
mkdir -p inputs/sources inputs/reference
cp "$TOP"/inputs/sources/*.ini inputs/sources/
cp "$TOP"/tests/data/layouts/lookup/bad/*.csv inputs/reference/
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest
rc=$?
echo "lookup rows: $(sql 'SELECT count(*) FROM lookup')"
echo "areas: $(sql 'SELECT count(*) FROM area')"
exit $rc
