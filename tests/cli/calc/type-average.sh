# An average over months (months = 12, 1, 2): the value for year Y is the
# mean of the monthly percentages NEET / Cohort x 100 of December Y-1,
# January Y and February Y (not the percentage of the summed counts); the
# other months are ignored; a year with a month missing (January, or the
# last, February) gives no value, and a withheld month withholds the
# year. Without a [denominator], the monthly counts themselves are
# averaged.
. "$TOP/tests/data/types/lib.sh"
setup_types
cat > inputs/local/neet.csv <<'CSV'
Area code,Month,Cohort,NEET
E06000050,2023-11,100,99
E06000050,2023-12,100,10
E06000050,2024-01,200,30
E06000050,2024-02,300,60
E06000050,2024-03,100,1
E06000050,2024-12,100,20
E06000050,2025-02,100,30
E06000006,2023-12,50,5
E06000006,2024-01,60,6
E06000006,2024-02,70,14
E06000006,2024-12,80,8
E06000006,2025-01,90,c
E06000006,2025-02,90,9
E06000049,2023-12,100,10
E06000049,2024-01,100,10
CSV
cat > indicators/t_avg.ini <<'INI'
[indicator]
id         = t_avg
title      = Test NEET December to February
type       = average
months     = 12, 1, 2
multiplier = 100
polarity   = low_is_good
decimals   = 1

[numerator]
dataset    = t_monthly
measure    = NEET

[denominator]
dataset    = t_monthly
measure    = Cohort
INI
cat > indicators/t_avg_count.ini <<'INI'
[indicator]
id         = t_avg_count
title      = Test NEET count December to February
type       = average
months     = 12, 1, 2
polarity   = low_is_good

[numerator]
dataset    = t_monthly
measure    = NEET
INI
jsna-ingest || fail "ingest exited $?"
jsna-calc || fail "calc exited $?"
echo "percentage:"
values t_avg "area, kind, year, month, round(value, 6), round(count, 6), round(denominator, 6), note"
echo "count:"
values t_avg_count "area, year, round(value, 6), note"

# By hand: (10% + 15% + 20%) / 3 = 15 (the summed counts would give
# 100 / 600 = 16.7); (10% + 10% + 20%) / 3 = 13.33; counts (10 + 30 +
# 60) / 3 = 33.33 and (5 + 6 + 14) / 3 = 8.33.
near "CWaC 2024" "$(value t_avg E06000050 2024 value)" 15 1e-9
near "Halton 2024" "$(value t_avg E06000006 2024 value)" "$(awk 'BEGIN { printf "%.12f", (10 + 10 + 20) / 3 }')" 1e-9
near "CWaC 2024 count" "$(value t_avg_count E06000050 2024 value)" "$(awk 'BEGIN { printf "%.12f", 100 / 3 }')" 1e-9
near "Halton 2024 count" "$(value t_avg_count E06000006 2024 value)" "$(awk 'BEGIN { printf "%.12f", 25 / 3 }')" 1e-9
[ -z "$(value t_avg E06000050 2025 value)" ] || fail "2025 has no January but has a value"
[ -z "$(value t_avg E06000006 2025 value)" ] || fail "2025 has a withheld January but has a value"
[ -z "$(value t_avg E06000049 2024 value)" ] || fail "2024 has no February but has a value"
