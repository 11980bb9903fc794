# Crash safety: a refresh killed at any moment (kill -9 of the driver and of
# the stage it is running, as an OOM kill or a power cut would) leaves the
# published outputs exactly as they were (or, killed after the switch,
# exactly the new set: never a mix), the warehouse sound, and the next
# refresh publishes the changed data.
#
# The kills are spread over the five stages and the switch: each kill aims
# at one of them in turn, waits for that stage's program to start (read
# from /proc, without a fork, so the quick stages are not missed) and
# kills at a seeded random moment of the time the stage takes, measured
# here (so the test scales under the sanitizers and a loaded machine); an
# aim at the end kills within a few milliseconds of the report's end, one
# at the switch within a few milliseconds after .current changed.
# What happened at each kill is in kills.log in the scratch folder.
. "$TOP/tests/cli/lib.sh"
setup_small
# One indicator (cla_rate) and PNG charts only (the report's PDF is made
# from them): a quicker refresh, so more kills fit in the time.
sed 's/^formats .*/formats = png/' jsna.ini > jsna.tmp && mv jsna.tmp jsna.ini

KILLS=30
A=600	# Cheshire West and Chester's 2025 count of children in care,
B=650	# alternately one and the other

# The small extracts' layouts with 60 areas over 15 years, so that every
# stage has real work to do.
gen() {
	awk -v kind="$1" -v nla=60 -v y0=2011 -v y1=2025 '
	function row(y, lvl, reg, rn, old, name, code, pop, n) {
		if (kind == "cla")
			print y, "Reporting year", lvl, "E92000001", "England", reg, rn, old, name, code, "Children looked after on 31 March each year", pop, n, int(n * 10000 / pop)
		else
			print y - 1, "Reporting year", lvl, "E92000001", "England", reg, rn, old, code, name, "Children aged 0 to 17 years", pop
	}
	BEGIN {
		OFS = ","
		if (kind == "cla")
			print "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code,population_type,population_estimate,children_count,rate_per_10000"
		else
			print "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,age_group,population_estimate"
		for (y = y0; y <= y1; y++) {
			py = y - 1
			row(y, "National", "", "", "", "", "", 12000000 + (py - 2000) * 10000, 79000 + (y % 7) * 100)
			row(y, "Regional", "E12000002", "North West", "", "", "", 1600000 + (py - 2000) * 1000, 14000 + (y % 5) * 50)
			row(y, "Regional", "E12000009", "South West", "", "", "", 1100000 + (py - 2000) * 1000, 5500 + (y % 3) * 40)
			for (i = 0; i < nla; i++) {
				reg = i % 2 ? "E12000009" : "E12000002"
				rn = i % 2 ? "South West" : "North West"
				if (i == 0) { code = "E06000050"; name = "Cheshire West and Chester"; old = 896 }
				else if (i == 1) { code = "E06000023"; name = "\"Bristol, City of\""; old = 801 }
				else if (i == 2) { code = "E06000006"; name = "Halton"; old = 876 }
				else if (i == 4) { code = "E06000007"; name = "Warrington"; old = 877 }
				else { code = sprintf("E08%06d", i); name = "Area " i; old = 100 + i }
				pop = 20000 + i * 997 + (py - 2000) * 50
				row(y, "Local authority", reg, rn, old, name, code, pop, int(pop * (40 + (i * 13 + y * 7) % 60) / 10000))
			}
		}
	}'
}
gen cla > inputs/dfe/cla.csv
gen pop > inputs/ons/population.csv

set_count() {
	awk -F, -v OFS=, -v v="$1" '$1 == 2025 && $10 == "E06000050" { $13 = v } { print }' \
		inputs/dfe/cla.csv > cla.tmp && mv cla.tmp inputs/dfe/cla.csv
}
# The count the export shows for it.
published_count() {
	sqlite3 -batch -noheader :memory: '.import --csv outputs/indicators.csv x' \
		"SELECT Count FROM x WHERE \"Indicator ID\" = 'cla_rate' AND
		 \"Area Code\" = 'E06000050' AND \"Time period\" = '2025'" 2>/dev/null
}
# Every published file, through the links, in one sum; data_sum leaves
# out changes.md, which names the refreshes and their times.
fingerprint() {
	(cd outputs && find -L indicators.csv changes.md index.html charts tables \
		report -type f 2>/dev/null | sort | xargs sha256sum) | sha256sum | cut -c1-64
}
data_sum() {
	(cd outputs && find -L indicators.csv index.html charts tables \
		report -type f 2>/dev/null | sort | xargs sha256sum) | sha256sum | cut -c1-64
}
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# Sets $comm to the program the driver $pid is running, or empty.
running() {
	kids= comm=
	{ read -r kids < "/proc/$pid/task/$pid/children"; } 2>/dev/null
	[ -n "$kids" ] && { read -r comm < "/proc/${kids%% *}/comm"; } 2>/dev/null
}

set_count $A
jsna refresh -q || fail "first refresh"

# How long a refresh and each of its stages take (from the start of the
# program to its end), watched from here.
set_count $B
: > stages.ms
t0=$(now_ms)
jsna refresh -q &
pid=$!
was= since=$t0
# (Until it has ended: gone, or a zombie.)
# shellcheck disable=SC2086
while { read -r stat < "/proc/$pid/stat"; } 2>/dev/null && set -- $stat &&
	[ "$3" != Z ]; do
	running
	if [ "$comm" != "$was" ]; then
		now=$(now_ms)
		[ -n "$was" ] && echo "${was#jsna-} $((now - since))" >> stages.ms
		was=$comm since=$now
	fi
	sleep 0.005
done
wait $pid || fail "timed refresh"
T=$(($(now_ms) - t0))
for s in ingest calc chart table report; do
	grep -q "^$s " stages.ms || echo "$s 5" >> stages.ms	# too quick to see
done
# The two complete sets (but for changes.md), each built after the other,
# as in the loop below.
set_count $A
jsna refresh -q || fail "refresh with $A"
fp_a=$(data_sum)
set_count $B
jsna refresh -q || fail "refresh with $B"
fp_b=$(data_sum)
set_count $A
jsna refresh -q || fail "refresh with $A"
[ "$(data_sum)" = "$fp_a" ] || fail "the same inputs give other outputs"
[ "$fp_a" != "$fp_b" ] || fail "the two inputs give the same outputs"
[ "$(published_count)" = $A ] || fail "the export does not show $A"
{
	echo "refresh $T ms; its stages (ms):"
	cat stages.ms
} > kills.log

# KILLS aims, cycling through the stages and the switch, each with a delay
# in seconds: a seeded random moment of the stage's measured time.
awk -v n=$KILLS '
	$1 ~ /^(ingest|calc|chart|table|report)$/ { name[++k] = $1; d[k] = $2 }
	END {
		srand(42)
		name[k + 1] = "end"
		name[k + 2] = "switch"
		d[k + 1] = d[k + 2] = 5
		for (i = 0; i < n; i++) {
			j = i % (k + 2) + 1
			u = j > k ? rand() : 0.1 + 0.8 * rand()
			printf "%s %.3f\n", name[j], u * d[j] / 1000
		}
	}' stages.ms > moments

# Waits until the stage $1 runs (or one after it: it was missed); with
# $1 = end, until the report has ended; with $1 = switch, until the outputs
# have been switched to the new set. Gives up after about 2 T.
wait_for() {
	order=" jsna-ingest jsna-calc jsna-chart jsna-table jsna-report "
	want="jsna-$1" seen= polls=0
	while [ $polls -lt $((T / 3)) ]; do
		case "$1" in
		switch)
			[ outputs/.current -ef "outputs/$cur" ] || return
			;;
		end)
			running
			[ "$comm" = jsna-report ] && seen=1
			[ -n "$seen" ] && [ "$comm" != jsna-report ] && return
			;;
		*)
			running
			[ "$comm" = "$want" ] && return
			case "$order" in *" $want "*" $comm "*) return ;; esac
			;;
		esac
		sleep 0.005
		polls=$((polls + 1))
	done
}

prev=$(fingerprint)
val=$A
intact=0 sound=0 next=0 i=0
: > hit
while read -r aim secs; do
	i=$((i + 1))
	if [ $val = $A ]; then new=$B fp_new=$fp_b; else new=$A fp_new=$fp_a; fi
	set_count $new
	cur=$(readlink outputs/.current)
	last=$(sql 'SELECT max(id) FROM run')
	setsid jsna refresh -q 2>> killed.err < /dev/null &
	pid=$!
	wait_for "$aim"
	sleep "$secs"
	# The whole group: the driver and its stage.
	running
	kill -9 -"$pid" 2>/dev/null || kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rc=$?
	# The stage, killed with the driver, is gone once the lock is free.
	n=0
	while ! flock -n var/jsna.db.lock true && [ $n -lt 500 ]; do
		sleep 0.01
		n=$((n + 1))
	done
	# Where the kill landed: the stage program running, else this
	# refresh's newest run ("+" when it had ended: the next stage was
	# starting; a finished report: the driver was publishing).
	at=$(sql "SELECT command || CASE WHEN status IS NULL THEN '' ELSE '+' END
		  FROM run WHERE id > $last ORDER BY id DESC LIMIT 1")
	case "$at" in
	'') at=start ;;
	report+) at=publish ;;
	esac
	case "$comm" in
	jsna-*) at="${comm#jsna-} (run: $at)" ;;
	esac
	echo "${at%% *}" >> hit
	# (a) The previous set as it was, or the whole new one with the
	# killed refresh's changes.md.
	good=
	if [ "$(readlink outputs/.current)" = "$cur" ]; then
		set=previous
		[ "$(fingerprint)" = "$prev" ] && good=1
	else
		set=new
		rid=$(sql "SELECT min(id) FROM run WHERE id > $last")
		[ "$(data_sum)" = "$fp_new" ] &&
			grep -qiw "refresh $rid" outputs/changes.md && good=1
	fi
	if [ -n "$good" ]; then
		intact=$((intact + 1))
	else
		echo "kill $i: the outputs are not the $set complete set" >&2
	fi
	# (b)
	ok=$(sql 'PRAGMA integrity_check')
	if [ "$ok" = ok ]; then
		sound=$((sound + 1))
	else
		echo "kill $i: integrity_check says: $ok" >&2
	fi
	# (c)
	jsna refresh -q
	rc2=$?
	if [ $rc2 -eq 0 ] && [ "$(published_count)" = $new ] &&
		[ "$(data_sum)" = "$fp_new" ]; then
		next=$((next + 1))
	else
		echo "kill $i: the next refresh exited $rc2 and published count '$(published_count)', not $new" >&2
	fi
	echo "kill $i aimed at $aim +${secs}s: exit $rc, in $at, outputs: $set set" >> kills.log
	prev=$(fingerprint)
	val=$new
done < moments

stages=$(grep -xE 'ingest|calc|chart|table|report' hit | sort -u | wc -l)
echo "stages hit: $(sort -u hit | tr '\n' ' ')" >> kills.log
echo "$i kills: outputs intact $intact, integrity ok $sound, next refresh ok $next"
echo "stages hit >= 4: $([ "$stages" -ge 4 ] && echo yes || echo "no ($(sort -u hit | tr '\n' ' '))")"
# The sets left by the killed refreshes were cleared by the next ones.
echo "stale sets left: $(find outputs/.runs -maxdepth 1 -name '*.tmp' | wc -l)"
echo "sets kept: $(ls outputs/.runs | wc -l)"
