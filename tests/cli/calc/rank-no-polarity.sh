# With no polarity ('polarity = none') authorities are not ranked or
# banded, as LAIT shows "-" (README, "What is computed"); the same values
# with 'polarity = high_is_good' rank 90 (1), 80 (2), 60 and 60 (3, 3) of
# 4, in the region too, and band into quartiles.
. "$TOP/tests/data/types/lib.sh"
setup_types
ees "Reporting year" inputs/dfe/cases.csv <<'CSV'
area,time_period,group,cases,population
E92000001,2024,Total,5000,10000
E06000006,2024,Total,80,100
E06000007,2024,Total,60,100
E06000049,2024,Total,60,100
E06000050,2024,Total,90,100
CSV
cat > indicators/t_none.ini <<'INI'
[indicator]
id       = t_none
title    = Test proportion with no polarity
type     = proportion
polarity = none

[numerator]
dataset  = t_cases
measure  = cases
where    = group = Total

[denominator]
dataset  = t_cases
measure  = population
where    = group = Total
INI
jsna-ingest || fail "ingest exited $?"
jsna-calc || fail "calc exited $?"
values t_none "area, value, rank, rank_of, rank_region, rank_region_of, quartile" "area LIKE 'E06%'"
sed 's/^polarity = none/polarity = high_is_good/; s/^id       = t_none/id       = t_high/' indicators/t_none.ini > indicators/t_high.ini
jsna-calc || fail "calc exited $?"
values t_high "area, value, rank, rank_of, rank_region, rank_region_of" "area LIKE 'E06%'"
