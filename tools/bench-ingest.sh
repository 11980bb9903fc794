#!/bin/sh
# bench-ingest.sh [DIR] - the ingest throughput over every CSV under DIR
# (default ../shared/data/real): MB/s and rows/s, the median of 5 runs of
# a fresh warehouse, and the peak memory (max RSS) of the slowest stage
# run, with a bare `cat` of the same bytes for scale. Prints; never fails
# on a time.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$top/../shared/data/real}
bin=${BIN:-$top/build/bin}
runs=${RUNS:-5}
[ -d "$dir" ] || { echo "bench-ingest: no folder '$dir'" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/inputs"
cp -R "$dir"/. "$work/inputs/"
mkdir -p "$work/inputs/sources"
cp "$top"/inputs/sources/*.ini "$work/inputs/sources/"
printf '[area]\ncode = E06000050\n' > "$work/jsna.ini"
bytes=$(find "$work/inputs" -name '*.csv' ! -path '*/sources/*' -exec cat {} + | wc -c)
times=""
rss=0
i=0
while [ $i -lt "$runs" ]; do
	rm -rf "$work/var"
	/usr/bin/time -f '%e %M' -o "$work/time" "$bin/jsna-ingest" -q -c "$work/jsna.ini" 2> "$work/err" || true
	read -r t m < "$work/time"
	times="$times $t"
	[ "$m" -gt "$rss" ] && rss=$m
	i=$((i + 1))
done
rows=$(sqlite3 "$work/var/jsna.db" "SELECT sum(rows) FROM source_file")
values=$(sqlite3 "$work/var/jsna.db" "SELECT sum(rows) FROM obs_block")
median=$(echo $times | tr ' ' '\n' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
start=$(date +%s.%N)
find "$work/inputs" -name '*.csv' -exec cat {} + > /dev/null
catt=$(echo "$(date +%s.%N) - $start" | bc)
awk -v b="$bytes" -v t="$median" -v r="$rows" -v v="$values" -v m="$rss" -v c="$catt" -v n="$runs" 'BEGIN {
	printf "ingest of %.1f MB, %d rows, %d values: median of %d runs %.2f s\n", b / 1e6, r, v, n, t
	printf "  %.1f MB/s, %.0f rows/s, %.0f values/s; peak memory %.1f MB\n", b / 1e6 / t, r / t, v / t, m / 1024
	printf "  cat of the same bytes: %.3f s (%.0f MB/s)\n", c, b / 1e6 / (c > 0 ? c : 1e-9)
}'
