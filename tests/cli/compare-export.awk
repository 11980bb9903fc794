# compare-export.awk - checks the long export against expected values.
# usage: awk -v id=cla_rate -f compare-export.awk EXPECTED.csv indicators.csv
# Each expected row AREA,YEAR,COUNT,DENOMINATOR,VALUE,LOWER,UPPER must be in
# the export with the same count and denominator and the value and 95%
# limits within a relative 1e-9. Prints how many matched; exits 1 otherwise.
BEGIN { FS = "," }
function rel(a, b) { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; return m > 0 ? d / m : d }
FNR == NR { want[$1 "," $2] = $0; n++; next }
FNR == 1 {
	# The export quotes names with commas: find columns from the end.
	next
}
{
	# Area Code is field 5 only when earlier fields hold no comma; the
	# indicator name is quoted, so rebuild the row with a quote-aware split.
	line = $0; k = 0; field = ""; q = 0
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (q) { if (c == "\"") q = 0; else field = field c }
		else if (c == "\"") q = 1
		else if (c == ",") { g[++k] = field; field = "" }
		else field = field c
	}
	g[++k] = field
	if (g[1] != id) next
	key = g[5] "," substr(g[24], 1, 4)
	if (!(key in want)) next
	split(want[key], w, ",")
	if (g[18] + 0 != w[3] + 0 || g[19] + 0 != w[4] + 0) { print "count or denominator differ for " key ": " g[18] "/" g[19] " vs " w[3] "/" w[4]; bad++ }
	if (rel(g[13], w[5]) > 1e-9 || rel(g[14], w[6]) > 1e-9 || rel(g[15], w[7]) > 1e-9) {
		print "value or limits differ for " key ": " g[13] " " g[14] " " g[15] " vs " w[5] " " w[6] " " w[7]; bad++
	}
	seen[key] = 1; ok++
}
END {
	for (key in want) if (!(key in seen)) { print "missing from the export: " key; bad++ }
	if (bad) exit 1
	print ok " of " n " values match the independent computation"
}
