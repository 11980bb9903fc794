# A refresh stopped with a plain kill (SIGTERM to the driver alone, as an
# operator or a watchdog might) takes its running stage with it: the stage
# stops there, unfinished, rather than carry on alone holding the
# warehouse lock; the outputs stay as they were, and the next refresh
# runs (exit 0, not 4) and publishes.
. "$TOP/tests/cli/lib.sh"
setup_small
jsna refresh -q || fail "first refresh exited $?"
cur=$(readlink outputs/.current)
sed -i '5s/,496,74$/,497,74/' inputs/dfe/cla.csv
jsna refresh -q &
driver=$!
# A stage running, held still so that it cannot finish on its own while
# the driver goes (let go, it has a SIGTERM waiting).
i=0
while :; do
	i=$((i + 1))
	[ $i -lt 1000 ] || fail "no stage could be caught running"
	stage=$(sql "SELECT pid FROM run WHERE parent IS NOT NULL AND status IS NULL" 2>/dev/null)
	if [ -n "$stage" ] && kill -STOP "$stage" 2>/dev/null; then
		[ "$(sql "SELECT count(*) FROM run WHERE pid = $stage AND status IS NULL")" = 1 ] && break
		kill -CONT "$stage"
	fi
	sleep 0.01
done
kill "$driver"
exec 3>&2 2>/dev/null	# the shell's own "Terminated"
wait "$driver"
rc=$?
exec 2>&3
echo "driver: exit $rc"
kill -CONT "$stage"
i=0
while kill -0 "$stage" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 200 ] || fail "the stage outlived its driver"
	sleep 0.01
done
echo "the stage stopped, its run unfinished: $(sql "SELECT count(*) FROM run WHERE pid = $stage AND status IS NULL")"
[ "$(readlink outputs/.current)" = "$cur" ] || fail "a stopped refresh switched the outputs"
jsna refresh -q
echo "next refresh: exit $?"
grep '^cla_rate,.*,E06000050,.*,2025,' outputs/indicators.csv | cut -d, -f19
