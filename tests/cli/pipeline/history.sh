# [history] runs = 2 keeps the values, run records and logs of the last two
# refreshes and no more: five nights do not pile up five copies. An older
# refresh can still be named, and `jsna changes --since` says its values
# are gone; a refresh that nothing changed keeps the last values.
. "$TOP/tests/cli/lib.sh"
setup_small
printf '\n[history]\nruns = 2\n' >> jsna.ini
for night in 1 2 3 4 5; do
	jsna refresh -q --force || fail "night $night exited $?"
done
jsna refresh -q || fail "a night with nothing new exited $?"
echo "calculations run: $(sql "SELECT count(*) FROM run WHERE command = 'calc'")"
echo "calculations kept: $(sql "SELECT count(DISTINCT run) FROM indicator_value")"
echo "indicator records kept: $(sql "SELECT count(DISTINCT run) FROM indicator")"
echo "refresh records kept: $(sql "SELECT count(DISTINCT run) FROM run_file")"
echo "logs kept: $(ls outputs/logs | wc -l)"
jsna changes --since 1 | grep -c 'has no values kept'
sed 's/runs = 2/runs = 0/' jsna.ini > bad.ini
jsna refresh -q -c bad.ini
echo "exit $?"
