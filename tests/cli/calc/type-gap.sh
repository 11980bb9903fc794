# A gap between two categories of a proportion: the not-FSM percentage
# minus the FSM percentage, in percentage points, with Newcombe's interval
# ('ci = newcombe') equal to what `jsna-stats gap` gives for the same
# counts, at 95% and 99.8%; a withheld group withholds the gap; the gap
# is compared with England's (low is good: a smaller gap is better).
. "$TOP/tests/data/types/lib.sh"
setup_types
cat > cases.txt <<'CSV'
area,time_period,group,cases,population
E92000001,2024,Total,9000,15000
E92000001,2024,FSM,2000,5000
E92000001,2024,Not FSM,7000,10000
E06000006,2024,Total,63,100
E06000006,2024,FSM,c,20
E06000006,2024,Not FSM,60,80
E06000007,2024,Total,90,200
E06000007,2024,FSM,20,100
E06000007,2024,Not FSM,70,100
E06000050,2024,Total,50,200
E06000050,2024,FSM,20,100
E06000050,2024,Not FSM,30,100
CSV
ees "Reporting year" inputs/dfe/cases.csv < cases.txt
cat > indicators/t_pass.ini <<'INI'
[indicator]
id       = t_pass
title    = Test pass rate
type     = proportion
polarity = high_is_good

[numerator]
dataset  = t_cases
measure  = cases
where    = group = Total

[denominator]
dataset  = t_cases
measure  = population
where    = group = Total

[category fsm]
category_type = Free school meals
category      = Eligible for free school meals
where         = group = FSM

[category not_fsm]
category_type = Free school meals
category      = Not eligible for free school meals
where         = group = Not FSM
INI
cat > indicators/t_pass_gap.ini <<'INI'
[indicator]
id       = t_pass_gap
title    = Test pass rate gap
type     = gap
polarity = low_is_good
ci       = newcombe
decimals = 1

[group_a]
indicator = t_pass
category  = not_fsm

[group_b]
indicator = t_pass
category  = fsm
INI
jsna-ingest || fail "ingest exited $?"
jsna-calc || fail "calc exited $?"
values t_pass_gap "area, year, round(value, 6), round(lower95, 6), round(upper95, 6), round(lower998, 6), round(upper998, 6), count, denominator, note, cmp_england"
sql "SELECT unit, group_a, group_b FROM indicator WHERE run = (SELECT max(run) FROM indicator) AND id = 't_pass_gap'"

# The same counts through jsna-stats gap: "value lower upper" per area.
for conf in 0.95 0.998; do
	{
		echo numerator1,denominator1,numerator2,denominator2
		for area in E92000001 E06000007 E06000050; do
			a=$(grep "^$area,2024,Not FSM," cases.txt | cut -d, -f4,5)
			b=$(grep "^$area,2024,FSM," cases.txt | cut -d, -f4,5)
			echo "$a,$b"
		done
	} | jsna-stats gap --multiplier 100 --confidence $conf > gap$conf.csv ||
		fail "jsna-stats gap exited $?"
done
i=0
for area in E92000001 E06000007 E06000050; do
	i=$((i + 1))
	set -- $(awk -F, -v i=$((i + 1)) 'NR == i { print $5, $6, $7 }' gap0.95.csv) \
		$(awk -F, -v i=$((i + 1)) 'NR == i { print $6, $7 }' gap0.998.csv)
	near "$area gap" "$(value t_pass_gap $area 2024 value)" "$1" 1e-9
	near "$area lower95" "$(value t_pass_gap $area 2024 lower95)" "$2" 1e-9
	near "$area upper95" "$(value t_pass_gap $area 2024 upper95)" "$3" 1e-9
	near "$area lower998" "$(value t_pass_gap $area 2024 lower998)" "$4" 1e-9
	near "$area upper998" "$(value t_pass_gap $area 2024 upper998)" "$5" 1e-9
done
echo "Newcombe's interval as jsna-stats gap gives it"
# By hand: 30% - 20% = 10 points; England 70% - 40% = 30 points.
near "gap by hand" "$(value t_pass_gap E06000050 2024 value)" 10 1e-9
near "England's gap by hand" "$(value t_pass_gap E92000001 2024 value)" 30 1e-9
