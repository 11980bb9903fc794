# The refresh of the bundled inputs (every authority, region and England,
# 2014 to 2025) reproduces every value computed apart from the code under
# test, and the showcase sentence of the generator's known inputs.
. "$TOP/tests/cli/lib.sh"
cp -R "$TOP/inputs" "$TOP/indicators" "$TOP/jsna.ini" .
jsna refresh -q || fail "refresh exited $?"
awk -f "$TOP/tests/cli/expected-rates.awk" \
	inputs/ons/ons_mid-year_population_estimates_2012_to_2024.csv \
	inputs/dfe/cla_number_and_rate_per_10k_children.csv > expected.csv
awk -v id=cla_rate -f "$TOP/tests/cli/compare-export.awk" expected.csv outputs/indicators.csv || fail "export differs"
grep -m1 -o 'In 2025 there were 496 children in care in Cheshire West and Chester, a rate of 74 per 10,000 children aged under 18, higher than England (65).' \
	outputs/report/population-needs.html
# The generator's published whole-number rates (integer arithmetic, half
# up) are our full-precision values rounded half up.
awk -F, 'FNR == 1 { file++; next }
	file == 1 && $11 ~ /31 March/ && $3 == "Local authority" && $14 ~ /^[0-9]+$/ {
		pub[$10 "," $1] = $14; next }
	file == 2 && $1 == "cla_rate" && $13 != "" {
		# The indicator name is quoted and holds a comma: count from the end.
		key = $6 "," substr($(NF-7), 1, 4)
		if (key in pub) { n++; if (int($14 + 0.5) != pub[key] + 0) { print "differs: " key; bad++ } }
	}
	END { print n " published rates reproduced"; exit bad > 0 }' \
	inputs/dfe/cla_number_and_rate_per_10k_children.csv outputs/indicators.csv || fail "rounded rates"
# Every definition of the catalogue has a value for the configured area in
# the long export, and one for England and the region too, but for the
# council's own extracts (local_* datasets), which hold the council alone,
# and the sums of small areas (ons_sape, and the SIIs over their deciles):
# the bundled sample holds the council's small areas alone, and a sum for
# the region or England needs every authority's.
sqlite3 -batch -noheader :memory: ".import --csv outputs/indicators.csv x" \
	"SELECT \"Indicator ID\" || '|' || \"Area Code\" FROM x WHERE Value <> '' GROUP BY 1" > have.txt
missing=0
for f in indicators/*.ini; do
	id=$(basename "$f" .ini)
	[ "$id" = sections ] && continue
	areas="E06000050"
	grep -q -E '^dataset *= *(local_|ons_sape)|^type *= *sii' "$f" ||
		areas="$areas E92000001 E12000002"
	for a in $areas; do
		grep -qx "$id|$a" have.txt || { echo "no value: $id for $a" >&2; missing=$((missing + 1)); }
	done
done
[ "$missing" -eq 0 ] || fail "$missing catalogue values missing from the export"
echo "$(ls indicators/*.ini | grep -vc sections.ini) catalogue indicators have values for the area and its benchmarks"
