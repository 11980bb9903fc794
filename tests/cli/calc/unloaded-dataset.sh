# A definition reading a dataset that a source definition gives
# (inputs/sources/t_absent.ini) but whose extract is not among the inputs:
# a warning naming the definition, no values for it, the other
# indicators computed, and exit 0.
. "$TOP/tests/data/types/lib.sh"
setup_types
ees "Reporting year" inputs/dfe/cases.csv <<'CSV'
area,time_period,group,cases,population
E06000050,2024,Total,30,100
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
cat > indicators/t_unloaded.ini <<'INI'
[indicator]
id       = t_unloaded
title    = Test count of a dataset not loaded
type     = count
polarity = not_applicable

[numerator]
dataset  = t_absent
measure  = absent_count
where    = absent_group = Total
INI
jsna-ingest || fail "ingest exited $?"
jsna-calc
echo "exit $?"
sql "SELECT indicator, area, year, value FROM indicator_value
     WHERE run = (SELECT max(run) FROM indicator_value) ORDER BY indicator"
