# A proportion: numerator / denominator x 100 with Wilson's score interval
# at 95% and 99.8%, each limit checked against METHODS.md section 2 (worked
# out here with awk from the same counts); 0 out of n has the lower limit
# 0 exactly; a count above its denominator gives no value and says so.
. "$TOP/tests/data/types/lib.sh"
setup_types
cat > cases.txt <<'CSV'
area,time_period,group,cases,population
E92000001,2024,Total,5000,10000
E12000002,2024,Total,600,1000
E06000006,2024,Total,30,100
E06000007,2024,Total,45,50
E06000049,2024,Total,120,100
E06000050,2024,Total,0,80
E06000050,2025,Total,80,80
CSV
ees "Reporting year" inputs/dfe/cases.csv < cases.txt
cat > indicators/t_prop.ini <<'INI'
[indicator]
id       = t_prop
title    = Test proportion
type     = proportion
polarity = high_is_good
decimals = 1

[numerator]
dataset  = t_cases
measure  = cases
where    = group = Total

[denominator]
dataset  = t_cases
measure  = population
where    = group = Total
INI
jsna-ingest || fail "ingest exited $?"
jsna-calc || fail "calc exited $?"
values t_prop "area, year, round(value, 6), round(lower95, 6), round(upper95, 6), round(lower998, 6), round(upper998, 6), count, denominator, note"

# Every limit, by METHODS.md's formula.
tail -n +2 cases.txt | while IFS=, read -r area year group x n; do
	[ "$area" = E06000049 ] && continue	# 120 > 100: no value
	set -- $(wilson "$x" "$n" 100 $Z95) $(wilson "$x" "$n" 100 $Z998)
	near "$area $year value" "$(value t_prop $area $year value)" "$(echo "$x $n" | awk '{ printf "%.12f", $1 / $2 * 100 }')" 1e-9
	near "$area $year lower95" "$(value t_prop $area $year lower95)" "$1" 1e-9
	near "$area $year upper95" "$(value t_prop $area $year upper95)" "$2" 1e-9
	near "$area $year lower998" "$(value t_prop $area $year lower998)" "$3" 1e-9
	near "$area $year upper998" "$(value t_prop $area $year upper998)" "$4" 1e-9
done || exit 1
echo "Wilson limits as METHODS.md gives them"

# 0 out of 80: lower 0 exactly, upper z^2 / (n + z^2); 80 of 80: upper 100.
[ "$(value t_prop E06000050 2024 lower95)" = 0.0 ] || fail "0 of 80: lower limit not 0"
near "0 of 80 upper95" "$(value t_prop E06000050 2024 upper95)" \
	"$(awk -v z=$Z95 'BEGIN { printf "%.12f", z * z / (80 + z * z) * 100 }')" 1e-9
[ "$(value t_prop E06000050 2025 upper95)" = 100.0 ] || fail "80 of 80: upper limit not 100"
