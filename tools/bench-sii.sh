#!/bin/sh
# bench-sii.sh - what the SII's simulation costs: jsna-stats sii over 170
# areas of 10 deciles (a nightly run computes that for each of about 10
# periods of an indicator), at 10,000 and 100,000 repetitions, for a
# normal value, a rate (sampled on the log scale) and a proportion with
# --transform. Prints the time per area (one stats_sii call, reading and
# writing included); never fails on a time.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN:-$top/build/bin}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
areas=170

# A made-up input: values falling with the decile, 95% limits around.
awk -v areas=$areas 'BEGIN {
	print "area,quantile,population,value,lowercl,uppercl"
	for (a = 1; a <= areas; a++)
		for (q = 1; q <= 10; q++) {
			v = 0.30 - 0.012 * q + 0.0001 * a
			printf "E%08d,%d,%d,%.6f,%.6f,%.6f\n", a, q, 2000 + 37 * q + a,
				v, v - 0.02, v + 0.02
		}
}' > "$work/in.csv"

for reps in 10000 100000; do
	for opts in "--value-type normal" "--value-type rate" \
		    "--value-type proportion --transform"; do
		# shellcheck disable=SC2086
		/usr/bin/time -f '%e' -o "$work/time" "$bin/jsna-stats" sii \
			--repetitions $reps $opts < "$work/in.csv" > /dev/null
		awk -v reps=$reps -v opts="$opts" -v areas=$areas '{
			printf "sii %6d repetitions, %-36s %7.2f ms per area\n",
				reps, opts ":", $1 * 1000 / areas }' "$work/time"
	done
done
