# The workbook of the summary tables on the small extracts, read back as
# the XML inside it: the sheets in order (a cover, the notes, then the
# summary: the small extracts hold no attainment), a title row then the
# header row, the area's value a number equal to the long export's value
# rounded as the table rounds it, the region's withheld rate written
# "[c]", the rank of an indicator without a better direction "[z]" (it
# cannot exist), the comparison word filled with its GOV.UK colour, no
# merged cell anywhere, and a second run of the same calculation writing
# the same bytes.
. "$TOP/tests/cli/lib.sh"
setup_small
# The North West's 2025 count withheld, so its rate is too.
sed -i 's/^\(2025,Reporting year,Regional,.*,North West,,,,Children looked after on 31 March each year,1610000,\)14100,88/\1c,c/' \
	inputs/dfe/cla.csv
jsna-ingest -q || fail "ingest exited $?"
jsna-calc -q || fail "calc exited $?"
jsna-table -q || fail "table exited $?"
x=outputs/tables/summary.xlsx
[ -s $x ] || fail "no workbook"
[ "$(head -c 2 $x)" = PK ] || fail "not a zip file"

echo "sheets: $(unzip -p $x xl/workbook.xml | grep -o '<sheet name="[^"]*"' |
	sed 's/.*="//; s/"$//' | tr '\n' '|')"

# The shared strings, one a line (line N+1 is string N), entities read.
unzip -p $x xl/sharedStrings.xml | tr -d '\n' | sed 's/<si>/\n/g' | sed '1d' |
	sed 's/<[^>]*>//g; s/&quot;/"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g' > strings.txt
# cells N: "REF<tab>VALUE" for each cell of sheet N; a number as #VALUE,
# and the cell's style index after it.
cells() {
	unzip -p $x "xl/worksheets/sheet$1.xml" | sed 's/<c /\n<c /g' |
		sed -n 's/^<c r="\([A-Z]*[0-9]*\)"\([^>]*\)><v>\([^<]*\)<\/v><\/c>.*/\1 \3 \2/p' |
		awk 'FNR == NR { s[FNR - 1] = $0; next }
		{
			st = $0; sub(/.* s="/, "", st); sub(/".*/, "", st)
			if (st == $0) st = 0
			if ($0 ~ /t="s"/) v = s[$2]; else v = "#" $2
			print $1 "\t" v "\t" st
		}' strings.txt -
}
cells 3 > summary.txt
cell() { awk -F'\t' -v r="$1" '$1 == r { print $2 }' summary.txt; }
echo "title: $(cell A1)"
echo "header: $(awk -F'\t' '$1 ~ /^[A-Z]+2$/ { printf "%s|", $2 }' summary.txt)"

# The area's value: the export's 74.17... at cla_rate's 0 decimals, half
# away from zero.
want=$(sqlite3 -batch -noheader :memory: ".import --csv outputs/indicators.csv x" \
	"SELECT Value FROM x WHERE \"Indicator ID\" = 'cla_rate' AND Category = ''
	 AND \"Area Code\" = 'E06000050' AND \"Time period\" = '2025'")
[ -n "$want" ] || fail "no export value"
got=$(cell E3)
echo "value: $got"
awk -v w="$want" -v g="$got" 'BEGIN { r = int(w + 0.5); exit !(("#" r) == g) }' ||
	fail "the summary's value $got is not the export's $want rounded"
echo "value = the export's, rounded"
echo "count $(cell D3), region $(cell J3), rank $(cell O3), unit $(cell F3)"

# The comparison's fill: style -> fill -> colour.
st=$(awk -F'\t' '$1 == "L3" { print $3 }' summary.txt)
unzip -p $x xl/styles.xml | tr -d '\n' > styles.xml
fill=$(sed 's/.*<cellXfs[^>]*>//; s/<\/cellXfs>.*//' styles.xml | sed 's/<xf /\n<xf /g' |
	sed -n '2,$p' | sed -n "$((st + 1))p" | sed 's/.*fillId="\([0-9]*\)".*/\1/')
colour=$(sed 's/.*<fills[^>]*>//; s/<\/fills>.*//' styles.xml | sed 's/<fill>/\n<fill>/g' |
	sed -n '2,$p' | sed -n "$((fill + 1))p" | sed -n 's/.*fgColor rgb="FF\([0-9A-F]*\)".*/\1/p')
echo "compared: $(cell L3), filled #$colour"

# The notes name the threshold and the symbols.
cells 2 > notes.txt
grep -q '\[c\] confidential: withheld to protect individuals. Counts under 5' notes.txt ||
	fail "no note on [c]"
grep -q '\[z\] not applicable' notes.txt || fail "no note on [z]"
grep -q 'Source of "Children in care per 10,000 children aged under 18" (cla_rate): DfE' notes.txt ||
	fail "no source note"
echo "notes: $(awk -F'\t' '$1 ~ /^A[0-9]+$/ && $1 != "A1" && $1 != "A2"' notes.txt | wc -l) numbered"

if unzip -p $x 'xl/worksheets/*.xml' | grep -q '<mergeCell'; then
	fail "a merged cell"
fi
echo "no merged cells"

cp $x first.xlsx
sleep 1
jsna-table -q || fail "second table exited $?"
cmp -s first.xlsx $x || fail "a second run changed the workbook"
echo "a second run writes the same bytes"
