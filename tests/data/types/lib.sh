# lib.sh - helpers for the indicator-engine tests (tests/cli/calc/type-*.sh
# and their neighbours), sourced by each case after tests/cli/lib.sh.
#
# The project: England E92000001, the North West E12000002 and four of its
# authorities (DfE numbers in brackets): Halton E06000006 (876), Warrington
# E06000007 (877), Cheshire East E06000049 (895), Cheshire West and Chester
# E06000050 (896), the report's area; Bath and North East Somerset
# E06000022 (800) in the South West E12000009 is there for the cases that
# need an authority of another region. The source definitions are those of
# tests/data/types/inputs/sources (datasets t_*); each case writes its own
# extracts, with `ees`, and definitions.

. "$TOP/tests/cli/lib.sh"

TYPES="$TOP/tests/data/types"

# The project in the current folder, with no extracts and no definitions.
setup_types() {
	cp "$TYPES/jsna.ini" jsna.ini
	mkdir -p inputs/dfe inputs/local indicators reference
	cp -R "$TYPES/inputs/sources" inputs/sources
	cp "$TYPES/reference/neighbours.csv" reference/
}

# ees TIME_IDENTIFIER FILE: writes FILE in DfE's EES layout from a compact
# CSV on stdin, whose first two columns are the area code and time_period
# ("area,time_period,group,cases,population" then
# "E06000050,2024,Total,30,100"); the geography columns come from the code.
ees() {
	awk -F, -v tid="$1" '
	BEGIN {
		name["E92000001"] = "England"
		name["E12000002"] = "North West"
		name["E12000009"] = "South West"
		name["E06000006"] = "Halton"; num["E06000006"] = 876
		name["E06000007"] = "Warrington"; num["E06000007"] = 877
		name["E06000049"] = "Cheshire East"; num["E06000049"] = 895
		name["E06000050"] = "Cheshire West and Chester"
		num["E06000050"] = 896
		name["E06000022"] = "Bath and North East Somerset"
		num["E06000022"] = 800
		region["E06000022"] = "E12000009"
	}
	NR == 1 {
		sub(/^[^,]*,[^,]*,/, "")
		print "time_period,time_identifier,geographic_level," \
		      "country_code,country_name,region_code,region_name," \
		      "old_la_code,new_la_code,la_name," $0
		next
	}
	{
		code = $1
		period = $2
		rest = $0
		sub(/^[^,]*,[^,]*,/, "", rest)
		if (!(code in name)) {
			print "ees: unknown area " code > "/dev/stderr"
			exit 1
		}
		if (code ~ /^E92/) {
			geo = "National,E92000001,England,,,,,"
		} else if (code ~ /^E12/) {
			geo = "Regional,E92000001,England," code "," name[code] ",,,"
		} else {
			r = (code in region) ? region[code] : "E12000002"
			geo = "Local authority,E92000001,England," r "," name[r] \
			      "," num[code] "," code "," name[code]
		}
		print period "," tid "," geo "," rest
	}' > "$2" || fail "ees: cannot write $2"
}

# values ID COLUMNS [CONDITION]: the indicator's rows of the latest calc
# run, one per line, ordered by breakdown, area and period.
values() {
	sql "SELECT $2 FROM indicator_value
	     WHERE run = (SELECT max(run) FROM indicator_value)
	       AND indicator = '$1' ${3:+AND $3}
	     ORDER BY category_type, category, area, year, month"
}

# value ID AREA YEAR COLUMN [CATEGORY]: one column of one row of the
# latest calc run (empty when NULL or absent).
value() {
	sql "SELECT $4 FROM indicator_value
	     WHERE run = (SELECT max(run) FROM indicator_value)
	       AND indicator = '$1' AND area = '$2' AND year = $3
	       AND category = '${5:-}'"
}

# near WHAT GOT WANT [TOLERANCE]: fails unless GOT is within TOLERANCE
# (default 1e-6) of WANT.
near() {
	awk -v got="$2" -v want="$3" -v tol="${4:-1e-6}" 'BEGIN {
		if (got == "" || want == "") exit 1
		d = got - want
		if (d < 0) d = -d
		exit !(d <= tol)
	}' || fail "$1: got '$2', want $3 (within ${4:-1e-6})"
}

# Wilson's score interval (METHODS.md 2) of x out of n, times m, at z:
# "lower upper".
wilson() {
	awk -v x="$1" -v n="$2" -v m="$3" -v z="$4" 'BEGIN {
		r = sqrt(z * z + 4 * x * (1 - x / n))
		printf "%.12f %.12f\n", (2 * x + z * z - z * r) / (2 * (n + z * z)) * m,
		       (2 * x + z * z + z * r) / (2 * (n + z * z)) * m
	}'
}

Z95=1.959963984540054
Z998=3.090232306167813

# export_rows ID COLUMN...: the named columns (spaces written as '_':
# Area_Code) of the indicator's rows in outputs/indicators.csv (written by
# jsna-table), '|'-separated, in the file's order; quoted fields are read
# as CSV ("Higher, not tested").
export_rows() {
	id=$1
	shift
	awk -v id="$id" -v want="$*" '
	function split_csv(line, f,    n, i, c, q, cell) {
		n = 0; cell = ""; q = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (q) {
				if (c == "\"" && substr(line, i + 1, 1) == "\"") {
					cell = cell c; i++
				} else if (c == "\"") {
					q = 0
				} else {
					cell = cell c
				}
			} else if (c == "\"") {
				q = 1
			} else if (c == ",") {
				f[++n] = cell; cell = ""
			} else {
				cell = cell c
			}
		}
		f[++n] = cell
		return n
	}
	NR == 1 {
		nf = split_csv($0, h)
		for (i = 1; i <= nf; i++)
			col[h[i]] = i
		n = split(want, w, " ")
		for (i = 1; i <= n; i++) {
			gsub(/_/, " ", w[i])
			if (!(w[i] in col)) {
				print "export_rows: no column " w[i] > "/dev/stderr"
				exit 1
			}
		}
		next
	}
	{
		split_csv($0, f)
		if (f[1] != id)
			next
		line = ""
		for (i = 1; i <= n; i++)
			line = line (i > 1 ? "|" : "") f[col[w[i]]]
		print line
	}' outputs/indicators.csv || fail "cannot read outputs/indicators.csv"
}

# Byar's limits (METHODS.md 3) of count o, over n, times m, at z:
# "lower upper".
byar() {
	awk -v o="$1" -v n="$2" -v m="$3" -v z="$4" 'BEGIN {
		a = 1 - 1 / (9 * o) - z / (3 * sqrt(o))
		b = 1 - 1 / (9 * (o + 1)) + z / (3 * sqrt(o + 1))
		printf "%.12f %.12f\n", o * a * a * a / n * m,
		       (o + 1) * b * b * b / n * m
	}'
}

# The exact Poisson limits of count o (METHODS.md 3, by bisection on the
# Poisson distribution: P(X >= o | L) = alpha / 2, P(X <= o | U) =
# alpha / 2), over n, times m, at confidence c: "lower upper". For small
# counts only (exp(-mu) underflows past a few hundred).
poisson() {
	awk -v o="$1" -v n="$2" -v m="$3" -v c="$4" '
	function cdf(k, mu,    i, t, s) {	# P(X <= k)
		if (k < 0) return 0
		t = exp(-mu); s = t
		for (i = 1; i <= k; i++) { t *= mu / i; s += t }
		return s
	}
	BEGIN {
		a = (1 - c) / 2
		lo = 0; hi = o + 100
		for (i = 0; i < 200; i++) {	# 1 - cdf(o - 1, L) rises with L
			mid = (lo + hi) / 2
			if (1 - cdf(o - 1, mid) > a) hi = mid; else lo = mid
		}
		l = o > 0 ? (lo + hi) / 2 : 0
		lo = 0; hi = o + 100
		for (i = 0; i < 200; i++) {	# cdf(o, U) falls with U
			mid = (lo + hi) / 2
			if (cdf(o, mid) > a) lo = mid; else hi = mid
		}
		printf "%.12f %.12f\n", l / n * m, (lo + hi) / 2 / n * m
	}'
}
