# A count: the value is the count itself, with no interval and no
# denominator; counts of 1 to 4 (under suppress_below = 5 of jsna.ini) are
# withheld as 'c', 5 and 0 are kept, and the publisher's symbols (c, x)
# are carried into the note with no value.
. "$TOP/tests/data/types/lib.sh"
setup_types
ees "Reporting year" inputs/dfe/cases.csv <<'CSV'
area,time_period,group,cases,population
E92000001,2024,Total,50000,1000000
E12000002,2024,Total,7000,100000
E06000006,2024,Total,120,1000
E06000007,2024,Total,4,1000
E06000007,2025,Total,5,1000
E06000049,2024,Total,0,1000
E06000050,2024,Total,x,1000
E06000050,2025,Total,c,1000
CSV
cat > indicators/t_count.ini <<'INI'
[indicator]
id       = t_count
title    = Test count
type     = count
polarity = not_applicable

[numerator]
dataset  = t_cases
measure  = cases
where    = group = Total
INI
jsna-ingest || fail "ingest exited $?"
jsna-calc -v || fail "calc exited $?"
values t_count "area, year, value, lower95, upper95, lower998, upper998, count, denominator, note"
