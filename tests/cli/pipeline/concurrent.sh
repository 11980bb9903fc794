# Two refreshes started at the same moment: one takes the warehouse lock,
# runs and publishes; the other exits 4 at once (before the winner ends),
# naming the winner's PID, and does nothing: no run recorded, no output set
# started. The outputs afterwards are one complete set. A lock file left by
# a dead process (its PID inside, no lock held) is taken over.
. "$TOP/tests/cli/lib.sh"
setup_small

# Every published file but changes.md (which names the refreshes and their
# times), through the links, in one sum.
data_sum() {
	(cd outputs && find -L indicators.csv index.html charts tables \
		report -type f 2>/dev/null | sort | xargs sha256sum) | sha256sum | cut -c1-64
}
# Cheshire West and Chester's 2025 count of children in care.
set_count() {
	sed "s/^\(2025,.*,E06000050,Children looked after on 31 March each year,[0-9]*\),[0-9]*,/\1,$1,/" \
		inputs/dfe/cla.csv > cla.tmp && mv cla.tmp inputs/dfe/cla.csv
}

set_count 500
jsna refresh -q || fail "first refresh"
mkfifo go
ROUNDS=3
round=0
while [ $round -lt $ROUNDS ]; do
	round=$((round + 1))
	set_count $((500 + round))
	runs=$(sql 'SELECT count(*) FROM run')
	rm -f a.pid b.pid a.err b.err ended
	# Both wait on the fifo and start when its writer closes it; each
	# writes its PID and becomes jsna.
	for n in a b; do
		(
			read -r x < go
			sh -c "echo \$\$ > $n.pid; exec jsna refresh -q" 2> $n.err
			echo "$n $?" >> ended
		) &
	done
	sleep 0.3
	{ sleep 0.2; } > go
	wait
	# The first to end lost.
	loser=$(sed -n '1s/ .*//p' ended)
	winner=$(sed -n '2s/ .*//p' ended)
	echo "round $round: exits $(sed -n '1s/.* //p' ended) then $(sed -n '2s/.* //p' ended)"
	wpid=$(cat $winner.pid)
	lpid=$(cat $loser.pid)
	sed "s/(PID $wpid)/(PID of the winner)/" $loser.err
	[ -s $winner.err ] && fail "the winner said: $(cat $winner.err)"
	[ "$(sql "SELECT count(*) FROM run WHERE pid = $lpid")" = 0 ] ||
		fail "the loser recorded a run"
	[ "$(sql "SELECT count(*) FROM run WHERE pid = $wpid AND command = 'refresh' AND status = 0")" = 1 ] ||
		fail "the winner's refresh is not recorded"
	[ "$(sql 'SELECT count(*) FROM run')" = $((runs + 6)) ] ||
		fail "not one refresh of five stages recorded"
	ls outputs/.runs | grep -q "\-$lpid" && fail "the loser started an output set"
done
# One complete set: what refreshes one after the other publish from the
# same inputs.
[ -s outputs/changes.md ] || fail "no changes.md"
sum=$(data_sum)
set_count $((500 + ROUNDS - 1))
jsna refresh -q || fail "refresh alone"
set_count $((500 + ROUNDS))
jsna refresh -q || fail "refresh alone"
[ "$(data_sum)" = "$sum" ] || fail "the outputs were not one complete set"
echo "outputs: one complete set"
echo "stale sets: $(find outputs/.runs -maxdepth 1 -name '*.tmp' | wc -l)"

# Quicker races, many of them: two ingests at once (nothing to load). When
# one lost, it named the other, never a PID from before or none.
i=0 raced=0 named=0
while [ $i -lt 20 ]; do
	i=$((i + 1))
	rm -f a.pid b.pid a.err b.err ended
	for n in a b; do
		(
			read -r x < go
			sh -c "echo \$\$ > $n.pid; exec jsna-ingest -q" 2> $n.err
			echo "$n $?" >> ended
		) &
	done
	sleep 0.05
	{ sleep 0.02; } > go
	wait
	loser=$(sed -n '/ 4$/s/ .*//p' ended)
	[ -n "$loser" ] || continue
	raced=$((raced + 1))
	other=b
	[ "$loser" = b ] && other=a
	grep -q "(PID $(cat $other.pid))" $loser.err && named=$((named + 1))
done
echo "$raced of 20 ingest pairs raced, $named losers named the winner" > ingest-races.log
[ $raced -gt 0 ] || fail "no two ingests ever ran at once"
[ $named = $raced ] && echo "ingest races: every loser named the winner"

# A lock file naming a dead process, no lock held: taken over.
sh -c 'echo $$' > var/jsna.db.lock
dead=$(cat var/jsna.db.lock)
kill -0 "$dead" 2>/dev/null && fail "process $dead is alive"
jsna refresh -q
echo "stale lock: exit $?"
