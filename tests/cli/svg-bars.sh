# svg-bars.sh - reads the bars of a compare-areas chart back from its SVG,
# sourced by the chart tests.
#
# svg_bars FILE.svg: one line per bar, top to bottom: "width fill" (width
# in points, fill as RRGGBB). Cairo writes a rectangle as the path
# "M x0 y0 L x1 y0 L x1 y1 L x0 y1 Z"; the bars have a 0.5 pt outline
# (1.5 pt for the area), which nothing else on the chart has.
svg_bars() {
	grep -o '<path style="fill-rule:nonzero;fill:rgb([^"]*stroke-width:\(0\.5\|1\.5\);[^"]*" d="M [0-9.]* [0-9.]* L [0-9.]* [0-9.]* L [0-9.]* [0-9.]* L [0-9.]* [0-9.]* Z M [0-9.]* [0-9.]* "' "$1" |
		sed 's/.*fill:rgb(\([0-9.]*\)%,\([0-9.]*\)%,\([0-9.]*\)%).* d="M \([0-9.]*\) \([0-9.]*\) L \([0-9.]*\) .*/\5 \4 \6 \1 \2 \3/' |
		sort -n | awk '{ printf "%.3f %02X%02X%02X %.3f\n", $3 - $2, int($4 * 2.55 + 0.5), int($5 * 2.55 + 0.5), int($6 * 2.55 + 0.5), $2 }'
}

# check_bars PLOTTED BARS [COMPARATOR]: PLOTTED has "code|value|comparison"
# per bar with a value, in the chart's order; BARS is svg_bars' output.
# Every bar's width is proportional to its value (within 0.5 pt), every bar
# starts at the same zero line, and its fill is the GOV.UK colour of its
# comparison (the comparator, England unless its code is given, grey; no
# comparison white).
check_bars() {
	paste -d'|' "$1" "$2" | awk -F'|' -v comparator="${3:-E92000001}" '
	BEGIN {
		fill["Higher"] = "003078"; fill["Lower"] = "5694CA"
		fill["Similar"] = "FFDD00"; fill["Better"] = "00703C"
		fill["Worse"] = "D4351C"; fill["Not compared"] = "FFFFFF"
		fill["Higher, not tested"] = "FFFFFF"
		fill["Lower, not tested"] = "FFFFFF"
		fill["Same, not tested"] = "FFFFFF"; fill[""] = "FFFFFF"
	}
	{
		split($4, b, " ")
		code = $1; v = $2; cmp = $3; w = b[1]; col = b[2]; x = b[3]
		want = code == comparator ? "B1B4B6" : fill[cmp]
		if (col != want) { print "bar " NR " (" code ", " cmp ") is " col ", not " want; bad = 1 }
		val[NR] = v; wid[NR] = w; left[NR] = x
		a = v < 0 ? -v : v
		if (a > max) { max = a; k = w / a }
	}
	END {
		if (!NR) { print "no bars"; exit 1 }
		for (i = 1; i <= NR; i++) {
			a = val[i] < 0 ? -val[i] : val[i]
			d = wid[i] - k * a
			if (d < 0) d = -d
			if (d > 0.5) { print "bar " i " is " wid[i] " pt for " val[i] " (want " k * a ")"; bad = 1 }
			# bars grow from one zero line: the left end of a
			# positive bar, the right end of a negative one
			z = val[i] < 0 ? left[i] + wid[i] : left[i]
			if (i > 1 && (z - zero > 0.05 || zero - z > 0.05) && wid[i] > 0.05) {
				print "bar " i " starts at " z ", not at zero (" zero ")"; bad = 1
			}
			if (i == 1) zero = z
		}
		exit bad
	}'
}
