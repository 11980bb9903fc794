# The attainment and gap tables of the bundled sample, against the long
# export: each table's rows are built again here from outputs/indicators.csv
# (in SQL, rounded half away from zero in awk) and must be the table's CSV
# rows; the workbook holds every sheet in order, and its Early years sheet
# the CSV's figures as numbers and its symbols in brackets. One pass of
# ingest, calc and table keeps the case short.
. "$TOP/tests/cli/lib.sh"
cp -R "$TOP/inputs" "$TOP/indicators" "$TOP/jsna.ini" .
jsna-ingest -q || fail "ingest exited $?"
jsna-calc -q || fail "calc exited $?"
jsna-table -q || fail "table exited $?"
T=outputs/tables
for f in summary.csv summary.md summary.html summary.xlsx attainment_eyfs.csv \
	attainment_ks2.csv attainment_ks4.csv gap_fsm.csv gap_sen.csv; do
	[ -s "$T/$f" ] || fail "missing $f"
done
echo "tables: $(ls $T | tr '\n' ' ')"

sqlite3 -batch db.sqlite ".import --csv outputs/indicators.csv x" \
	"CREATE INDEX xi ON x(\"Indicator ID\", \"Area Code\")"
q() { sqlite3 -batch -noheader -separator '|' db.sqlite "$1"; }
dp() { sed -n 's/^decimals *= *\([0-9]*\).*/\1/p' "indicators/$1.ini"; }

# One cell as the export has it: "VALUE~NOTE", or nothing for no row.
cell_sql() {	# ID AREA CATEGORY-SQL PERIOD-SQL
	echo "coalesce((SELECT Value || '~' || \"Value note\" FROM x WHERE
		\"Indicator ID\" = '$1' AND \"Area Code\" = '$2' AND
		Category = $3 AND \"Time period Sortable\" = $4), '')"
}

# Formats label|cell|cell... with the decimals dps ("1 1 2 2"): half away
# from zero, a symbol for a withheld value, "x" for another note.
cat > fmt.awk <<'AWK'
function fmt(s, d,    a, v, sg, r) {
	if (s == "")
		return ""
	split(s, a, "~")
	v = a[1]
	if (v == "")
		return a[2] ~ /^(c|x|z|low|k|u)$/ ? a[2] : "x"
	v += 0
	sg = v < 0 ? -1 : 1
	r = int(v * sg * 10 ^ d + 0.5 + 1e-9)
	if (r == 0)
		sg = 1
	return sprintf("%." d "f", sg * r / 10 ^ d)
}
BEGIN { FS = "|"; n = split(dps, dp, " ") }
{
	line = $1
	for (i = 2; i <= NF; i++)
		line = line "," fmt($i, dp[i - 1])
	print line
}
AWK

GROUPS="WITH g(ord, label, cat) AS (VALUES (1, 'All pupils', ''),
	(2, 'Eligible for free school meals', 'Eligible for free school meals'),
	(3, 'Pupils with an EHC plan', 'EHC plan'),
	(4, 'Pupils on SEN support', 'SEN support'))"

# attainment STEM ID...: the first indicator chooses the period.
attainment() {
	stem=$1; shift
	period="(SELECT max(\"Time period Sortable\" + 0) FROM x WHERE
		\"Indicator ID\" = '$1' AND \"Area Code\" = 'E06000050' AND
		Category = '' AND Value <> '')"
	cols="" dps=""
	for id in "$@"; do
		for a in E06000050 E92000001; do
			cols="$cols, $(cell_sql "$id" "$a" g.cat "$period")"
			dps="$dps $(dp "$id")"
		done
	done
	q "$GROUPS SELECT g.label $cols FROM g ORDER BY g.ord" |
		awk -v dps="$dps" -f fmt.awk > want.csv
	sed 1d "$T/$stem.csv" > got.csv
	cmp -s want.csv got.csv || { diff want.csv got.csv >&2; fail "$stem.csv differs from the export"; }
	echo "$stem.csv: $(wc -l < got.csv) groups = the export's, at $(q "SELECT \"Time period\" FROM x WHERE \"Time period Sortable\" + 0 = $period LIMIT 1")"
}
attainment attainment_eyfs eyfs_gld eyfs_comm_lang
attainment attainment_ks2 ks2_rwm
attainment attainment_ks4 ks4_att8 ks4_p8

# gaps STEM ID...: a row per year in which any gap has a row for the area
# or England.
gaps() {
	stem=$1; shift
	ids=$(printf "'%s'," "$@" | sed 's/,$//')
	cols="" dps=""
	for id in "$@"; do
		for a in E06000050 E92000001; do
			cols="$cols, $(cell_sql "$id" "$a" "''" p.s)"
			dps="$dps $(dp "$id")"
		done
	done
	q "SELECT p.label $cols FROM (SELECT DISTINCT \"Time period Sortable\" + 0 AS s,
		\"Time period\" AS label FROM x WHERE \"Indicator ID\" IN ($ids)
		AND \"Area Code\" IN ('E06000050', 'E92000001') AND Category = '')
		AS p ORDER BY p.s" | awk -v dps="$dps" -f fmt.awk > want.csv
	sed 1d "$T/$stem.csv" > got.csv
	cmp -s want.csv got.csv || { diff want.csv got.csv >&2; fail "$stem.csv differs from the export"; }
	echo "$stem.csv: $(wc -l < got.csv) years = the export's, $(grep -c ',c,\|,c$' got.csv) with a withheld gap"
}
gaps gap_fsm eyfs_gld_fsm_gap ks2_rwm_fsm_gap ks4_att8_fsm_gap
gaps gap_sen eyfs_gld_sen_gap ks2_rwm_sen_gap ks4_att8_sen_gap

# The localities table: a row per indicator with figures for the
# authority's localities; each figure is the export's for that area (by
# name) and period, rounded as the other tables round.
sqlite3 -batch db.sqlite ".import --csv $T/localities.csv loc"
head -1 "$T/localities.csv" | tr ',' '\n' | tail -n +4 > loc-areas.txt
[ "$(wc -l < loc-areas.txt)" -ge 4 ] || fail "the localities table has $(wc -l < loc-areas.txt) areas"
n=$(q "SELECT count(*) FROM loc")
[ "$n" -ge 5 ] || fail "the localities table has $n indicators"
i=1
while [ "$i" -le "$n" ]; do
	id=$(q "SELECT DISTINCT x.\"Indicator ID\" FROM x, loc WHERE loc.rowid = $i AND x.\"Indicator Name\" = loc.Indicator")
	[ -n "$id" ] || fail "row $i: no indicator of that title"
	got="" want="" dps=""
	while IFS= read -r a; do
		col=$(echo "$a" | sed 's/"/""/g')
		got="$got,$(q "SELECT replace(\"$col\", ',', '') FROM loc WHERE rowid = $i")"
		want="$want|$(q "SELECT coalesce((SELECT Value || '~' || x.\"Value note\" FROM x, loc
			WHERE loc.rowid = $i AND x.\"Indicator ID\" = '$id' AND x.\"Area Name\" = '$(echo "$a" | sed "s/'/''/g")'
			AND x.Category = '' AND x.\"Time period\" = loc.Period), '')")"
		dps="$dps $(dp "$id")"
	done < loc-areas.txt
	want=$(echo "r$want" | awk -v dps="$dps" -f fmt.awk | sed 's/^r//')
	[ "$got" = "$want" ] || fail "localities, $id: the table has '$got', the export '$want'"
	i=$((i + 1))
done
echo "localities.csv: $n indicators, $(wc -l < loc-areas.txt) areas = the export's"

# The workbook: its sheets, and the Early years sheet's rows = the CSV's.
x=$T/summary.xlsx
echo "sheets: $(unzip -p $x xl/workbook.xml | grep -o '<sheet name="[^"]*"' |
	sed 's/.*="//; s/"$//' | tr '\n' '|')"
if unzip -p $x 'xl/worksheets/*.xml' | grep -q '<mergeCell'; then
	fail "a merged cell"
fi
unzip -p $x xl/sharedStrings.xml | tr -d '\n' | sed 's/<si>/\n/g' | sed '1d' |
	sed 's/<[^>]*>//g; s/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g' > strings.txt
# Rows 3 on of sheet 4, a line each: strings resolved, [x] -> "", [c] -> c.
unzip -p $x xl/worksheets/sheet4.xml | sed 's/<row /\n<row /g; s/<c /\n<c /g' |
	awk 'FNR == NR { s[FNR - 1] = $0; next }
	/^<row / { if (line != "") print line; line = ""; r = $0; sub(/^<row r="/, "", r); sub(/".*/, "", r); next }
	/^<c / && r > 2 {
		v = $0; sub(/.*<v>/, "", v); sub(/<\/v>.*/, "", v)
		if ($0 ~ /t="s"/) v = s[v]
		else v = "#" v
		if (v == "[x]") v = ""
		else if (v ~ /^\[.*\]$/) v = substr(v, 2, length(v) - 2)
		line = line (line == "" ? "" : ",") v
	}
	END { if (line != "") print line }' strings.txt - > sheet.csv
# Numbers against the CSV's text, as numbers.
sed 1d $T/attainment_eyfs.csv | awk -F, 'FNR == NR { want[FNR] = $0; next }
	{
		n = split(want[FNR], w, ","); split($0, g, ",")
		for (i = 1; i <= n; i++) {
			if (g[i] ~ /^#/) { d = substr(g[i], 2) - w[i]; if (d < -1e-9 || d > 1e-9) bad = 1 }
			else if (g[i] != w[i]) bad = 1
		}
		rows++
	}
	END { if (rows != 4) bad = 1; exit bad }' - sheet.csv ||
	{ cat sheet.csv >&2; fail "the Early years sheet differs from attainment_eyfs.csv"; }
echo "workbook: the Early years sheet holds the CSV's figures as numbers"
