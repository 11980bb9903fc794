# A rate with 'ci = exact': exact Poisson limits (by chi-squared) at every
# count, not only under 10. With suppress_below = 0 nothing is withheld, so
# a count of 3 keeps its value; its limits per 1,000 of 1,000 are the
# counts' own: R's poisson.test(3) gives 0.6186721 to 8.767273, and
# poisson.test(20) 12.21652 to 30.88838, where Byar's would give 12.21143
# to 30.88988. A count of 0: 0 to 3.688879 (6.907755 at 99.8%).
. "$TOP/tests/data/types/lib.sh"
setup_types
sed 's/^suppress_below = 5/suppress_below = 0/' jsna.ini > j.ini && mv j.ini jsna.ini
cat > cases.txt <<'CSV'
area,time_period,group,cases,population
E06000006,2024,Total,20,1000
E06000007,2024,Total,0,1000
E06000050,2024,Total,3,1000
CSV
ees "Reporting year" inputs/dfe/cases.csv < cases.txt
cat > indicators/t_exact.ini <<'INI'
[indicator]
id         = t_exact
title      = Test exact rate
type       = rate
multiplier = 1000
polarity   = low_is_good
ci         = exact

[numerator]
dataset    = t_cases
measure    = cases
where      = group = Total

[denominator]
dataset    = t_cases
measure    = population
where      = group = Total
INI
jsna-ingest || fail "ingest exited $?"
jsna-calc || fail "calc exited $?"
values t_exact "area, year, round(value, 6), round(lower95, 6), round(upper95, 6), round(lower998, 6), round(upper998, 6), note"

near "3 lower95 (R)" "$(value t_exact E06000050 2024 lower95)" 0.6186721 5e-8
near "3 upper95 (R)" "$(value t_exact E06000050 2024 upper95)" 8.767273 5e-7
near "20 lower95 (R)" "$(value t_exact E06000006 2024 lower95)" 12.21652 5e-6
near "20 upper95 (R)" "$(value t_exact E06000006 2024 upper95)" 30.88838 5e-6
near "0 lower95" "$(value t_exact E06000007 2024 lower95)" 0 0
near "0 upper95" "$(value t_exact E06000007 2024 upper95)" 3.688879454113936 1e-9
near "0 upper998" "$(value t_exact E06000007 2024 upper998)" 6.907755278982137 1e-9
# Every limit of every area, by bisection on the Poisson distribution.
tail -n +2 cases.txt | while IFS=, read -r area year group o n; do
	set -- $(poisson "$o" "$n" 1000 0.95) $(poisson "$o" "$n" 1000 0.998)
	near "$area lower95" "$(value t_exact $area $year lower95)" "$1" 1e-7
	near "$area upper95" "$(value t_exact $area $year upper95)" "$2" 1e-7
	near "$area lower998" "$(value t_exact $area $year lower998)" "$3" 1e-7
	near "$area upper998" "$(value t_exact $area $year upper998)" "$4" 1e-7
done || exit 1
# Not Byar's: 20 events would be 12.211429 by Byar.
set -- $(byar 20 1000 1000 $Z95)
awk -v got="$(value t_exact E06000006 2024 lower95)" -v byar="$1" \
	'BEGIN { d = got - byar; exit !(d > 0.004 || d < -0.004) }' ||
	fail "20 events: the exact limit is Byar's"
echo "exact Poisson limits at every count"
