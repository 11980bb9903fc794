# Changes: change_prev is the value minus the previous year's, change_base
# the value minus the value of base_year (2021), in the indicator's unit
# (percentage points here); none for the first year, and no change since
# the base year where the base year has no value.
. "$TOP/tests/data/types/lib.sh"
setup_types
ees "Reporting year" inputs/dfe/cases.csv <<'CSV'
area,time_period,group,cases,population
E06000050,2020,Total,40,100
E06000050,2021,Total,45,100
E06000050,2022,Total,50,100
E06000050,2023,Total,52,100
E06000050,2024,Total,57,100
E06000050,2025,Total,60,100
E06000006,2022,Total,35,100
E06000006,2023,Total,38,100
CSV
cat > indicators/t_pass.ini <<'INI'
[indicator]
id        = t_pass
title     = Test pass rate
type      = proportion
polarity  = high_is_good
base_year = 2021

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
values t_pass "area, year, round(value, 6), round(change_prev, 6), round(change_base, 6)"
sql "SELECT base_year FROM indicator WHERE run = (SELECT max(run) FROM indicator) AND id = 't_pass'"

# By hand: since the previous year 45 - 40 = 5, 50 - 45 = 5, 52 - 50 = 2,
# 57 - 52 = 5, 60 - 57 = 3; since 2021 (45): -5, 0, 5, 7, 12, 15.
set -- 2021:5 2022:5 2023:2 2024:5 2025:3
for p; do
	near "change_prev ${p%:*}" "$(value t_pass E06000050 ${p%:*} change_prev)" ${p#*:} 1e-9
done
set -- 2020:-5 2021:0 2022:5 2023:7 2024:12 2025:15
for p; do
	near "change_base ${p%:*}" "$(value t_pass E06000050 ${p%:*} change_base)" ${p#*:} 1e-9
done
echo "changes as worked out by hand"
