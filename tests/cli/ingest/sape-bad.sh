# A small-area estimates file with a cell that is not a population, and
# one whose name holds no mid-year: each rejected whole, naming the file,
# line and column; the warehouse keeps the good load of the other file.
. "$TOP/tests/data/smallarea/lib.sh"
setup_smallarea
jsna-ingest -q || fail "the good files did not load"
sape_file inputs/ons/sapelsoasyoa_mid-2023.csv \
	"10 3 20 15 8 25" "12 4 18 15 9 20"
# LSOA E01000005's F2 (row 6, column 5 + 1 + 2 = 8) is text.
awk -F, -v OFS=, 'NR == 6 { $8 = "n/a" } { print }' \
	inputs/ons/sapelsoasyoa_mid-2023.csv > bad.csv
mv bad.csv inputs/ons/sapelsoasyoa_mid-2023.csv
sape_file inputs/ons/sapelsoasyoa_latest.csv "1 1 1 1 1 1" "1 1 1 1 1 1"
jsna-ingest -q
echo "exit $?"
sql "SELECT path, status, errors FROM file_status WHERE run = (SELECT max(run) FROM file_status) AND path LIKE 'ons/sape%' ORDER BY path"
sql "SELECT DISTINCT year FROM observation WHERE dataset = 'ons_sape'"
