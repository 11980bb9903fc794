# An average over months of small counts: README's rule for withheld
# values ("Counts below suppress_below ... give no value", suppress_below =
# 5) holds for averages too: NEET counts of 2, 3 and 4 (an average count
# of 3) give no value and 'c', as any count under 5 does, while counts of
# 20, 30 and 40 give their average percentage.
. "$TOP/tests/data/types/lib.sh"
setup_types
cat > inputs/local/neet.csv <<'CSV'
Area code,Month,Cohort,NEET
E06000006,2023-12,100,2
E06000006,2024-01,100,3
E06000006,2024-02,100,4
E06000050,2023-12,100,20
E06000050,2024-01,100,30
E06000050,2024-02,100,40
CSV
cat > indicators/t_avg.ini <<'INI'
[indicator]
id         = t_avg
title      = Test NEET December to February
type       = average
months     = 12, 1, 2
multiplier = 100
polarity   = low_is_good

[numerator]
dataset    = t_monthly
measure    = NEET

[denominator]
dataset    = t_monthly
measure    = Cohort
INI
jsna-ingest || fail "ingest exited $?"
jsna-calc || fail "calc exited $?"
values t_avg "area, year, round(value, 6), round(count, 6), note"
