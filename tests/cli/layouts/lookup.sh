# Reference lists (layout lookup), one definition of each kind, in
# inputs/reference/ which jsna-ingest now reads: ONS's LTLA-UTLA lookup
# (kind parent, a BOM; a district at level LAD under its county at level
# LA, a unitary its own upper tier, a Welsh one 'LA (Wales)'); DfE's LA
# numbers (kind la_number, a quoted name with a comma, Region and Type as
# the label's pairs); DfE's statistical neighbours (kind neighbour, CRLF,
# three SN/SNP pairs; '-' for none; an 'Old SNs:' heading row that gives
# nothing; a short list); LAIT's data dictionary (kind lait_measure, a
# quoted field over two lines).
. "$TOP/tests/cli/lib.sh"
mkdir -p inputs/sources inputs/reference
cp "$TOP"/inputs/sources/*.ini inputs/sources/
cp "$TOP"/tests/data/layouts/lookup/*.csv inputs/reference/
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest -v
echo "exit $?"
echo "-- files"
sql "SELECT path, dataset, rows FROM source_file ORDER BY path"
echo "-- lookup"
sql "SELECT dataset, kind, code, other, coalesce(rank, '-'), replace(coalesce(label, '-'), char(31), '|') FROM lookup ORDER BY dataset, code, rank"
echo "-- areas"
sql "SELECT code, name, level, coalesce(parent, '-'), coalesce(la_number, '-') FROM area ORDER BY code"
