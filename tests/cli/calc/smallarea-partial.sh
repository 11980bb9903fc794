# A region's or England's sum of small areas is given only when every
# current authority in it (the upper tiers of the LTLA-UTLA lookup) has
# its small areas: here the lookup also lists Warrington, in the North
# West, with none loaded, so the authorities' figures are given and the
# North West's and England's are not; without the lookup, neither.
. "$TOP/tests/data/smallarea/lib.sh"
setup_smallarea
cat >> inputs/reference/LTLA-UTLA_Apr23_Lookup_England.csv <<'CSV'
E06000007,Warrington,,E06000007,Warrington,,3
CSV
sed -i 's/^2024,Reporting year,Local authority,E92000001,England,E12000002,North West,876,E06000006,Halton,.*$/&\
2024,Reporting year,Local authority,E92000001,England,E12000002,North West,877,E06000007,Warrington,Children aged 0 to 17 years,40000/' inputs/ons/population.csv
cat > indicators/u5.ini <<'INI'
[indicator]
id       = u5
title    = Children aged 0 to 4
type     = count
polarity = not_applicable
[numerator]
dataset  = ons_sape
measure  = population
where    = sex = Female | Male
where    = age = 0..4
INI
jsna-ingest -q || fail "ingest failed"
jsna-calc -q 2>/dev/null || fail "calc failed"
echo "-- Warrington listed, without small areas"
sql "SELECT area, value FROM indicator_value WHERE run = (SELECT max(run) FROM indicator_value) ORDER BY area"
rm inputs/reference/LTLA-UTLA_Apr23_Lookup_England.csv
jsna-ingest -q || fail "ingest failed"
jsna-calc -q 2>/dev/null || fail "calc failed"
echo "-- no lookup"
sql "SELECT area, value FROM indicator_value WHERE run = (SELECT max(run) FROM indicator_value) ORDER BY area"
