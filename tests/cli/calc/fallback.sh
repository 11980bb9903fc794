# Fallbacks: where the counts give no value for an area and year, the
# publisher's own figure ([fallback], LAIT-style plain years read with
# 'period_as = academic': 2022 is the academic year 2021/22) is taken, with
# Value note "published value", no interval, no count, and compared with
# England by direction only. Where the counts give a value the published
# one is not used; a count withheld by the publisher (c) or by us (under
# 5) is never replaced; the publisher's 'x' (no value) is.
. "$TOP/tests/data/types/lib.sh"
setup_types
ees "Academic year" inputs/dfe/cases.csv <<'CSV'
area,time_period,group,cases,population
E92000001,202122,Total,5000,10000
E92000001,202223,Total,5200,10000
E06000050,202122,Total,30,100
E06000007,202122,Total,c,100
E06000049,202122,Total,3,100
E06000049,202223,Total,x,100
E06000006,202223,Total,40,100
CSV
cat > inputs/local/published.csv <<'CSV'
Code,Year,pub_all,pub_fsm,pub_notfsm
E06000050,2022,99,,
E06000006,2022,41.5,,
E06000007,2022,12,,
E06000049,2022,13,,
E06000049,2023,56.5,,
E06000006,2023,x,,
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
INI
jsna-ingest || fail "ingest exited $?"
jsna-calc -v || fail "calc exited $?"
values t_pass "area, kind, year, round(value, 6), round(lower95, 6), round(upper95, 6), count, denominator, note, cmp_england"
jsna-table || fail "table exited $?"
export_rows t_pass Area_Code Time_period Value Lower_CI_95.0_limit Count Value_note Compared_to_England_value_or_percentiles
