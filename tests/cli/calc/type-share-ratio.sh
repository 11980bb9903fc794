# A share (a part of a total, as a percentage: the 10 to 15 year olds of
# all cases) and a ratio (places taken over places for the eligible, which
# may exceed 100%). Neither has an interval by default, so each is placed
# against England by direction only: "Higher, not tested" or "Lower, not
# tested". A share whose part exceeds its total has no value; a ratio
# above 100 is kept.
. "$TOP/tests/data/types/lib.sh"
setup_types
ees "Reporting year" inputs/dfe/cases.csv <<'CSV'
area,time_period,group,cases,population
E92000001,2024,Total,80000,
E92000001,2024,Aged 10 to 15,30000,
E92000001,2024,Funded,90000,
E92000001,2024,Eligible,100000,
E06000006,2024,Total,400,
E06000006,2024,Aged 10 to 15,200,
E06000006,2024,Funded,650,
E06000006,2024,Eligible,500,
E06000007,2024,Total,300,
E06000007,2024,Aged 10 to 15,60,
E06000007,2024,Funded,400,
E06000007,2024,Eligible,500,
E06000050,2024,Total,100,
E06000050,2024,Aged 10 to 15,120,
CSV
cat > indicators/t_share.ini <<'INI'
[indicator]
id       = t_share
title    = Test share aged 10 to 15
type     = share
polarity = none
decimals = 1

[numerator]
dataset  = t_cases
measure  = cases
where    = group = Aged 10 to 15

[denominator]
dataset  = t_cases
measure  = cases
where    = group = Total
INI
cat > indicators/t_ratio.ini <<'INI'
[indicator]
id       = t_ratio
title    = Test take-up ratio
type     = ratio
polarity = high_is_good

[numerator]
dataset  = t_cases
measure  = cases
where    = group = Funded

[denominator]
dataset  = t_cases
measure  = cases
where    = group = Eligible
INI
jsna-ingest || fail "ingest exited $?"
jsna-calc || fail "calc exited $?"
echo "share:"
values t_share "area, year, round(value, 6), lower95, upper95, count, denominator, note, cmp_england"
echo "ratio:"
values t_ratio "area, year, round(value, 6), lower95, upper95, count, denominator, note, cmp_england"
sql "SELECT id, multiplier, ci, unit FROM indicator WHERE run = (SELECT max(run) FROM indicator) ORDER BY id"

# By hand: 200 / 400 = 50%, 60 / 300 = 20%, England 30,000 / 80,000 =
# 37.5%; 650 / 500 = 130%, 400 / 500 = 80%, England 90%.
near "share Halton" "$(value t_share E06000006 2024 value)" 50 1e-9
near "share Warrington" "$(value t_share E06000007 2024 value)" 20 1e-9
near "share England" "$(value t_share E92000001 2024 value)" 37.5 1e-9
near "ratio Halton" "$(value t_ratio E06000006 2024 value)" 130 1e-9
near "ratio Warrington" "$(value t_ratio E06000007 2024 value)" 80 1e-9
near "ratio England" "$(value t_ratio E92000001 2024 value)" 90 1e-9
