# DfE's LAIT long table (layout lait, definition dfe_lait): LAIT's float
# noise ('317.10000000000002') read back as the published figure; '-' kept
# as a symbol; authorities by LA Number through the numbers the warehouse
# knows (here from an la_number list with GSS codes, loaded first), and
# numbers no file gives (943, 302) kept as 'LA943', 'LA302' with LAIT's
# name and region (Outer London: E13000002); England and the regions by
# name, whatever the case ('Yorkshire and the Humber') or form ('London
# (Inner)'); every year a calendar year (kind 0).
. "$TOP/tests/cli/lib.sh"
mkdir -p inputs/sources inputs/codes inputs/lait
cp "$TOP"/inputs/sources/*.ini "$TOP"/tests/data/layouts/lait/sources/*.ini inputs/sources/
cp "$TOP"/tests/data/layouts/lait/la_numbers.csv inputs/codes/
cp "$TOP"/tests/data/layouts/lait/bds_long_small.csv inputs/lait/
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest -v
echo "exit $?"
echo "-- files"
sql "SELECT path, dataset, rows FROM source_file ORDER BY path"
jsna-check --datasets
echo "-- areas"
sql "SELECT code, name, level, coalesce(parent, '-'), coalesce(la_number, '-') FROM area ORDER BY code"
echo "-- observations"
sql "SELECT area, measure, kind, year, month, quote(value), quote(symbol), quote(filters) FROM observation WHERE dataset = 'dfe_lait' ORDER BY measure, area, year"
