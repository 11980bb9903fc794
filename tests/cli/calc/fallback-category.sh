# Fallbacks of breakdowns: a category's 'fallback = MEASURE' takes that
# measure of [fallback] for its group (the FSM group's published pub_fsm,
# not the total's pub_all); 'fallback = none' takes none, even though
# [fallback]'s own measure has a value there; the total takes pub_all.
. "$TOP/tests/data/types/lib.sh"
setup_types
ees "Academic year" inputs/dfe/cases.csv <<'CSV'
area,time_period,group,cases,population
E92000001,202122,Total,5000,10000
E92000001,202122,FSM,1000,3000
E92000001,202122,Not FSM,4000,7000
E06000050,202122,Total,x,100
E06000050,202122,FSM,x,30
E06000050,202122,Not FSM,x,70
CSV
cat > inputs/local/published.csv <<'CSV'
Code,Year,pub_all,pub_fsm,pub_notfsm
E06000050,2022,61.5,40.5,70.5
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

[fallback]
dataset   = t_published
measure   = pub_all
period_as = academic

[category fsm]
category_type = Free school meals
category      = Eligible for free school meals
where         = group = FSM
fallback      = pub_fsm

[category not_fsm]
category_type = Free school meals
category      = Not eligible for free school meals
where         = group = Not FSM
fallback      = none
INI
jsna-ingest || fail "ingest exited $?"
jsna-calc || fail "calc exited $?"
values t_pass "area, year, category, round(value, 6), lower95, count, note" "area = 'E06000050'"
