# A rate per 1,000 with Byar's interval (the default): Byar's formula from
# 10 events up (10 itself included), exact Poisson limits below 10; each
# limit at 95% and 99.8% checked with awk against METHODS.md section 3,
# and 9 events against the table printed there.
. "$TOP/tests/data/types/lib.sh"
setup_types
cat > cases.txt <<'CSV'
area,time_period,group,cases,population
E92000001,2024,Total,20000,1000000
E12000002,2024,Total,2500,100000
E06000006,2024,Total,250,10000
E06000007,2024,Total,10,2000
E06000049,2024,Total,9,2000
E06000050,2024,Total,7,1000
CSV
ees "Reporting year" inputs/dfe/cases.csv < cases.txt
cat > indicators/t_rate.ini <<'INI'
[indicator]
id         = t_rate
title      = Test rate
type       = rate
multiplier = 1000
polarity   = low_is_good

[numerator]
dataset    = t_cases
measure    = cases
where      = group = Total

[denominator]
dataset    = t_cases
measure    = population
where      = group = Total
label      = people
INI
jsna-ingest || fail "ingest exited $?"
jsna-calc || fail "calc exited $?"
values t_rate "area, year, round(value, 6), round(lower95, 6), round(upper95, 6), round(lower998, 6), round(upper998, 6), count, denominator"
sql "SELECT unit FROM indicator WHERE run = (SELECT max(run) FROM indicator) AND id = 't_rate'"

tail -n +2 cases.txt | while IFS=, read -r area year group o n; do
	if [ "$o" -ge 10 ]; then
		set -- $(byar "$o" "$n" 1000 $Z95) $(byar "$o" "$n" 1000 $Z998)
	else
		set -- $(poisson "$o" "$n" 1000 0.95) $(poisson "$o" "$n" 1000 0.998)
	fi
	near "$area value" "$(value t_rate $area $year value)" "$(echo "$o $n" | awk '{ printf "%.12f", $1 / $2 * 1000 }')" 1e-9
	near "$area lower95" "$(value t_rate $area $year lower95)" "$1" 1e-7
	near "$area upper95" "$(value t_rate $area $year upper95)" "$2" 1e-7
	near "$area lower998" "$(value t_rate $area $year lower998)" "$3" 1e-7
	near "$area upper998" "$(value t_rate $area $year upper998)" "$4" 1e-7
done || exit 1
echo "Byar from 10 events, exact Poisson below, as METHODS.md gives them"

# 9 events in 2,000: METHODS.md's table, 4.115373097378334 to
# 17.084803451419166 events, per 1,000.
near "9 events lower95" "$(value t_rate E06000049 2024 lower95)" "$(echo 4.115373097378334 | awk '{ printf "%.15f", $1 / 2 }')" 1e-9
near "9 events upper95" "$(value t_rate E06000049 2024 upper95)" "$(echo 17.084803451419166 | awk '{ printf "%.15f", $1 / 2 }')" 1e-9
