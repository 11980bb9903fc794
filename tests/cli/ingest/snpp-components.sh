# A table of the same shape holding other components of the projection
# (births, deaths, migration) as well as Population: only the Population
# rows are loaded; the others are skipped, not counted as loaded rows and
# not bad.
. "$TOP/tests/cli/lib.sh"
mkdir -p inputs/sources inputs/ons
cp "$TOP"/inputs/sources/*.ini inputs/sources/
cp "$TOP/tests/data/layouts/snpp/2018 SNPP Components of change.csv" inputs/ons/
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest
echo "exit $?"
sql "SELECT path, dataset, rows FROM source_file"
sql "SELECT status, rows, errors FROM file_status"
sql "SELECT measure, replace(filters, char(31), ' | '), count(*), sum(value) FROM observation GROUP BY 1, 2 ORDER BY 2"
