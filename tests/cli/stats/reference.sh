# jsna-stats dsr, isr and israte on PHEindicatormethods' own inputs give
# its expected values (../shared/reference, when present) to 1e-9.
R="$SHARED/reference/pheindicatormethods"
if [ ! -d "$R" ]; then
	echo "skipped: no '$R'" >&2
	exit 0
fi
check() {	# check EXPECTED-COLUMNS-AWK OUR-CSV EXPECTED-CSV
	awk -F, -v cols="$1" '
		function rel(a, b) { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; return m > 0 ? d / m : d }
		FNR == 1 { next }
		FNR == NR { got[$1] = $0; next }
		($1 in got) && !seen[$1]++ {
			split(got[$1], g, ","); n = split(cols, c, " ")
			for (i = 1; i <= n; i += 2) {
				if (g[c[i]] == "" && $c[i + 1] == "") continue
				if (rel(g[c[i]], $c[i + 1]) > 1e-9) { print "differs: " $1 " column " c[i] ": " g[c[i]] " vs " $c[i + 1]; bad++ }
				k++
			}
		}
		END { print k " values match"; exit bad > 0 }' "$2" "$3"
}
jsna-stats dsr --multiplier 10000 < "$R/dsr_isr_input_multiarea.csv" > dsr.csv
check "2 2 3 3 4 4 5 5 6 6" dsr.csv "$R/dsr_expected.csv" || exit 1
jsna-stats israte < "$R/isr_input_multiarea_with_ref.csv" > israte.csv
check "2 2 3 3 4 5 5 6 6 7" israte.csv "$R/isr_expected.csv" || exit 1
