# Without a neighbour list the neighbour average is left out, with a
# warning, not an error.
. "$TOP/tests/cli/lib.sh"
setup_small
grep -v '^neighbours' jsna.ini > j.ini && mv j.ini jsna.ini
jsna-ingest && jsna-calc || exit 1
sql "SELECT count(*) FROM indicator_value WHERE neighbour_avg IS NOT NULL"
