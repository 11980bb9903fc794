# Adding an indicator is adding a file: after a `jsna refresh` of a project
# with one definition, a new definition dropped into indicators/ appears,
# with its values, in outputs/indicators.csv at the next refresh, with
# nothing rebuilt (the same programs run both refreshes).
. "$TOP/tests/data/types/lib.sh"
setup_types
ees "Reporting year" inputs/dfe/cases.csv <<'CSV'
area,time_period,group,cases,population
E92000001,2024,Total,5000,10000
E12000002,2024,Total,700,1000
E06000050,2024,Total,30,100
E06000050,2025,Total,35,100
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
jsna refresh || fail "first refresh exited $?"
echo "first refresh:"
cut -d, -f1 outputs/indicators.csv | sort | uniq -c

cat > indicators/t_new.ini <<'INI'
[indicator]
id       = t_new
title    = Test new proportion
type     = proportion
polarity = high_is_good
decimals = 1

[numerator]
dataset  = t_cases
measure  = cases
where    = group = Total

[denominator]
dataset  = t_cases
measure  = population
where    = group = Total
INI
jsna refresh || fail "second refresh exited $?"
echo "second refresh:"
cut -d, -f1 outputs/indicators.csv | sort | uniq -c
export_rows t_new Indicator_Name Area_Code Time_period Value Count Denominator
# By hand: 30 / 100 = 30%, 35 / 100 = 35%, England 50%, North West 70%.
near "new 2024" "$(export_rows t_new Area_Code Time_period Value | grep '^E06000050|2024|' | cut -d'|' -f3)" 30 1e-9
near "new 2025" "$(export_rows t_new Area_Code Time_period Value | grep '^E06000050|2025|' | cut -d'|' -f3)" 35 1e-9
