# jsna-stats sii on PHEindicatormethods' own test blocks (sii_expected.csv
# in ../shared/reference, when present): SII, RII and intercept to 1e-9,
# the simulated limits within 0.05 (relative), as testSII.R holds its own.
R="$SHARED/reference/pheindicatormethods"
if [ ! -d "$R" ]; then
	echo "skipped: no '$R'" >&2
	exit 0
fi
# block BLOCK-DESCRIPTION-PREFIX COLUMNS: that block's rows as a CSV with
# our column names (the reference quotes descriptions with commas)
block() {
	awk -v want="$1" -v cols="$2" '
		function split_csv(s, f,   n, q, c, i, cur) {
			n = 0; q = 0; cur = ""
			for (i = 1; i <= length(s); i++) {
				c = substr(s, i, 1)
				if (c == "\"") q = !q
				else if (c == "," && !q) { f[++n] = cur; cur = "" }
				else cur = cur c
			}
			f[++n] = cur
			return n
		}
		NR == 1 { n = split_csv($0, h); for (i = 1; i <= n; i++) col[h[i]] = i
			  m = split(cols, c, ","); out = ""
			  for (i = 1; i <= m; i++) { split(c[i], p, "="); name[i] = p[1]; src[i] = p[2]; out = out (i > 1 ? "," : "") p[1] }
			  print out; next }
		{ split_csv($0, f) }
		index(f[col["TestDescription"]], want) == 1 {
			out = ""
			for (i = 1; i <= m; i++) out = out (i > 1 ? "," : "") f[col[src[i]]]
			print out
		}' "$R/sii_expected.csv"
}
# expected BLOCK-DESCRIPTION-PREFIX: area,sii,...,intercept as we print them
expected() {
	awk -v want="$1" '
		function split_csv(s, f,   n, q, c, i, cur) {
			n = 0; q = 0; cur = ""
			for (i = 1; i <= length(s); i++) {
				c = substr(s, i, 1)
				if (c == "\"") q = !q
				else if (c == "," && !q) { f[++n] = cur; cur = "" }
				else cur = cur c
			}
			f[++n] = cur
			return n
		}
		NR == 1 { n = split_csv($0, h); for (i = 1; i <= n; i++) col[h[i]] = i; next }
		{ split_csv($0, f) }
		index(f[col["TestDescription"]], want) == 1 && f[col["sii"]] != "" {
			print f[col["Area"]] "," f[col["sii"]] "," f[col["sii_lowercl_1"]] "," f[col["sii_uppercl_1"]] "," \
			      f[col["rii"]] "," f[col["rii_lowercl_1"]] "," f[col["rii_uppercl_1"]] "," f[col["Intercept"]]
		}' "$R/sii_expected.csv"
}
# check OURS EXPECTED: columns 2, 5, 8 to 1e-9, 3, 4, 6, 7 to 0.05
check() {
	awk -F, '
		function rel(a, b) { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; return m > 0 ? d / m : d }
		FNR == 1 && FNR == NR { next }
		FNR == NR { got[$1] = $0; next }
		{
			if (!($1 in got)) { print "no result for " $1; bad++; next }
			split(got[$1], g, ",")
			for (i = 2; i <= 8; i++) {
				if ($i == "") continue
				tol = (i == 2 || i == 5 || i == 8) ? 1e-9 : 0.05
				if (rel(g[i], $i) > tol) { print "differs: " $1 " column " i ": " g[i] " vs " $i; bad++ }
				k++
			}
		}
		END { print k " values match"; exit bad > 0 }' "$1" "$2"
}
run() {	# run BLOCK COLUMNS OPTIONS...
	b=$1 cols=$2
	shift 2
	block "$b" "$cols" > in.csv
	expected "$b" > want.csv
	jsna-stats sii "$@" < in.csv > got.csv || exit 1
	printf '%s: ' "$b"
	check got.csv want.csv || exit 1
}
LE="area=Area,quantile=Quantile,population=Population,value=Value"
run "default (e.g. life expectancy) - default" "$LE,lowercl=LowerCL,uppercl=UpperCL"
run "default (e.g. life expectancy) - default" "$LE,se=StandardError"
run "default - testing 99% confidence" "$LE,lowercl=LowerCL,uppercl=UpperCL" --confidence 99
run "default - testing 10,000 repetitions" "$LE,se=StandardError" --repetitions 10000
run "rate (e.g. infant mortality) - default" "$LE,se=StandardError" --value-type rate
run "proportion (e.g. child obesity) - default" \
	"area=Area,quantile=Quantile,population=Population,count=Count,lowercl=LowerCL,uppercl=UpperCL" \
	--value-type proportion
run "proportion - testing multiplier (x -100)" "$LE,lowercl=LowerCL,uppercl=UpperCL" \
	--value-type proportion --multiplier -100
run "rate (e.g. infant mortality) - log transform with intercept" \
	"$LE,lowercl=LowerCL,uppercl=UpperCL" --value-type rate --transform
run "proportion (e.g. child obesity) - logit transform with negative" \
	"$LE,lowercl=LowerCL,uppercl=UpperCL,se=StandardError" \
	--value-type proportion --transform --multiplier -1
