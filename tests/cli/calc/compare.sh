# Comparisons (Fingertips' rule, METHODS.md 9.2): the benchmark's value
# against the area's 95% interval: Similar when inside it (limits
# included), otherwise read through the polarity: Better / Worse for
# high_is_good and low_is_good, Higher / Lower for none; with the region
# as benchmark in "Compared to percentiles" of the long export. Every
# label is worked out here with awk from the counts, with Wilson's limits.
# (The region's own comparison with its parent is not pinned here:
# Fingertips shows regions "Not compared" in that column, METHODS.md 9.6.)
. "$TOP/tests/data/types/lib.sh"
setup_types
cat > cases.txt <<'CSV'
area,time_period,group,cases,population
E92000001,2024,Total,5000,10000
E12000002,2024,Total,700,1000
E06000006,2024,Total,80,100
E06000007,2024,Total,50,100
E06000049,2024,Total,20,100
E06000050,2024,Total,68,100
CSV
ees "Reporting year" inputs/dfe/cases.csv < cases.txt
for pol in high_is_good low_is_good none; do
	cat > indicators/t_$pol.ini <<INI
[indicator]
id       = t_$pol
title    = Test proportion $pol
type     = proportion
polarity = $pol

[numerator]
dataset  = t_cases
measure  = cases
where    = group = Total

[denominator]
dataset  = t_cases
measure  = population
where    = group = Total
INI
done
jsna-ingest || fail "ingest exited $?"
jsna-calc || fail "calc exited $?"
jsna-table || fail "table exited $?"
for pol in high_is_good low_is_good none; do
	echo "$pol:"
	values t_$pol "area, round(lower95, 3), round(value, 3), round(upper95, 3), cmp_england,
		CASE WHEN area LIKE 'E06%' THEN cmp_parent ELSE '-' END"
done
echo "export, high_is_good:"
export_rows t_high_is_good Area_Code Compared_to_England_value_or_percentiles Compared_to_percentiles |
	grep '^E06'

# The labels by hand: England 50%, the North West 70%.
label() {	# POLARITY VALUE LOWER UPPER BENCHMARK
	awk -v p="$1" -v v="$2" -v l="$3" -v u="$4" -v b="$5" 'BEGIN {
		if (l <= b && b <= u) { print "Similar"; exit }
		higher = l > b
		if (p == "none") print higher ? "Higher" : "Lower"
		else if (p == "high_is_good") print higher ? "Better" : "Worse"
		else print higher ? "Worse" : "Better"
	}'
}
for pol in high_is_good low_is_good none; do
	tail -n +2 cases.txt | while IFS=, read -r area year group x n; do
		[ "$area" = E92000001 ] && continue
		set -- $(wilson "$x" "$n" 100 $Z95)
		v=$(awk -v x="$x" -v n="$n" 'BEGIN { printf "%.12f", x / n * 100 }')
		want=$(label $pol "$v" "$1" "$2" 50)
		got=$(value t_$pol $area 2024 cmp_england)
		[ "$got" = "$want" ] || fail "$pol $area against England: $got, want $want"
		[ "$area" = E12000002 ] && continue
		want=$(label $pol "$v" "$1" "$2" 70)
		got=$(value t_$pol $area 2024 cmp_parent)
		[ "$got" = "$want" ] || fail "$pol $area against the region: $got, want $want"
	done || exit 1
done
echo "labels as worked out by hand"
