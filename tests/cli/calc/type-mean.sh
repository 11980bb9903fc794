# A mean: the published average of [value], with [denominator] (the pupils
# averaged) as Count and no Denominator. With [sd] and 'ci = t' the 95%
# interval is mean -/+ t(0.975, n - 1) x sd / sqrt(n): mean 50, sd 10 and
# 25 pupils give 45.872 to 54.128 (t = 2.063899); 47, sd 12, 100 pupils
# give 44.619 to 49.381 (t = 1.984217). A mean whose count is missing has
# no interval and is placed against England "not tested"; a withheld mean
# has no value. The same figures without [sd] are not tested at all.
. "$TOP/tests/data/types/lib.sh"
setup_types
ees "Academic year" inputs/dfe/scores.csv <<'CSV'
area,time_period,breakdown,avg_score,sd_score,pupils
E92000001,202324,Total,48,11,500000
E12000002,202324,Total,55,10,1000
E06000006,202324,Total,47,12,100
E06000007,202324,Total,c,9,40
E06000049,202324,Total,52,10,x
E06000050,202324,Total,50,10,25
CSV
cat > indicators/t_mean.ini <<'INI'
[indicator]
id       = t_mean
title    = Test mean with an interval
type     = mean
polarity = high_is_good
ci       = t
unit     = score points

[value]
dataset  = t_scores
measure  = avg_score
where    = breakdown = Total

[denominator]
dataset  = t_scores
measure  = pupils
where    = breakdown = Total
label    = pupils

[sd]
dataset  = t_scores
measure  = sd_score
where    = breakdown = Total
INI
cat > indicators/t_mean_plain.ini <<'INI'
[indicator]
id       = t_mean_plain
title    = Test mean without an interval
type     = mean
polarity = high_is_good

[value]
dataset  = t_scores
measure  = avg_score
where    = breakdown = Total
INI
jsna-ingest || fail "ingest exited $?"
jsna-calc || fail "calc exited $?"
echo "with [sd], ci = t:"
values t_mean "area, year, round(value, 6), round(lower95, 6), round(upper95, 6), count, denominator, note, cmp_england"
echo "without:"
values t_mean_plain "area, year, value, lower95, upper95, count, note, cmp_england"

near "50 lower95" "$(value t_mean E06000050 2023 lower95)" "$(awk 'BEGIN { printf "%.9f", 50 - 2.063899 * 10 / sqrt(25) }')" 1e-5
near "50 upper95" "$(value t_mean E06000050 2023 upper95)" "$(awk 'BEGIN { printf "%.9f", 50 + 2.063899 * 10 / sqrt(25) }')" 1e-5
near "47 lower95" "$(value t_mean E06000006 2023 lower95)" "$(awk 'BEGIN { printf "%.9f", 47 - 1.984217 * 12 / sqrt(100) }')" 1e-5
near "47 upper95" "$(value t_mean E06000006 2023 upper95)" "$(awk 'BEGIN { printf "%.9f", 47 + 1.984217 * 12 / sqrt(100) }')" 1e-5
echo "t intervals as worked out by hand"
