# OHID Fingertips exports (layout fingertips, definition ohid_fingertips):
# both spellings of Area Name and three names of the parent comparison
# column; a BOM; counts written "74,588"; an HTML "no data" count and
# HTML value notes; England given twice (without and with itself as
# parent: loaded once); a deprivation-decile category row; 3-year
# calendar and financial ranges beside a 1-year value of the same first
# year; an ICB row skipped.
. "$TOP/tests/cli/lib.sh"
mkdir -p inputs/sources inputs/ohid
cp "$TOP"/inputs/sources/*.ini inputs/sources/
cp "$TOP"/tests/data/layouts/fingertips/*.csv inputs/ohid/
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest -v
echo "exit $?"
echo "-- files"
sql "SELECT path, dataset, rows FROM source_file ORDER BY path"
jsna-check --datasets
echo "-- areas"
sql "SELECT code, name, level, coalesce(parent, '-') FROM area ORDER BY code"
echo "-- every observation"
sql "SELECT f.path, o.area, o.year, o.kind, o.measure, replace(o.filters, char(31), '|'), coalesce(o.value, '-'), coalesce(o.symbol, '-'), coalesce(o.note, '-') FROM observation o JOIN source_file f ON f.id = o.file ORDER BY f.path, o.area, o.year, o.filters, o.measure" | grep -v -E ':(lower|upper)'
