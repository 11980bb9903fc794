# The slope index of inequality (type sii) of an indicator broken down by
# the authority's own deprivation deciles: ten LSOAs in Cheshire West and
# Chester, one in each local decile (IMD ranks 1 to 10), each with 100
# children aged 0 (50 girls, 50 boys), reached by children's centres 95,
# 85, ..., 5 of them. By hand: every decile holds a tenth of the children,
# so their relative ranks are 0.05, 0.15, ..., 0.95; the reach, 0.95 down
# to 0.05, lies on the line 1 - b, so the weighted fit is exact: slope -1,
# intercept 1; the SII is -1 x 100 = -100 percentage points (the least
# deprived end less the most deprived). Its intervals come from the
# simulation: they must hold it, the 99.8% one the 95% one, and two runs
# must give the same bytes.
. "$TOP/tests/data/smallarea/lib.sh"
setup_smallarea
rm inputs/ons/sapelsoasyoa_mid-2022.csv inputs/local/childrens_centre_reach_lsoa.csv
awk 'BEGIN {
	h = "LAD 2023 Code,LAD 2023 Name,LSOA 2021 Code,LSOA 2021 Name,Total"
	for (a = 0; a <= 90; a++) h = h ",F" a
	for (a = 0; a <= 90; a++) h = h ",M" a
	print h
	for (i = 1; i <= 10; i++) {
		r = sprintf("E06000050,Cheshire West and Chester,E010001%02d,Cheshire West and Chester 1%02dA,100", i, i)
		for (a = 0; a <= 90; a++) r = r "," (a == 0 ? 50 : 0)
		for (a = 0; a <= 90; a++) r = r "," (a == 0 ? 50 : 0)
		print r
	}
}' > inputs/ons/sapelsoasyoa_mid-2022.csv
{
	head -1 inputs/reference/imd2025_lsoa.csv
	for i in 1 2 3 4 5 6 7 8 9 10; do
		printf 'E010001%02d,x,E06000050,Cheshire West and Chester,%d,1\n' "$i" "$i"
	done
} > imd.csv && mv imd.csv inputs/reference/imd2025_lsoa.csv
{
	echo "LSOA code,LSOA name,Year,Under 5s reached"
	for i in 1 2 3 4 5 6 7 8 9 10; do
		printf 'E010001%02d,x,2022-23,%d\n' "$i" $((105 - 10 * i))
	done
} > inputs/local/reach.csv
cat > indicators/reach_dep.ini <<'INI'
[indicator]
id       = reach_dep
title    = Reach by deprivation
type     = proportion
polarity = high_is_good
local_deciles = IMD2025
[numerator]
dataset  = local_childrens_centre_reach
measure  = Under 5s reached
[denominator]
dataset  = ons_sape
measure  = population
where    = sex = Female | Male
where    = age = 0..4
period_as     = financial
period_offset = -1
INI
cat > indicators/reach_sii.ini <<'INI'
[indicator]
id       = reach_sii
title    = Inequality in reach
type     = sii
polarity = not_applicable
[deciles]
indicator = reach_dep
INI
jsna-ingest -q || fail "ingest failed"
jsna-calc -q 2>/dev/null || fail "calc failed"
q="SELECT area, year, printf('%.12f', value), lower95 < value AND value < upper95,
	lower998 < lower95 AND upper95 < upper998, note
	FROM indicator_value WHERE indicator = 'reach_sii'
	AND run = (SELECT max(run) FROM indicator_value) ORDER BY area"
sql "$q"
sql "SELECT id, type, ci, unit, group_a FROM indicator WHERE id = 'reach_sii'
	AND run = (SELECT max(run) FROM indicator)"
first=$(sql "SELECT printf('%.17g %.17g', lower95, upper998) FROM indicator_value
	WHERE indicator = 'reach_sii' AND area = 'E06000050' AND run = (SELECT max(run) FROM indicator_value)")
jsna-calc -q 2>/dev/null || fail "calc failed"
second=$(sql "SELECT printf('%.17g %.17g', lower95, upper998) FROM indicator_value
	WHERE indicator = 'reach_sii' AND area = 'E06000050' AND run = (SELECT max(run) FROM indicator_value)")
[ "$first" = "$second" ] || fail "the limits differ between runs: $first / $second"
echo "the same limits twice"
