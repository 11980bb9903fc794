# The compare-areas chart on the small extracts (the area, its three
# statistical neighbours, the region and England): the files are there, the
# PNG is 1890 x 1181, the PDF holds the title, each SVG bar is as long as
# its value and filled with the colour of its comparison with England, and
# the plotted data beside the chart are the export's rows for those areas.
. "$TOP/tests/cli/lib.sh"
setup_small
jsna-ingest || fail "ingest exited $?"
jsna-calc || fail "calc exited $?"
jsna-chart || fail "chart exited $?"
jsna-table || fail "table exited $?"
c=outputs/charts/cla_rate_compare
for f in $c.png $c.svg $c.pdf $c.csv $c.txt; do
	[ -s "$f" ] || fail "missing $f"
done

[ "$(od -An -tx1 -N8 $c.png | tr -d ' ')" = 89504e470d0a1a0a ] || fail "not a PNG"
echo "png $(be32 $c.png 16)x$(be32 $c.png 20)"
head -c 5 $c.pdf | grep -q '%PDF-' || fail "not a PDF"
pdftotext $c.pdf - | grep -q 'Children in care per 10,000 children aged under 18' || fail "pdf title"
echo "pdf title read back"
grep -q '<title>Children in care per 10,000 children aged under 18</title>' $c.svg || fail "svg title"

# Splits a CSV line with quoted fields into f[1..n] (mawk has no FPAT).
cat > csv.awk <<'AWK'
function split_csv(line, f,    i, c, q, k, field) {
	k = 0; field = ""; q = 0
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (q) { if (c == "\"") q = 0; else field = field c }
		else if (c == "\"") q = 1
		else if (c == ",") { f[++k] = field; field = "" }
		else field = field c
	}
	f[++k] = field
	return k
}
AWK

# The plotted data: code, period, value, limits, note, comparison.
awk -f csv.awk -f /dev/stdin $c.csv > plotted.txt <<'AWK'
NR > 1 { split_csv($0, f); print f[1] "|" f[4] "|" f[5] "|" f[6] "|" f[7] "|" f[8] "|" f[9] }
AWK
[ "$(wc -l < plotted.txt)" -eq 6 ] || fail "expected 6 bars, got $(wc -l < plotted.txt)"
period=$(head -1 plotted.txt | cut -d'|' -f2)
cut -d'|' -f1 plotted.txt | sort > codes.txt
# The same areas and period in the long export.
awk -v period="$period" -f csv.awk -f /dev/stdin codes.txt outputs/indicators.csv > exported.txt <<'AWK'
FNR == NR { want[$1] = 1; next }
FNR == 1 { next }
{
	split_csv($0, f)
	if (f[1] == "cla_rate" && f[11] == "" && f[24] == period && (f[5] in want))
		print f[5] "|" f[24] "|" f[13] "|" f[14] "|" f[15] "|" f[20] "|" f[22]
}
AWK
sort plotted.txt > a.txt
sort exported.txt > b.txt
cmp -s a.txt b.txt || { diff a.txt b.txt >&2; fail "the plotted data differ from the export"; }
echo "plotted data = export rows for $(wc -l < a.txt) areas in $period"

# Bars in the SVG: cairo draws cairo_rectangle as a path
# "M x0 y0 L x1 y0 L x1 y1 L x0 y1 Z"; bars have a 0.5 pt outline (1.5 pt
# for the area), legend swatches 0.6 pt. Top to bottom: x width fill.
grep -o '<path style="fill-rule:nonzero;fill:rgb([^"]*stroke-width:\(0\.5\|1\.5\);[^"]*" d="M [0-9.]* [0-9.]* L [0-9.]* [0-9.]* L [0-9.]* [0-9.]* L [0-9.]* [0-9.]* Z M [0-9.]* [0-9.]* "' $c.svg |
	sed 's/.*fill:rgb(\([0-9.]*\)%,\([0-9.]*\)%,\([0-9.]*\)%).* d="M \([0-9.]*\) \([0-9.]*\) L \([0-9.]*\) .*/\5 \4 \6 \1 \2 \3/' |
	sort -n | awk '{ printf "%.3f %02X%02X%02X\n", $3 - $2, int($4 * 2.55 + 0.5), int($5 * 2.55 + 0.5), int($6 * 2.55 + 0.5) }' > bars.txt
[ "$(wc -l < bars.txt)" -eq 6 ] || { cat bars.txt >&2; fail "expected 6 bars in the SVG"; }
# Chart order is the CSV's order; GOV.UK fills by outcome, England grey.
awk -F'|' '$3 != ""' plotted.txt | cut -d'|' -f3,7 | tr '|' ' ' | paste -d' ' - bars.txt | awk '
BEGIN {
	fill["Higher"] = "003078"; fill["Lower"] = "5694CA"
	fill["Similar"] = "FFDD00"; fill["Better"] = "00703C"
	fill["Worse"] = "D4351C"; fill[""] = "B1B4B6"
}
{
	# value [cmp] width fill: England has no comparison word
	if (NF == 3) { v = $1; cmp = ""; w = $2; col = $3 } else { v = $1; cmp = $2; w = $3; col = $4 }
	val[NR] = v; wid[NR] = w
	if (v > max) { max = v; k = w / v }
	if (col != fill[cmp]) { print "bar " NR " (" cmp ") is " col ", not " fill[cmp]; bad = 1 }
}
END {
	for (i = 1; i <= NR; i++) {
		d = wid[i] - k * val[i]
		if (d < 0) d = -d
		if (d > 0.5) { print "bar " i " is " wid[i] " pt for " val[i] " (want " k * val[i] ")"; bad = 1 }
	}
	if (!bad) print NR " bars proportional to their values and coloured by their comparison"
	exit bad
}' || fail "bars"
grep -q '^Cheshire West and Chester (the area): 74 (95% confidence interval 68 to 81), higher than England\.$' $c.txt || fail "text alternative"
echo "text alternative names the outcome"
