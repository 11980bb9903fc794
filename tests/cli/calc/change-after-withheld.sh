# The change "since the previous period" (README, "What is computed") of a
# year whose previous year is withheld is unknown: 2024's change is not
# 60 - 50 (since 2022, two years back) when 2023 is 'c'. 2025's is
# 62 - 60 = 2 as usual, and the withheld year has none.
. "$TOP/tests/data/types/lib.sh"
setup_types
ees "Reporting year" inputs/dfe/cases.csv <<'CSV'
area,time_period,group,cases,population
E06000050,2022,Total,50,100
E06000050,2023,Total,c,100
E06000050,2024,Total,60,100
E06000050,2025,Total,62,100
CSV
cat > indicators/t_pass.ini <<'INI'
[indicator]
id        = t_pass
title     = Test pass rate
type      = proportion
polarity  = high_is_good

[numerator]
dataset   = t_cases
measure   = cases
where     = group = Total

[denominator]
dataset   = t_cases
measure   = population
where     = group = Total
INI
jsna-ingest || fail "ingest exited $?"
jsna-calc || fail "calc exited $?"
values t_pass "area, year, round(value, 6), round(change_prev, 6), note"
