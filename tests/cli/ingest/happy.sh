# Loads the small extracts: a BOM, a quoted LA name with a comma, CRLF in
# the neighbour list (loaded as reference rows, and read again by calc),
# two datasets.
. "$TOP/tests/cli/lib.sh"
setup_small
jsna-ingest -v
echo "exit $?"
jsna-check --datasets
sql "SELECT name FROM area WHERE code = 'E06000023'"
sql "SELECT value FROM observation WHERE area = 'E06000050' AND measure = 'children_count' AND year = 2025 AND filters LIKE '%31 March%'"
sql "SELECT symbol FROM observation WHERE area = 'E06000053' AND measure = 'children_count' AND year = 2024"
