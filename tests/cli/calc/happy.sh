# The indicator's values for every area and period, with the comparisons.
. "$TOP/tests/cli/lib.sh"
setup_small
jsna-ingest && jsna-calc -v || exit 1
sql "SELECT area, year, round(value, 6), round(lower95, 6), round(upper95, 6), count, denominator, note, cmp_england, cmp_parent, round(neighbour_avg, 6) FROM indicator_value ORDER BY area, year"
