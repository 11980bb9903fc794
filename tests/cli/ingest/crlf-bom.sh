# CRLF line endings with a byte-order mark load as LF without one.
. "$TOP/tests/cli/lib.sh"
setup_small
sed 's/$/\r/' inputs/ons/population.csv | { printf '\357\273\277'; cat; } > p.csv
mv p.csv inputs/ons/population.csv
jsna-ingest -v
sql "SELECT count(*), sum(value) FROM observation WHERE dataset = 'dfe_population_0_17'"
sql "SELECT name FROM area WHERE code = 'E06000023'"
