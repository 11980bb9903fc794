# Compared to goal (README, "What is computed"): Green when the value meets
# the target or is better (a value equal to it meets it); Amber when it
# misses the target but the target is inside the value's 95% interval;
# Red when it misses it and the target is outside the interval, or there
# is no interval (a published value). Both directions of polarity.
. "$TOP/tests/data/types/lib.sh"
setup_types
ees "Reporting year" inputs/dfe/cases.csv <<'CSV'
area,time_period,group,cases,population
E92000001,2024,Total,5000,10000
E06000006,2024,Total,80,100
E06000007,2024,Total,60,100
E06000049,2024,Total,20,100
E06000050,2024,Total,55,100
E06000050,2025,Total,x,100
E06000006,2025,Total,x,100
E06000007,2023,Total,30,100
E06000049,2023,Total,35,100
CSV
cat > inputs/local/published.csv <<'CSV'
Code,Year,pub_all,pub_fsm,pub_notfsm
E06000050,2025,59,,
E06000006,2025,61,,
CSV
for pol in high_is_good:60 low_is_good:30; do
	cat > indicators/t_${pol%:*}.ini <<INI
[indicator]
id       = t_${pol%:*}
title    = Test proportion with a target
type     = proportion
polarity = ${pol%:*}
target   = ${pol#*:}

[numerator]
dataset  = t_cases
measure  = cases
where    = group = Total

[denominator]
dataset  = t_cases
measure  = population
where    = group = Total

[fallback]
dataset  = t_published
measure  = pub_all
INI
done
jsna-ingest || fail "ingest exited $?"
jsna-calc || fail "calc exited $?"
echo "high_is_good, target 60:"
values t_high_is_good "area, year, round(lower95, 3), round(value, 3), round(upper95, 3), note, cmp_goal"
echo "low_is_good, target 30:"
values t_low_is_good "area, year, round(lower95, 3), round(value, 3), round(upper95, 3), note, cmp_goal"
sql "SELECT id, target FROM indicator WHERE run = (SELECT max(run) FROM indicator) ORDER BY id"

# By hand, high is good, target 60: 80 and 60 (equal) meet it, Green; the
# published 61 too; 55 (45.2 to 64.4) misses it with 60 inside, Amber;
# 20, 30, 35 (26.4 to 44.7), England's 50 (49.0 to 51.0) and the
# published 59 (no interval) miss it outside, Red. Low is good, target
# 30: 20 and 30 (equal) meet it, Green; 35 (26.4 to 44.7) Amber; the
# others Red.
check() {
	[ "$(value $1 $2 $3 cmp_goal)" = "$4" ] || fail "$1 $2 $3: $(value $1 $2 $3 cmp_goal), want $4"
}
check t_high_is_good E06000006 2024 Green
check t_high_is_good E06000007 2024 Green
check t_high_is_good E06000006 2025 Green
check t_high_is_good E06000050 2024 Amber
check t_high_is_good E06000049 2023 Red
check t_high_is_good E06000050 2025 Red
check t_low_is_good E06000049 2024 Green
check t_low_is_good E06000007 2023 Green
check t_low_is_good E06000049 2023 Amber
check t_low_is_good E06000050 2024 Red
echo "goals as worked out by hand"
