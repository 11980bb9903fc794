# A definition naming a dataset that no source definition gives: an error
# naming the definition's FILE:LINE (the selection's first line), the
# indicator left out, the others computed, and exit 1.
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
cat > indicators/t_typo.ini <<'INI'
[indicator]
id       = t_typo
title    = Test count of a misspelt dataset
type     = count
polarity = not_applicable

[numerator]
dataset  = t_casse
measure  = cases
where    = group = Total
INI
jsna-ingest || fail "ingest exited $?"
jsna-calc
echo "exit $?"
sql "SELECT indicator, area, year, value FROM indicator_value
     WHERE run = (SELECT max(run) FROM indicator_value) ORDER BY indicator"
