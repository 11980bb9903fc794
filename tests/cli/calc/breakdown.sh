# Breakdowns: each [category NAME] repeats the indicator for its group,
# its 'where' replacing the selections' condition on the same column; its
# rows carry the Category Type and Category in the long export (the
# indicator's own rows leave both empty), and the warehouse lists the
# breakdowns in the definition's order.
. "$TOP/tests/data/types/lib.sh"
setup_types
ees "Reporting year" inputs/dfe/cases.csv <<'CSV'
area,time_period,group,cases,population
E92000001,2024,Total,5000,10000
E92000001,2024,FSM,1000,3000
E92000001,2024,Not FSM,4000,7000
E06000050,2024,Total,60,100
E06000050,2024,FSM,12,30
E06000050,2024,Not FSM,48,70
CSV
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

[category not_fsm]
category_type = Free school meals
category      = Not eligible for free school meals
where         = group = Not FSM

[category fsm]
category_type = Free school meals
category      = Eligible for free school meals
where         = group = FSM
INI
jsna-ingest || fail "ingest exited $?"
jsna-calc || fail "calc exited $?"
sql "SELECT ord, name, category_type, category FROM indicator_category
     WHERE run = (SELECT max(run) FROM indicator_category) ORDER BY ord"
jsna-table || fail "table exited $?"
export_rows t_pass Area_Code Category_Type Category Time_period Value Count Denominator
# By hand: 12 / 30 = 40%, 48 / 70 = 68.57%, 60 / 100 = 60%.
near "FSM" "$(value t_pass E06000050 2024 value 'Eligible for free school meals')" 40 1e-9
near "not FSM" "$(value t_pass E06000050 2024 value 'Not eligible for free school meals')" "$(awk 'BEGIN { printf "%.12f", 48 / 70 * 100 }')" 1e-9
near "total" "$(value t_pass E06000050 2024 value)" 60 1e-9
