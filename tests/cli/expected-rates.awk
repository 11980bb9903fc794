# expected-rates.awk - the cla_rate values of a DfE children-looked-after
# file and its 0-17 population file, computed here from the formulas of
# METHODS.md (Byar's method from 10 events, the exact Poisson table below),
# apart from the code under test.
#
# usage: awk -f expected-rates.awk POPULATION.csv CLA.csv
# prints: AREA,YEAR,COUNT,DENOMINATOR,VALUE,LOWER95,UPPER95 per 10,000
# for the looked-after-on-31-March rows with a count of 5 or more.

# Splits a CSV line with quoted fields (no embedded newlines) into f.
function split_csv(line, f,    n, i, c, q, field) {
	n = 0; field = ""; q = 0
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (q) {
			if (c == "\"") {
				if (substr(line, i + 1, 1) == "\"") { field = field "\""; i++ }
				else q = 0
			} else field = field c
		} else if (c == "\"") q = 1
		else if (c == ",") { f[++n] = field; field = "" }
		else if (c != "\r") field = field c
	}
	f[++n] = field
	return n
}

function column(name,    i) {
	for (i = 1; i <= ncol; i++) if (h[i] == name) return i
	return 0
}

BEGIN {
	z = 1.959963984540054
	# Exact 95% limits on a Poisson count, METHODS.md section 3.
	exl[0] = 0;                     exu[0] = 3.6888794541139354
	exl[1] = 0.025317807984289876;  exu[1] = 5.571643390938898
	exl[2] = 0.24220927854396496;   exu[2] = 7.22468766772396
	exl[3] = 0.6186721228956014;    exu[3] = 8.767273069742323
	exl[4] = 1.0898653736263249;    exu[4] = 10.241588675403694
	exl[5] = 1.6234863901184207;    exu[5] = 11.66833207932267
	exl[6] = 2.2018942534908508;    exu[6] = 13.059474022518685
	exl[7] = 2.8143630515198654;    exu[7] = 14.422675361702376
	exl[8] = 3.4538321767485014;    exu[8] = 15.763189220193313
	exl[9] = 4.115373097378334;     exu[9] = 17.084803451419166
}

FNR == 1 {
	file++
	sub(/^\357\273\277/, "")
	ncol = split_csv($0, h)
	if (file == 1) { cy = column("time_period"); cp = column("population_estimate") }
	else { cy = column("time_period"); cn = column("children_count"); ct = column("population_type") }
	cl = column("geographic_level"); cc = column("country_code")
	cr = column("region_code"); ca = column("new_la_code")
	next
}

{
	split_csv($0, f)
	area = f[cl] == "National" ? f[cc] : f[cl] == "Regional" ? f[cr] : f[ca]
	if (file == 1) { pop[area, f[cy]] = f[cp]; next }
	if (f[ct] != "Children looked after on 31 March each year") next
	if (f[cn] !~ /^[0-9]+$/) next
	o = f[cn] + 0		# a number, not text: "496" < "5" as text
	if (o < 5) next
	n = pop[area, f[cy] - 1] + 0
	if (o < 10) { lo = exl[o]; hi = exu[o] }
	else {
		lo = o * (1 - 1 / (9 * o) - z / (3 * sqrt(o))) ^ 3
		hi = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * sqrt(o + 1))) ^ 3
	}
	printf "%s,%s,%s,%s,%.17g,%.17g,%.17g\n", area, f[cy], o, n, o / n * 10000, lo / n * 10000, hi / n * 10000
}
