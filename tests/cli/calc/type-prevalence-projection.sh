# A prevalence: the national rate applied to the local population (8 per
# 100 of the people aged 0 to 2), an estimated number with the population
# as Denominator and no interval; a projection: a projected count (the
# people aged 0 to 2 in the projection years), with no interval and no
# denominator.
. "$TOP/tests/data/types/lib.sh"
setup_types
cat > pop.txt <<'CSV'
area,time_period,sex,age,people
E92000001,2024,Persons,0,600000
E92000001,2024,Persons,1,610000
E92000001,2024,Persons,2,620000
E06000006,2024,Persons,0,1300
E06000006,2024,Persons,1,1350
E06000006,2024,Persons,2,1400
E06000050,2024,Persons,0,3300
E06000050,2024,Persons,1,3450
E06000050,2024,Persons,2,3525
E06000050,2030,Persons,0,3100
E06000050,2030,Persons,1,3150
E06000050,2030,Persons,2,3200
CSV
ees "Calendar year" inputs/dfe/pop.csv < pop.txt
cat > indicators/t_prev.ini <<'INI'
[indicator]
id       = t_prev
title    = Test estimated prevalence
type     = prevalence
polarity = not_applicable
rate     = 8
rate_per = 100

[denominator]
dataset  = t_population
measure  = people
where    = sex = Persons
where    = age = 0..2
label    = people aged 0 to 2
INI
cat > indicators/t_proj.ini <<'INI'
[indicator]
id       = t_proj
title    = Test projected population
type     = projection
polarity = not_applicable

[numerator]
dataset  = t_population
measure  = people
where    = sex = Persons
where    = age = 0..2
INI
jsna-ingest || fail "ingest exited $?"
jsna-calc || fail "calc exited $?"
echo "prevalence:"
values t_prev "area, year, round(value, 6), lower95, upper95, count, denominator, note"
echo "projection:"
values t_proj "area, year, value, lower95, upper95, count, denominator, note"

# From pop.txt: the population aged 0 to 2 of each area and year, and 8%
# of it.
awk -F, 'NR > 1 { s[$1 " " $2] += $5 } END { for (k in s) print k, s[k] }' pop.txt |
while read -r area year pop; do
	near "$area $year prevalence" "$(value t_prev $area $year value)" "$(awk -v p=$pop 'BEGIN { printf "%.9f", 8 / 100 * p }')" 1e-9
	near "$area $year population" "$(value t_prev $area $year denominator)" "$pop" 0
	near "$area $year projection" "$(value t_proj $area $year value)" "$pop" 0
done || exit 1
echo "8 per 100 of the population aged 0 to 2, by hand"
