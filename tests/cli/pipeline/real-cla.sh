# On DfE's real published children-looked-after file and its 0-17
# population series (../shared/data/real, when present): every local
# authority's rate, rounded, equals DfE's published rate_per_10000, and
# the population used for year Y is the mid-(Y-1) estimate DfE used.
. "$TOP/tests/cli/lib.sh"
real="$SHARED/data/real"
cla="$real/dfe_ees/children_social_care/cla_number_and_rate_per_10k_children.csv"
pop="$real/ons/ons_mid-year_population_estimates_2012_to_2024.csv"
if [ ! -f "$cla" ] || [ ! -f "$pop" ]; then
	echo "skipped: the real extracts are not in '$real'" >&2
	echo "skipped"
	exit 0
fi
mkdir -p inputs/sources indicators
cp "$TOP"/inputs/sources/*.ini inputs/sources/
cp "$TOP"/indicators/cla_rate.ini indicators/
cp "$cla" "$pop" inputs/
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest && jsna-calc || fail "ingest or calc failed"
sql "
	SELECT o.area || ',' || o.year || ',' || o.value || ',' || p.value
	FROM observation o JOIN observation p
	  ON p.area = o.area AND p.year = o.year AND p.filters = o.filters
	WHERE o.measure = 'rate_per_10000' AND p.measure = 'population_estimate'
	  AND o.filters LIKE '%31 March%' AND o.value IS NOT NULL" > published.csv
sqlite3 -batch -noheader var/jsna.db "
	SELECT v.area || ',' || v.year || ',' || printf('%.17g', v.value) || ',' || v.denominator
	FROM indicator_value v JOIN area a ON a.code = v.area
	WHERE a.level = 'LA' AND v.value IS NOT NULL" > computed.csv
awk -F, '
	FNR == NR { pub[$1 "," $2] = $3; den[$1 "," $2] = $4; next }
	($1 "," $2) in pub {
		n++
		# DfE rounds half up; a tie of the binary double is allowed
		# either way (../shared/data/real/README.md, rounding rules).
		r = int($3 + 0.5)
		if (r != pub[$1 "," $2] + 0 && !(($3 - int($3)) > 0.4999999 && ($3 - int($3)) < 0.5000001)) {
			print "rate differs: " $1 " " $2 ": " $3 " published " pub[$1 "," $2]; bad++
		}
		if ($4 + 0 != den[$1 "," $2] + 0) { print "population differs: " $1 " " $2; bad++ }
	}
	END { print n " local authority rates match DfE"; if (bad || n < 700) exit 1 }' published.csv computed.csv
