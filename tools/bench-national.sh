#!/bin/sh
# bench-national.sh - what a national refresh costs, and how close ingest
# comes to its limits. Prints figures; never fails on a time.
#
# The national data set (gen-sample --national: every upper-tier authority,
# its region and England, 15 years of every publication, and every LSOA's
# population by single year of age and sex for 14 mid-years with its IMD
# decile) is in $NATIONAL (make bench writes it once, to build/national).
# The project's source definitions, indicators and configuration read it
# from $WORK (build/bench), which holds the warehouse and outputs. Then,
# RUNS times (default 3), side by side in each run:
#   - cat of the input files to /dev/null (the I/O limit) and a bare libcsv
#     pass over them (csvpass: the parsing limit);
#   - each stage alone on a fresh warehouse: ingest, calc (every indicator,
#     every authority, every year), chart, table and report (one
#     authority), with its wall time and peak memory (max RSS);
#   - jsna refresh on a fresh warehouse and outputs (the whole nightly
#     run), then again with nothing new.
# The medians are printed, and the ratios measured in the same runs.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN:-$top/build/bin}
tools=${TOOLS:-$top/build/tools}
runs=${RUNS:-3}
national=$(cd "${NATIONAL:-$top/build/national}" && pwd)
work=${WORK:-$top/build/bench}

[ -f "$national/.written" ] || {
	echo "bench-national: no national data set in '$national' (make bench writes it)" >&2
	exit 2
}
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
trap 'rm -rf "$work/var" "$work/outputs"' EXIT
cp -R "$top/inputs/sources" "$work/sources"
cp -R "$top/indicators" "$work/indicators"
cat > "$work/jsna.ini" <<INI
[area]
code        = E06000050
benchmarks  = E92000001, E12000002
neighbours  = $national/reference/statistical_neighbours.csv
[paths]
inputs      = $national
sources     = $work/sources
indicators  = $work/indicators
warehouse   = $work/var/jsna.db
outputs     = $work/outputs
INI
files=$(find "$national" -name '*.csv' | sort)
bytes=$(cat $files | wc -c)
nfiles=$(echo "$files" | wc -l)

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# timed NAME CMD...: appends "seconds max_rss_kb" to $work/t.NAME
timed() {
	name=$1
	shift
	/usr/bin/time -f '%e %M' -o "$work/time" "$@" > "$work/out" 2> "$work/err" || {
		echo "bench-national: $name failed (exit $?):" >&2
		tail -5 "$work/err" >&2
		exit 1
	}
	cat "$work/time" >> "$work/t.$name"
}

cat $files > /dev/null		# into the page cache: the limits are CPU's
i=0
while [ "$i" -lt "$runs" ]; do
	timed cat sh -c "cat $(echo $files | tr '\n' ' ') > /dev/null"
	timed csvpass "$tools/csvpass" $files
	rm -rf "$work/var" "$work/outputs"
	for s in ingest calc chart table report; do
		timed "$s" "$bin/jsna-$s" -q -c "$work/jsna.ini"
	done
	rm -rf "$work/var" "$work/outputs"
	timed full "$bin/jsna" refresh -q -c "$work/jsna.ini"
	sleep 2		# past the moment a file just written is hashed again
	timed nochange "$bin/jsna" refresh -q -c "$work/jsna.ini"
	i=$((i + 1))
done
rows=$(sqlite3 "$work/var/jsna.db" "SELECT sum(rows) FROM source_file")
values=$(sqlite3 "$work/var/jsna.db" "SELECT sum(rows) FROM obs_block")
indicators=$(sqlite3 "$work/var/jsna.db" "SELECT count(*) FROM indicator WHERE run = (SELECT max(run) FROM indicator)")
ivalues=$(sqlite3 "$work/var/jsna.db" "SELECT count(*) FROM indicator_value WHERE run = (SELECT max(run) FROM indicator_value)")
db=$(du -k "$work/var/jsna.db" | cut -f1)

t() { cut -d' ' -f1 "$work/t.$1" | median; }
m() { awk '$2 > x { x = $2 } END { print x / 1024 }' "$work/t.$1"; }
echo "national refresh: $nfiles files, $(echo "$bytes / 1000000" | bc) MB, $rows rows, $values values; median of $runs runs"
echo "  machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
printf '  %-28s %8s %10s\n' stage seconds "peak MB"
for s in ingest calc chart table report; do
	printf '  %-28s %8.2f %10.1f\n' "$s" "$(t "$s")" "$(m "$s")"
done
printf '  %-28s %8.2f %10.1f\n' "jsna refresh (fresh)" "$(t full)" "$(m full)"
printf '  %-28s %8.2f %10.1f\n' "jsna refresh (nothing new)" "$(t nochange)" "$(m nochange)"
# The ratios of each run (its stages side by side), then their median.
ratio() { paste -d' ' "$work/t.$1" "$work/t.$2" | awk '{ print $1 / ($3 > 0 ? $3 : 1e-9) }' | median; }
awk -v b="$bytes" -v r="$rows" -v v="$values" -v ti="$(t ingest)" \
    -v tc="$(t csvpass)" -v tk="$(t cat)" -v rc="$(ratio csvpass ingest)" \
    -v rk="$(ratio cat ingest)" -v rn="$(ratio nochange full)" \
    -v n="$indicators" -v iv="$ivalues" -v db="$db" 'BEGIN {
	printf "  ingest: %.1f MB/s, %.0f rows/s, %.0f values/s; warehouse %.0f MB\n", b / 1e6 / ti, r / ti, v / ti, db / 1024
	printf "  bare libcsv pass: %.2f s, %.1f MB/s; ingest / libcsv throughput: %.2f (target at least 0.5)\n", tc, b / 1e6 / tc, rc
	printf "  cat to /dev/null: %.3f s, %.0f MB/s; ingest / cat throughput: %.3f\n", tk, b / 1e6 / (tk > 0 ? tk : 1e-9), rk
	printf "  calc: %d indicators, %d values for every area and period\n", n, iv
	printf "  refresh with nothing new / full refresh: %.4f\n", rn
}'

# Peak memory against input size: the same refresh on the bundled sample
# (one authority's inputs), once.
small=$(cat $(find "$top/inputs" -name '*.csv') | wc -c)
mkdir -p "$work/small"
cp -R "$top/inputs/sources" "$work/small/sources"
sed -e "s|^inputs .*|inputs      = $top/inputs|" \
    -e "s|^sources .*|sources     = $work/small/sources|" \
    -e "s|^warehouse .*|warehouse   = $work/small/jsna.db|" \
    -e "s|^outputs .*|outputs     = $work/small/outputs|" \
    -e "/^neighbours/d" "$work/jsna.ini" > "$work/small/jsna.ini"
timed small "$bin/jsna" refresh -q -c "$work/small/jsna.ini"
awk -v big="$bytes" -v small="$small" -v mb="$(m full)" -v ms="$(m small)" 'BEGIN {
	printf "  peak memory of a refresh: %.1f MB for %.0f MB of inputs, %.1f MB for the bundled %.0f MB (%.0f times the input, %.2f times the memory; target under 256 MB)\n", mb, big / 1e6, ms, small / 1e6, big / small, mb / ms
}'
