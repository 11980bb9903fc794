# A gap between two categories of a mean (published average scores): the
# not-FSM average minus the FSM average, in the groups' unit (score
# points), with no interval even where the groups have one, so that it is
# placed against England by direction only ("not tested").
. "$TOP/tests/data/types/lib.sh"
setup_types
ees "Academic year" inputs/dfe/scores.csv <<'CSV'
area,time_period,breakdown,avg_score,sd_score,pupils
E92000001,202324,Total,46.1,10,600000
E92000001,202324,FSM,35.2,10,100000
E92000001,202324,Not FSM,50.3,10,500000
E06000006,202324,Total,44.0,10,1000
E06000006,202324,FSM,30.5,10,200
E06000006,202324,Not FSM,48.9,10,800
E06000050,202324,Total,47.0,10,3000
E06000050,202324,FSM,38.0,10,500
E06000050,202324,Not FSM,49.5,10,2500
CSV
cat > indicators/t_att.ini <<'INI'
[indicator]
id       = t_att
title    = Test average score
type     = mean
polarity = high_is_good
unit     = score points
ci       = t

[value]
dataset  = t_scores
measure  = avg_score
where    = breakdown = Total

[denominator]
dataset  = t_scores
measure  = pupils
where    = breakdown = Total

[sd]
dataset  = t_scores
measure  = sd_score
where    = breakdown = Total

[category fsm]
category_type = Free school meals
category      = Eligible for free school meals
where         = breakdown = FSM

[category not_fsm]
category_type = Free school meals
category      = Not eligible for free school meals
where         = breakdown = Not FSM
INI
cat > indicators/t_att_gap.ini <<'INI'
[indicator]
id       = t_att_gap
title    = Test average score gap
type     = gap
polarity = low_is_good
decimals = 1

[group_a]
indicator = t_att
category  = not_fsm

[group_b]
indicator = t_att
category  = fsm
INI
jsna-ingest || fail "ingest exited $?"
jsna-calc || fail "calc exited $?"
values t_att_gap "area, year, round(value, 6), lower95, upper95, lower998, upper998, count, note, cmp_england"
sql "SELECT unit FROM indicator WHERE run = (SELECT max(run) FROM indicator) AND id = 't_att_gap'"
# The groups do have intervals (ci = t): the gap still has none.
[ -n "$(value t_att E06000050 2023 lower95 'Eligible for free school meals')" ] ||
	fail "the FSM group has no interval"
# By hand: 49.5 - 38.0 = 11.5, 48.9 - 30.5 = 18.4, England 50.3 - 35.2 = 15.1.
near "CWaC gap" "$(value t_att_gap E06000050 2023 value)" 11.5 1e-9
near "Halton gap" "$(value t_att_gap E06000006 2023 value)" 18.4 1e-9
near "England gap" "$(value t_att_gap E92000001 2023 value)" 15.1 1e-9
