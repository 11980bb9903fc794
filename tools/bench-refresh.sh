#!/bin/sh
# bench-refresh.sh - what a nightly refresh costs on the bundled sample:
# a full refresh (a fresh warehouse and outputs folder), a refresh with
# nothing new (the first of them reads every file to hash it, the next
# ones know the files by size, times and inode), and a refresh where one
# input file changed. Each the median of RUNS runs (default 3), with the
# peak memory (max RSS) of the driver and its stages, and the ratios
# that matter: no change / full, one input changed / full. Prints; never
# fails on a time.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN:-$top/build/bin}
runs=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$top/inputs" "$top/indicators" "$top/jsna.ini" "$work/"
# The file that changes: the children-in-care extract, whose last figure
# is bumped by one on each run (so every run has something new to do).
changed=inputs/dfe/cla_number_and_rate_per_10k_children.csv
[ -f "$work/$changed" ] || { echo "bench-refresh: no '$changed'" >&2; exit 2; }

# timed LABEL: runs one refresh, adds "seconds rss_kb" to $work/LABEL
timed() {
	/usr/bin/time -f '%e %M' -o "$work/time" \
		"$bin/jsna" refresh -q -c "$work/jsna.ini" || {
		echo "bench-refresh: the refresh failed (exit $?)" >&2; exit 1; }
	cat "$work/time" >> "$work/$1"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
peak() { awk '$2 > m { m = $2 } END { print m }' "$work/$1"; }

i=0
while [ "$i" -lt "$runs" ]; do
	rm -rf "$work/var" "$work/outputs"
	timed full
	i=$((i + 1))
done
sleep 3	# past the moment when a file just written cannot be trusted by its times
timed cold
i=0
while [ "$i" -lt "$runs" ]; do
	timed warm
	i=$((i + 1))
done
i=0
while [ "$i" -lt "$runs" ]; do
	awk -F, -v OFS=, -v run="$i" 'NR == 2 { $13 = $13 + 1 + run } { print }' \
		"$work/$changed" > "$work/changed.tmp"
	mv "$work/changed.tmp" "$work/$changed"
	timed one
	i=$((i + 1))
done
files=$(find "$work/inputs" "$work/indicators" -type f | wc -l)
mb=$(du -sm "$work/inputs" | cut -f1)
full=$(cut -d' ' -f1 "$work/full" | median)
cold=$(cut -d' ' -f1 "$work/cold")
warm=$(cut -d' ' -f1 "$work/warm" | median)
one=$(cut -d' ' -f1 "$work/one" | median)
awk -v f="$full" -v c="$cold" -v w="$warm" -v o="$one" -v n="$runs" \
    -v files="$files" -v mb="$mb" -v pf="$(peak full)" -v pw="$(peak warm)" \
    -v po="$(peak one)" 'BEGIN {
	printf "refresh of the bundled sample (%d input and definition files, %d MB), median of %d runs:\n", files, mb, n
	printf "  full refresh (fresh warehouse)      %7.2f s   peak memory %5.1f MB\n", f, pf / 1024
	printf "  nothing new, files hashed           %7.3f s   %5.2f%% of full\n", c, 100 * c / f
	printf "  nothing new, hashes known           %7.3f s   %5.2f%% of full (target under 5%%)   peak memory %5.1f MB\n", w, 100 * w / f, pw / 1024
	printf "  one input file changed              %7.2f s   %5.1f%% of full   peak memory %5.1f MB\n", o, 100 * o / f, po / 1024
}'
