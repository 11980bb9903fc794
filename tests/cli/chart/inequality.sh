# The inequality and locality charts of the bundled sample, read back:
# every indicator with deprivation deciles has its inequality chart and
# every one with locality values its locality chart, each in five files;
# the plotted data are the export's rows; the SVG's ten bars stand in
# decile order from one zero line, as tall as the export's values; the
# area's line is at its own value; the fitted line's ends are the intercept
# and intercept + SII of a weighted least-squares fit worked here from the
# export's deciles (and the SII is the one calc published); each locality
# bar is filled by the locality's comparison with the authority in the
# export. Then again with a publication threshold that withholds deciles:
# their bars go, "c" says why, and the fitted line goes with them.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/svg-bars.sh"
cp -R "$TOP/inputs" "$TOP/indicators" "$TOP/jsna.ini" .
jsna refresh -q || fail "refresh exited $?"
C=outputs/charts
AREA=E06000050
db() { sqlite3 -batch -noheader db.sqlite "$@"; }

# The deciles in their order, as Fingertips words them (indicator.c).
cat > deciles.txt <<'EOF'
Most deprived decile
Second most deprived decile
Third more deprived decile
Fourth more deprived decile
Fifth more deprived decile
Fifth less deprived decile
Fourth less deprived decile
Third less deprived decile
Second least deprived decile
Least deprived decile
EOF

# Vertical bars in an SVG, left to right: "x0 top bottom fill" (cairo
# writes a rectangle as "M x0 y0 L x1 y0 L x1 y1 L x0 y1 Z"; the bars have
# a 0.5 pt outline, which nothing else on the chart has).
svg_vbars() {
	grep -o '<path style="fill-rule:nonzero;fill:rgb([^"]*stroke-width:0\.5;[^"]*" d="M [0-9.]* [0-9.]* L [0-9.]* [0-9.]* L [0-9.]* [0-9.]* L [0-9.]* [0-9.]* Z M [0-9.]* [0-9.]* "' "$1" |
		sed 's/.*fill:rgb(\([0-9.]*\)%,\([0-9.]*\)%,\([0-9.]*\)%).* d="M \([0-9.]*\) \([0-9.]*\) L [0-9.]* [0-9.]* L [0-9.]* \([0-9.]*\) .*/\4 \5 \6 \1 \2 \3/' |
		sort -n | awk '{ printf "%.4f %.4f %.4f %02X%02X%02X\n", $1, $2, $3, int($4 * 2.55 + 0.5), int($5 * 2.55 + 0.5), int($6 * 2.55 + 0.5) }'
}
# The points of the polylines drawn with this stroke colour and width (and
# a dash when $3 is "dash"), one line each: "x y x y ...".
svg_lines() {
	grep -o "<path style=\"fill:none;stroke-width:$2;[^\"]*stroke:rgb($1);[^\"]*\" d=\"[^\"]*\"" "$4" |
		if [ "$3" = dash ]; then grep 'dasharray'; else grep -v 'dasharray'; fi |
		sed 's/.* d="//; s/"$//; s/[ML] //g'
}

db ".import --csv outputs/indicators.csv x"
q() { db "$1"; }

# Which indicators should have which chart: the definitions with deciles;
# the indicators with a value for a locality of the area in the export.
: > want.txt
for f in indicators/*.ini; do
	grep -q '^\(local_\)\{0,1\}deciles *=' "$f" && echo "$(basename "$f" .ini)_inequality" >> want.txt
done
q "SELECT DISTINCT \"Indicator ID\" || '_localities' FROM x WHERE \"Parent Code\" = '$AREA' AND Value <> '' ORDER BY 1" >> want.txt
ls $C | sed -n 's/\.png$//p' | grep -E '_(inequality|localities)$' | sort > have.txt
sort want.txt > want.sorted
cmp -s want.sorted have.txt || { diff want.sorted have.txt >&2; fail "the inequality and locality charts are not those wanted"; }
while read -r stem; do
	for ext in png svg pdf csv txt; do
		[ -s "$C/$stem.$ext" ] || fail "missing $stem.$ext"
	done
	[ "$(be32 $C/$stem.png 16)x$(be32 $C/$stem.png 20)" = 1890x1181 ] || fail "$stem.png is not 1890 x 1181"
done < want.sorted
echo "$(grep -c _inequality want.sorted) inequality and $(grep -c _localities want.sorted) locality charts, each in five files"

# ---- inequality charts ----

for f in $C/*_inequality.csv; do
	stem=$(basename "$f" .csv)
	id=${stem%_inequality}
	db "DROP TABLE IF EXISTS p;" ".import --csv $f p"
	# the latest period with the area's deciles in the export
	want=$(q "SELECT max(\"Time period Sortable\") FROM x WHERE \"Indicator ID\" = '$id' AND \"Area Code\" = '$AREA' AND Category <> '' AND (Value <> '' OR \"Value note\" = 'c')")
	got=$(q "SELECT DISTINCT \"Time period Sortable\" FROM p")
	[ "$got" = "$want" ] || fail "$stem: period $got, not the latest with deciles ($want)"
	# every plotted row (deciles, the area's own, the SII) is the export's
	diff=$(q "SELECT count(*) FROM p WHERE p.\"Area Code\" <> '$AREA' OR
		(p.Category NOT LIKE 'Fitted line%' AND NOT EXISTS (SELECT 1 FROM x WHERE
		x.\"Indicator ID\" = p.\"Indicator ID\" AND x.\"Area Code\" = p.\"Area Code\" AND
		x.Category = p.Category AND x.\"Time period Sortable\" = p.\"Time period Sortable\" AND
		x.Value IS p.Value AND x.\"Lower CI 95.0 limit\" IS p.\"Lower CI 95.0 limit\" AND
		x.\"Upper CI 95.0 limit\" IS p.\"Upper CI 95.0 limit\" AND
		x.\"Value note\" IS p.\"Value note\" AND x.Denominator IS p.Denominator))")
	[ "$diff" -eq 0 ] || fail "$stem.csv: $diff rows differ from the export"

	# The export's deciles in their order: "value|denominator", one a line.
	: > ex.txt
	while read -r name; do
		q "SELECT Value || '|' || Denominator FROM x WHERE \"Indicator ID\" = '$id' AND \"Area Code\" = '$AREA' AND Category LIKE '$name (%' AND \"Time period Sortable\" = $want" >> ex.txt
	done < deciles.txt
	[ "$(wc -l < ex.txt)" -eq 10 ] || fail "$stem: $(wc -l < ex.txt) deciles in the export"
	# A zero has no bar (its label says 0): the others, with their decile.
	awk -F'|' '$1 + 0 != 0 { print NR, $1 }' ex.txt > nonzero.txt
	svg_vbars $C/$stem.svg > bars.txt
	[ "$(wc -l < bars.txt)" -eq "$(wc -l < nonzero.txt)" ] || fail "$stem.svg: $(wc -l < bars.txt) bars for $(wc -l < nonzero.txt) deciles above zero"
	# Left to right in decile order, each in its tenth of the plot, from
	# one zero line, height k x value (k from the tallest), all in one
	# tint of the area's blue.
	paste -d' ' bars.txt nonzero.txt > vb.txt
	awk '
	{ x[NR] = $1; top[NR] = $2; bot[NR] = $3; col[NR] = $4; dec[NR] = $5; v[NR] = $6
	  if ($6 > max) { max = $6; k = ($3 - $2) / $6 } }
	END {
		slot = (x[NR] - x[1]) / (dec[NR] - dec[1])
		for (i = 1; i <= NR; i++) {
			if (col[i] != "A0B4C5") { print "bar " i " is " col[i]; bad = 1 }
			d = x[i] - (x[1] + (dec[i] - dec[1]) * slot); if (d < 0) d = -d
			if (d > 0.05) { print "bar " i " (decile " dec[i] ") at " x[i] ", not in its place"; bad = 1 }
			d = bot[i] - bot[1]; if (d < 0) d = -d
			if (d > 0.05) { print "bar " i " stands on " bot[i] ", not on the zero line " bot[1]; bad = 1 }
			d = (bot[i] - top[i]) - k * v[i]; if (d < 0) d = -d
			if (d > 0.05) { print "bar " i " is " bot[i] - top[i] " pt for " v[i] " (want " k * v[i] ")"; bad = 1 }
		}
		exit bad
	}' vb.txt || fail "$stem.svg: bars"
	# The scale, for the lines: the zero line's y and points per unit.
	set -- $(awk '$6 > max { max = $6; k = ($3 - $2) / $6; z = $3 } END { printf "%.6f %.9f\n", z, k }' vb.txt)
	zero=$1 k=$2

	overall=$(q "SELECT Value FROM x WHERE \"Indicator ID\" = '$id' AND \"Area Code\" = '$AREA' AND Category = '' AND \"Time period Sortable\" = $want")
	type=$(sed -n 's/^type *= *\([a-z]*\).*/\1/p' "indicators/$id.ini")
	if [ "$type" = count ]; then
		# a count's total is its deciles added up: no line beside them
		[ -z "$(svg_lines '7.058824%,26.27451%,42.745098%' 1.5 solid $C/$stem.svg)" ] || fail "$stem.svg: a count with the area's line"
		[ -z "$(svg_lines '4.313725%,4.705882%,4.705882%' 1.25 dash $C/$stem.svg)" ] || fail "$stem.svg: a count with a fitted line"
		echo "$id: $(wc -l < vb.txt) bars in decile order from zero (the other deciles 0), as tall as the export's counts; no line"
		continue
	fi
	# The area's line, level, at its own value.
	svg_lines '7.058824%,26.27451%,42.745098%' 1.5 solid $C/$stem.svg > area.txt
	[ "$(wc -l < area.txt)" -eq 1 ] || fail "$stem.svg: $(wc -l < area.txt) lines of the area's"
	awk -v z="$zero" -v k="$k" -v v="$overall" '{ w = z - k * v
		for (i = 2; i <= NF; i += 2) { d = $i - w; if (d < 0) d = -d; if (d > 0.05) { print "the area line at " $i ", not " w; exit 1 } } }' area.txt || fail "$stem.svg: the area's line"

	# The fitted line by hand: each decile weighted by its share a of
	# the denominators, at relative rank b (the shares before it and half
	# its own); weighted least squares of the value on b.
	set -- $(awk -F'|' '{ v[NR] = $1; n[NR] = $2; t += $2 }
	END {
		for (i = 1; i <= NR; i++) { a = n[i] / t; b = c + a / 2; c += a
			sb += a * b; sy += a * v[i]; sbb += a * b * b; sby += a * b * v[i] }
		s = (sby - sb * sy) / (sbb - sb * sb); i0 = sy - s * sb
		printf "%.12f %.12f\n", i0, s
	}' ex.txt)
	icpt=$1 slope=$2
	# the SII calc published: of the sii definition over these deciles
	sii_id=$(grep -l '^type *= *sii' indicators/*.ini | xargs grep -l "^indicator *= *$id *$" | head -1)
	[ -n "$sii_id" ] || fail "$id: no sii definition over its deciles"
	sii_id=$(basename "$sii_id" .ini)
	sii=$(q "SELECT Value FROM x WHERE \"Indicator ID\" = '$sii_id' AND \"Area Code\" = '$AREA' AND Category = '' AND \"Time period Sortable\" = $want")
	awk -v s="$slope" -v p="$sii" 'BEGIN { d = s - p; if (d < 0) d = -d; exit !(d < 1e-6) }' ||
		fail "$stem: the SII worked here ($slope) is not the published one ($sii)"
	# The plotted data's ends are the intercept and intercept + SII.
	ends=$(q "SELECT group_concat(\"Fitted value\", ' ') FROM (SELECT \"Fitted value\" FROM p WHERE Category LIKE 'Fitted line%' ORDER BY \"Relative rank\")")
	awk -v e="$ends" -v i0="$icpt" -v s="$slope" 'BEGIN { split(e, f, " ")
		d0 = f[1] - i0; d1 = f[2] - (i0 + s); if (d0 < 0) d0 = -d0; if (d1 < 0) d1 = -d1
		exit !(d0 < 1e-6 && d1 < 1e-6) }' || fail "$stem.csv: the line's ends $ends, not $icpt and $icpt + $slope"
	# The SVG's dashed line: its ends at those values, 0.05 pt at most off.
	svg_lines '4.313725%,4.705882%,4.705882%' 1.25 dash $C/$stem.svg | awk 'NF > 4' > fit.txt
	[ "$(wc -l < fit.txt)" -eq 1 ] || fail "$stem.svg: $(wc -l < fit.txt) fitted lines"
	awk -v z="$zero" -v k="$k" -v i0="$icpt" -v s="$slope" '{
		w0 = z - k * i0; w1 = z - k * (i0 + s)
		d0 = $2 - w0; d1 = $NF - w1; if (d0 < 0) d0 = -d0; if (d1 < 0) d1 = -d1
		if (d0 > 0.05 || d1 > 0.05) { print "ends at " $2 " and " $NF ", not " w0 " and " w1; exit 1 }
		if (!($1 < $(NF - 1))) { print "not left to right"; exit 1 } }' fit.txt || fail "$stem.svg: the fitted line"
	grep -qF "Slope index of inequality: $(printf '%.1f' "$sii") percentage points (95% confidence interval" $C/$stem.txt ||
		fail "$stem.txt: no SII sentence"
	echo "$id: 10 bars in decile order from zero, as tall as the export's values; the area's line at its value; the fitted line from $(printf '%.2f' "$icpt") to $(awk -v a="$icpt" -v b="$slope" 'BEGIN { printf "%.2f", a + b }') (SII $(printf '%.2f' "$sii"), as published)"
done

# ---- locality charts ----

n=0
for f in $C/*_localities.csv; do
	stem=$(basename "$f" .csv)
	id=${stem%_localities}
	db "DROP TABLE IF EXISTS p;" ".import --csv $f p"
	diff=$(q "SELECT count(*) FROM p LEFT JOIN x ON x.\"Indicator ID\" = '$id' AND
		x.Category = '' AND x.\"Area Code\" = p.\"Area Code\" AND
		x.\"Time period Sortable\" = p.\"Time period Sortable\"
		WHERE coalesce(x.Value, '') IS NOT p.Value OR
		coalesce(x.\"Value note\", '') IS NOT p.\"Value note\" OR
		(p.\"Area Code\" <> '$AREA' AND (coalesce(x.\"Compared to percentiles\", '') IS NOT p.\"Compared to percentiles\" OR
		 x.\"Parent Code\" IS NOT '$AREA'))")
	[ "$diff" -eq 0 ] || fail "$stem.csv: $diff rows differ from the export"
	[ "$(q "SELECT \"Area Code\" FROM p LIMIT 1")" = $AREA ] || fail "$stem.csv: the authority is not first"
	[ "$(q "SELECT count(*) FROM p")" -eq "$(q "SELECT count(*) + 1 FROM (SELECT DISTINCT \"Area Code\" FROM x WHERE \"Parent Code\" = '$AREA')")" ] ||
		fail "$stem.csv: not every locality"
	q "SELECT \"Area Code\" || '|' || Value || '|' || \"Compared to percentiles\" FROM p WHERE Value <> '' ORDER BY rowid" > plotted.txt
	svg_bars $C/$stem.svg > bars.txt
	[ "$(wc -l < plotted.txt)" -eq "$(wc -l < bars.txt)" ] || fail "$stem.svg: $(wc -l < bars.txt) bars for $(wc -l < plotted.txt) values"
	check_bars plotted.txt bars.txt $AREA || fail "$stem.svg: bars"
	n=$((n + $(wc -l < bars.txt)))
done
echo "locality charts: plotted data = export rows; $n bars proportional to their values from zero, each locality filled by its comparison with the authority"
grep -q '^Chester: 45 (95% confidence interval 44 to 46), better than Cheshire West and Chester\.$' $C/childrens_centre_reach_deprivation_localities.txt ||
	fail "locality text alternative"

# ---- withheld deciles ----

# Counts under 100 withheld: the two least deprived deciles of children's
# centre reach (72 and, as the next smallest, 199 children reached).
sed -i 's/^suppress_below *= *[0-9]*/suppress_below = 100/' jsna.ini
jsna refresh -q || fail "second refresh exited $?"
stem=childrens_centre_reach_deprivation_inequality
db "DROP TABLE x;" ".import --csv outputs/indicators.csv x"
q "SELECT Category FROM x WHERE \"Indicator ID\" = 'childrens_centre_reach_deprivation' AND \"Area Code\" = '$AREA' AND \"Value note\" = 'c' AND \"Time period Sortable\" = (SELECT max(\"Time period Sortable\") FROM x WHERE \"Indicator ID\" = 'childrens_centre_reach_deprivation')" | sort > withheld.txt
[ "$(wc -l < withheld.txt)" -eq 2 ] || fail "the export withholds $(wc -l < withheld.txt) deciles, not 2"
svg_vbars $C/$stem.svg > bars.txt
[ "$(wc -l < bars.txt)" -eq 8 ] || fail "$stem.svg: $(wc -l < bars.txt) bars with two deciles withheld"
while read -r cat; do
	grep -qF ", $cat: withheld (c)." $C/$stem.txt || fail "$stem.txt: '$cat' not said to be withheld"
done < withheld.txt
grep -q '^c: withheld; values from fewer than 100 are suppressed\.$' $C/$stem.txt || fail "$stem.txt: no note"
[ -z "$(svg_lines '4.313725%,4.705882%,4.705882%' 1.25 dash $C/$stem.svg | awk 'NF > 4')" ] || fail "$stem.svg: a fitted line over withheld deciles"
grep -q '^Slope index of inequality: withheld (c)\.$' $C/$stem.txt || fail "$stem.txt: the SII not said to be withheld"
echo "withheld deciles: 8 bars, the two withheld said to be, no fitted line, the SII withheld"
