# Every kind of chart for the bundled sample, read back: jsna refresh
# writes the trend of every catalogue indicator, the compare chart of every
# one that is not a total, the gap chart of every gap, the inequality chart
# of every one with deprivation deciles, the locality chart of every one
# with values for the area's localities, the summary spine
# and the population pyramid, each as PNG, SVG and PDF with its plotted
# data and text alternative; the PNGs are 300 dpi half-A4, the PDFs hold
# their titles, the SVGs their bars and titles; the plotted data are the
# export's rows; and a second refresh writes the same bytes.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/svg-bars.sh"
cp -R "$TOP/inputs" "$TOP/indicators" "$TOP/jsna.ini" .
jsna refresh -q || fail "refresh exited $?"
C=outputs/charts

# Which charts each definition should have.
: > want.txt
for f in indicators/*.ini; do
	id=$(basename "$f" .ini)
	[ "$id" = sections ] && continue
	type=$(sed -n 's/^type *= *\([a-z]*\).*/\1/p' "$f")
	echo "${id}_trend" >> want.txt
	case $type in
	count|projection|prevalence) ;;
	*) echo "${id}_compare" >> want.txt ;;
	esac
	[ "$type" = gap ] && echo "${id}_gap" >> want.txt
	grep -q '^\(local_\)\{0,1\}deciles *=' "$f" && echo "${id}_inequality" >> want.txt
done
# Locality charts: the indicators with a value for a locality of the area
# (its rows whose parent is the area) in the export.
sqlite3 -batch loc.sqlite ".import --csv outputs/indicators.csv x" \
	"SELECT DISTINCT \"Indicator ID\" || '_localities' FROM x WHERE \"Parent Code\" = 'E06000050' AND Value <> ''" >> want.txt
echo summary_spine >> want.txt
echo population_pyramid >> want.txt
missing=0
while read -r stem; do
	for ext in png svg pdf csv txt; do
		[ -s "$C/$stem.$ext" ] || { echo "missing $stem.$ext" >&2; missing=$((missing + 1)); }
	done
done < want.txt
[ "$missing" -eq 0 ] || fail "$missing chart files missing"
echo "$(grep -c '_trend$' want.txt) trend, $(grep -c '_compare$' want.txt) compare, $(grep -c '_gap_gap$' want.txt) gap, $(grep -c '_inequality$' want.txt) inequality and $(grep -c '_localities$' want.txt) locality charts, the spine and the pyramid, each in five files"
# and nothing else
ls $C | sed -n 's/\.png$//p' | sort > have.txt
sort want.txt | cmp -s - have.txt || { sort want.txt | diff - have.txt >&2; fail "charts drawn that were not wanted"; }

# PNG: the signature, 1890 pixels wide (160 mm at 300 dpi), 1181 high (the
# spine as tall as its rows need), and a pHYs chunk of 300 dpi.
bad=0
for f in $C/*.png; do
	[ "$(od -An -tx1 -N8 "$f" | tr -d ' \n')" = 89504e470d0a1a0a ] || { echo "$f: not a PNG" >&2; bad=1; }
	w=$(be32 "$f" 16); h=$(be32 "$f" 20)
	case $f in
	*/summary_spine.png) [ "$w" -eq 1890 ] && [ "$h" -ge 1181 ] || { echo "$f: ${w}x$h" >&2; bad=1; } ;;
	*) [ "$w" -eq 1890 ] && [ "$h" -eq 1181 ] || { echo "$f: ${w}x$h" >&2; bad=1; } ;;
	esac
	grep -q pHYs "$f" || { echo "$f: no resolution" >&2; bad=1; }
done
[ "$bad" -eq 0 ] || fail "PNG files"
echo "$(ls $C/*.png | wc -l) PNG files of 1890 pixels wide at 300 dpi"

# PDF and SVG: the title read back from each (pdftotext may break a long
# title over lines: compare with spaces squeezed).
bad=0
while read -r stem; do
	case $stem in
	summary_spine) title="Summary: where the area sits among authorities" ;;
	population_pyramid) title="Children and young people by age and sex" ;;
	*) id=${stem%_*}
	   title=$(sed -n 's/^title *= *//p' "indicators/$id.ini" | sed 's/ *;.*//') ;;
	esac
	pdftotext "$C/$stem.pdf" - | tr -s ' \n' '  ' | grep -qF "$title" || { echo "$stem.pdf: no title '$title'" >&2; bad=1; }
	grep -q "<title>" "$C/$stem.svg" && grep -q "<desc>" "$C/$stem.svg" || { echo "$stem.svg: no title or desc" >&2; bad=1; }
done < want.txt
[ "$bad" -eq 0 ] || fail "titles"
echo "every PDF holds its title; every SVG a title and a description"

# The long export and the plotted data, side by side in SQL.
csv_import() { sqlite3 -batch db.sqlite ".import --csv $1 $2"; }
csv_import outputs/indicators.csv x

# Compare charts: the plotted rows are the export's, and each SVG bar is
# as long as its value from a common zero, filled by its comparison.
nbars=0
for f in $C/*_compare.csv; do
	stem=$(basename "$f" .csv)
	id=${stem%_compare}
	sqlite3 -batch db.sqlite "DROP TABLE IF EXISTS p;" ".import --csv $f p"
	diff=$(sqlite3 -batch db.sqlite "SELECT count(*) FROM p LEFT JOIN x ON
		x.\"Indicator ID\" = '$id' AND x.Category = '' AND
		x.\"Area Code\" = p.\"Area Code\" AND
		x.\"Time period Sortable\" = p.\"Time period Sortable\"
		WHERE coalesce(x.Value, '') IS NOT p.Value OR
		coalesce(x.\"Compared to England value or percentiles\", '') IS NOT
		p.\"Compared to England value or percentiles\" OR
		coalesce(x.\"Value note\", '') IS NOT p.\"Value note\"")
	[ "$diff" -eq 0 ] || fail "$stem.csv: $diff rows differ from the export"
	sqlite3 -batch -separator '|' db.sqlite "SELECT \"Area Code\", Value,
		\"Compared to England value or percentiles\" FROM p
		WHERE Value <> '' ORDER BY rowid" > plotted.txt
	svg_bars "$C/$stem.svg" > bars.txt
	[ "$(wc -l < plotted.txt)" -eq "$(wc -l < bars.txt)" ] || fail "$stem.svg: $(wc -l < bars.txt) bars for $(wc -l < plotted.txt) values"
	check_bars plotted.txt bars.txt || fail "$stem.svg: bars"
	nbars=$((nbars + $(wc -l < bars.txt)))
done
echo "compare charts: plotted data = export rows; $nbars bars proportional to their values from zero, coloured by their comparison"

# Trend charts: the area's values are the export's, period by period
# (a projection's periods from the projection's rows).
bad=0
for f in $C/*_trend.csv; do
	stem=$(basename "$f" .csv)
	id=${stem%_trend}
	proj=$(grep -l "^continues *= *$id\b" indicators/*.ini | head -1)
	proj=${proj:+$(basename "$proj" .ini)}
	sqlite3 -batch db.sqlite "DROP TABLE IF EXISTS p;" ".import --csv $f p"
	area=$(head -1 "$f" | cut -d, -f3)
	diff=$(sqlite3 -batch db.sqlite "SELECT count(*) FROM p WHERE coalesce(
		(SELECT Value FROM x WHERE \"Indicator ID\" = '$id' AND
		 \"Area Code\" = 'E06000050' AND Category = '' AND
		 \"Time period Sortable\" = p.\"Time period Sortable\"),
		(SELECT Value FROM x WHERE \"Indicator ID\" = '$proj' AND
		 \"Area Code\" = 'E06000050' AND Category = '' AND
		 \"Time period Sortable\" = p.\"Time period Sortable\"), '')
		IS NOT p.\"$area\"")
	[ "$diff" -eq 0 ] || { echo "$stem.csv: $diff periods differ from the export" >&2; bad=1; }
done
[ "$bad" -eq 0 ] || fail "trend data"
echo "trend charts: the area's plotted values = export rows, projections included"

# Gap charts: every plotted value (a group or the gap) is the export's.
for f in $C/*_gap_gap.csv; do
	sqlite3 -batch db.sqlite "DROP TABLE IF EXISTS p;" ".import --csv $f p"
	diff=$(sqlite3 -batch db.sqlite "SELECT count(*) FROM p WHERE NOT EXISTS
		(SELECT 1 FROM x WHERE x.\"Indicator ID\" = p.\"Indicator ID\" AND
		x.\"Area Code\" = p.\"Area Code\" AND x.Category = p.Category AND
		x.\"Time period Sortable\" = p.\"Time period Sortable\" AND
		x.Value = p.Value) AND p.Value <> ''")
	[ "$diff" -eq 0 ] || fail "$(basename "$f"): $diff values differ from the export"
done
echo "gap charts: every plotted group and gap = export rows"

# The spine: the area's and England's values are the export's.
sqlite3 -batch db.sqlite "DROP TABLE IF EXISTS p;" ".import --csv $C/summary_spine.csv p"
diff=$(sqlite3 -batch db.sqlite "SELECT count(*) FROM p WHERE
	coalesce((SELECT Value FROM x WHERE x.\"Indicator ID\" = p.\"Indicator ID\"
	AND x.\"Area Code\" = 'E06000050' AND x.Category = '' AND
	x.\"Time period Sortable\" = p.\"Time period Sortable\"), '') IS NOT p.Value
	OR coalesce((SELECT Value FROM x WHERE x.\"Indicator ID\" = p.\"Indicator ID\"
	AND x.\"Area Code\" = 'E92000001' AND x.Category = '' AND
	x.\"Time period Sortable\" = p.\"Time period Sortable\"), '') IS NOT p.England")
[ "$diff" -eq 0 ] || fail "summary_spine.csv: $diff rows differ from the export"
echo "summary spine: $(($(wc -l < $C/summary_spine.csv) - 1)) rows, area and England = export rows"

# The pyramid: each area's percentages add up to 100.
awk -F, 'NR > 1 { s[$1] += $7 + $8 } END { for (a in s) { d = s[a] - 100; if (d < -1e-6 || d > 1e-6) { print a ": " s[a]; bad = 1 } }; exit bad }' \
	$C/population_pyramid.csv || fail "pyramid percentages"
echo "population pyramid: $(($(wc -l < $C/population_pyramid.csv) - 1)) rows, each area's percentages add up to 100"
# Its SVG bars, oldest at the top: males (#57AEF8) grow left from one edge,
# females (#5352BE) right from another, each as long as its percentage.
svg_bars $C/population_pyramid.svg > bars.txt
awk -F, 'NR > 1 && $1 == "E06000050" { print $4, $7, $8 }' $C/population_pyramid.csv |
	sort -rn > ages.txt
awk 'FNR == NR { m[++n] = $2; f[n] = $3; next }
	$2 == "57AEF8" { i++; w = $1; want = m[i]; end = $3 + $1
		if (i == 1) edge_m = end; else if (end - edge_m > 0.05 || edge_m - end > 0.05) { print "male bar " i " ends at " end; bad = 1 } }
	$2 == "5352BE" { j++; w = $1; want = f[j]; x = $3
		if (j == 1) edge_f = x; else if (x - edge_f > 0.05 || edge_f - x > 0.05) { print "female bar " j " starts at " x; bad = 1 } }
	$2 == "57AEF8" || $2 == "5352BE" {
		if (!k) k = w / want
		d = w - k * want; if (d < 0) d = -d
		if (d > 0.05) { print "bar of " want "% is " w " pt (want " k * want ")"; bad = 1 }
	}
	END { if (i != n || j != n) { print i " male and " j " female bars for " n " ages"; bad = 1 }
		if (!(edge_m < edge_f)) { print "males are not left of females"; bad = 1 }
		exit bad }' ages.txt bars.txt || fail "pyramid bars"
echo "population pyramid: $(wc -l < ages.txt) ages, male and female bars from the centre as long as their percentages"

# The same inputs give the same bytes.
cp -R "$C/" first
jsna refresh -q || fail "second refresh exited $?"
diff -r first "$C/" > /dev/null || { diff -rq first "$C/" >&2; fail "a second refresh changed chart files"; }
echo "a second refresh writes byte-identical charts ($(ls first | wc -l) files)"
