# Two vintages of the same extract, refreshed one after the other: the
# second revises one published value (Cheshire West and Chester's 2023
# pass rate, 100/200 = 50.0% to 118/200 = 59.0%), which flips its
# comparison with England (60.0%: the Wilson interval of 50.0% is 43.1 to
# 56.9, worse; that of 59.0% is 52.1 to 65.6, similar), and brings a new
# year, 2025, in which the FSM gap widens (not FSM 30% - FSM 20% = 10.0
# points in 2024; 45% - 20% = 25.0 in 2025). changes.md says each of
# these in words, and `jsna changes` says the same.
. "$TOP/tests/data/types/lib.sh"
setup_types
vintage() {	# vintage 1|2: the extract as published then
	{
		echo "area,time_period,group,cases,population"
		for y in 2023 2024; do
			echo "E92000001,$y,Total,9000,15000"
			echo "E92000001,$y,FSM,2000,5000"
			echo "E92000001,$y,Not FSM,7000,10000"
			echo "E06000007,$y,Total,90,200"
			echo "E06000007,$y,FSM,20,100"
			echo "E06000007,$y,Not FSM,70,100"
		done
		if [ "$1" = 1 ]; then
			echo "E06000050,2023,Total,100,200"
		else
			echo "E06000050,2023,Total,118,200"
		fi
		echo "E06000050,2023,FSM,40,100"
		echo "E06000050,2023,Not FSM,60,100"
		echo "E06000050,2024,Total,50,100"
		echo "E06000050,2024,FSM,20,100"
		echo "E06000050,2024,Not FSM,30,100"
		if [ "$1" = 2 ]; then
			echo "E92000001,2025,Total,9000,15000"
			echo "E92000001,2025,FSM,2000,5000"
			echo "E92000001,2025,Not FSM,7000,10000"
			echo "E06000050,2025,Total,65,200"
			echo "E06000050,2025,FSM,20,100"
			echo "E06000050,2025,Not FSM,45,100"
		fi
	} | ees "Reporting year" inputs/dfe/cases.csv
}
cat > indicators/t_pass.ini <<'INI'
[indicator]
id       = t_pass
title    = Test pass rate
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
vintage 1
jsna refresh -q || fail "first refresh exited $?"
grep -c 'is the first' outputs/changes.md
vintage 2
jsna refresh -q || fail "second refresh exited $?"
sed -n '/^## /p; /^- /p' outputs/changes.md
jsna changes > changes.out || fail "jsna changes exited $?"
cmp -s changes.out outputs/changes.md || fail "jsna changes differs from changes.md"
echo "jsna changes: the same page"
