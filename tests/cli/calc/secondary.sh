# Secondary suppression ('secondary = yes'): the age bands add up to the
# total, so when exactly one band is withheld (a count under 5) and the
# total is known, the smallest other band is withheld too and shown 'c'.
# Not when two bands are already withheld, not when the total is unknown,
# and not for a category type without 'secondary = yes'.
. "$TOP/tests/data/types/lib.sh"
setup_types
ees "Reporting year" inputs/dfe/cases.csv <<'CSV'
area,time_period,group,cases,population
E06000050,2024,Total,100,
E06000050,2024,0 to 4,3,
E06000050,2024,5 to 9,20,
E06000050,2024,10 to 15,30,
E06000050,2024,16 and over,47,
E06000050,2024,Male,2,
E06000050,2024,Female,98,
E06000006,2024,Total,100,
E06000006,2024,0 to 4,2,
E06000006,2024,5 to 9,4,
E06000006,2024,10 to 15,44,
E06000006,2024,16 and over,50,
E06000007,2024,Total,x,
E06000007,2024,0 to 4,3,
E06000007,2024,5 to 9,20,
E06000007,2024,10 to 15,30,
E06000007,2024,16 and over,40,
E06000049,2024,Total,100,
E06000049,2024,0 to 4,10,
E06000049,2024,5 to 9,20,
E06000049,2024,10 to 15,30,
E06000049,2024,16 and over,40,
CSV
cat > indicators/t_cases.ini <<'INI'
[indicator]
id       = t_cases
title    = Test cases
type     = count
polarity = not_applicable

[numerator]
dataset  = t_cases
measure  = cases
where    = group = Total

[category age_0_4]
category_type = Age
category      = 0 to 4
where         = group = 0 to 4
secondary     = yes

[category age_5_9]
category_type = Age
category      = 5 to 9
where         = group = 5 to 9
secondary     = yes

[category age_10_15]
category_type = Age
category      = 10 to 15
where         = group = 10 to 15
secondary     = yes

[category age_16]
category_type = Age
category      = 16 and over
where         = group = 16 and over
secondary     = yes

[category male]
category_type = Sex
category      = Male
where         = group = Male

[category female]
category_type = Sex
category      = Female
where         = group = Female
INI
jsna-ingest || fail "ingest exited $?"
jsna-calc -v || fail "calc exited $?"
values t_cases "area, category_type, category, value, note" "category_type != ''" |
	sort -t'|' -k1,1 -k2,2 -s
