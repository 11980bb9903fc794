# The population-needs section of the bundled sample, read back: the HTML
# page opens in headless Chromium with no console message and no request
# leaving the page (its Content-Security-Policy forbids any, and would say
# so on the console), a screenshot is taken; the PDF's text holds the
# generated statements; every comparison word on the page is the long
# export's; the index links only to files that exist.
. "$TOP/tests/cli/lib.sh"
cp -R "$TOP/inputs" "$TOP/indicators" "$TOP/jsna.ini" .
jsna refresh -q || fail "refresh exited $?"
R=outputs/report
for f in $R/population-needs.html $R/population-needs.pdf outputs/index.html; do
	[ -s "$f" ] || fail "missing $f"
done

# Self-contained: nothing fetched from elsewhere.
if grep -o -E '(src|href)="(https?:)?//[^"]*"' $R/population-needs.html >&2; then
	fail "the page refers to the network"
fi
grep -q 'http-equiv="Content-Security-Policy" content="default-src '"'"'none'"'"'' $R/population-needs.html ||
	fail "no Content-Security-Policy"
echo "the page is self-contained and forbids requests"

# Chromium, headless, with its own background services switched off as
# far as flags allow. A console message (a CSP refusal, a script error)
# is printed as CONSOLE on its log.
browse() {	# PAGE SHOT: renders PAGE, logs in browser.log, net.json
	rm -rf profile net.json
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--user-data-dir="$PWD/profile" --no-first-run \
		--disable-background-networking --disable-component-update \
		--disable-sync --disable-default-apps --disable-extensions \
		--enable-logging=stderr --v=0 --log-net-log="$PWD/net.json" \
		--screenshot="$2" --window-size=1280,4000 "file://$PWD/$1" \
		> /dev/null 2> browser.log
}
# The check bites: a page asking for a picture from elsewhere is refused
# and says so.
cat > control.html <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'">
<title>control</title></head><body><img src="https://example.org/x.png" alt=""></body></html>
HTML
browse control.html control.png
grep -q ':CONSOLE' browser.log || fail "the control page's refused request left no console message"
grep -q 'example.org' net.json && fail "the control page's request went out"
browse $R/population-needs.html shot.png || fail "chromium exited $?"
if grep ':CONSOLE' browser.log >&2; then
	fail "console messages on the page"
fi
# Requests in the network log: the page's own file only; Chromium's own
# services (google.com, googleapis.com, gvt1.com) are not the page's.
grep -o '"url":"[^"]*"' net.json | sed 's/"url":"//; s/"$//' |
	grep -v -E '^file:|^data:|^https?://([a-z0-9-]+\.)*(google\.com|googleapis\.com|gvt1\.com)/' > requests.txt
[ -s requests.txt ] && { cat requests.txt >&2; fail "requests left the page"; }
[ "$(od -An -tx1 -N8 shot.png | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "no screenshot"
echo "chromium: no console message, no request left the page, screenshot $(be32 shot.png 16)x$(be32 shot.png 20)"

# The PDF: A4 pages whose text holds the statements.
pdfinfo $R/population-needs.pdf | grep -q 'Page size: *595.276 x 841.89 pts (A4)' || fail "not A4"
pdftotext $R/population-needs.pdf - | tr -s ' \n' '  ' > pdf.txt
pdf_says() {	# PATTERN WHAT: prints the first match, or fails
	m=$(grep -o "$1" pdf.txt | head -1)
	[ -n "$m" ] || fail "the PDF lacks $2"
	echo "$m"
}
pdf_says 'In 2025 there were 496 children in care in Cheshire West and Chester, a rate of 74 per 10,000 children aged under 18, higher than England (65)\.' \
	"the children-in-care statement"
pdf_says 'The Attainment 8 gap between FSM pupils and their peers in Cheshire West and Chester [a-z]* by [0-9.]* points* to [0-9.]* points in 2024/25' \
	"the Attainment 8 gap statement"
for h in "Key messages" "Summary" "Outcome 2: children in care and care leavers" "Definitions"; do
	grep -qF "$h" pdf.txt || fail "the PDF lacks '$h'"
done
echo "pdf: $(pdfinfo $R/population-needs.pdf | sed -n 's/^Pages: *//p' | awk '{ print ($1 > 20) ? "more than 20" : $1 }') A4 pages with the statements and sections"

# Every comparison word on the page is the export's for that row.
sed -n 's/.*<span class="cmp" data-indicator="\([^"]*\)" data-area="\([^"]*\)" data-period="\([^"]*\)">\([^<]*\)<\/span>.*/\1,\2,\3,"\4"/p' \
	$R/population-needs.html > words.csv
[ "$(wc -l < words.csv)" -gt 100 ] || fail "only $(wc -l < words.csv) comparison words"
sqlite3 -batch db.sqlite ".import --csv outputs/indicators.csv x" \
	"CREATE TABLE w(id, area, period, word);" ".import --csv words.csv w"
bad=$(sqlite3 -batch db.sqlite "SELECT count(*) FROM w WHERE NOT EXISTS
	(SELECT 1 FROM x WHERE x.\"Indicator ID\" = w.id AND x.\"Area Code\" = w.area
	AND x.Category = '' AND x.\"Time period Sortable\" = w.period AND
	x.\"Compared to England value or percentiles\" = w.word)")
[ "$bad" -eq 0 ] || fail "$bad comparison words differ from the export"
echo "every comparison word on the page = the export's"

# Every statement speaks of a row of the export: the comparison it puts in
# words is that row's, and its words say that comparison and no other
# ("similar to England" only when it was similar; "above" or "below" for a
# direction not tested; a gap "narrower" or "wider" than England's).
sed -n 's/.*<p class="statement" data-indicator="\([^"]*\)" data-area="\([^"]*\)" data-period="\([^"]*\)" data-cmp="\([^"]*\)">\([^<]*\)<\/p>.*/\1|\2|\3|\4|\5/p' \
	$R/population-needs.html | sed 's/&#39;/'"'"'/g; s/&amp;/\&/g' > statements.txt
[ "$(wc -l < statements.txt)" -ge 50 ] || fail "only $(wc -l < statements.txt) statements"
awk -F'|' '{ printf "%s,%s,%s,\"%s\"\n", $1, $2, $3, $4 }' statements.txt > said.csv
sqlite3 -batch db.sqlite "CREATE TABLE s(id, area, period, word);" ".import --csv said.csv s"
bad=$(sqlite3 -batch db.sqlite "SELECT count(*) FROM s WHERE NOT EXISTS
	(SELECT 1 FROM x WHERE x.\"Indicator ID\" = s.id AND x.\"Area Code\" = s.area
	AND x.Category = '' AND x.\"Time period Sortable\" = s.period AND
	x.\"Compared to England value or percentiles\" = s.word)")
[ "$bad" -eq 0 ] || fail "$bad statements speak of a comparison the export does not hold"
awk -F'|' '
BEGIN {
	n = split("better than England|worse than England|similar to England|higher than England|lower than England|above England|below England|the same as England|narrower than England|wider than England", ph, "|")
	ok["better than England"] = "Better"; ok["worse than England"] = "Worse"
	ok["similar to England"] = "Similar"; ok["higher than England"] = "Higher"
	ok["lower than England"] = "Lower"; ok["above England"] = "Higher, not tested"
	ok["below England"] = "Lower, not tested"; ok["the same as England"] = "Same, not tested"
	ok["narrower than England"] = "Better|Lower"; ok["wider than England"] = "Worse|Higher"
	tested["Better"] = tested["Worse"] = tested["Similar"] = tested["Higher"] = tested["Lower"] = 1
}
{
	said = 0
	for (i = 1; i <= n; i++) {
		if (index($5, ph[i]) == 0)
			continue
		said = 1
		if (("|" ok[ph[i]] "|") !~ ("\\|" $4 "\\|")) {
			print $1 ": \"" ph[i] "\" for " $4 ": " $5; bad++
		}
	}
	if (($4 in tested) && !said) { print $1 ": no words for " $4 ": " $5; bad++ }
	count[$4 == "" ? "none" : $4]++
}
END { exit bad > 0 }' statements.txt || fail "statements whose words are not their comparison"
echo "$(wc -l < statements.txt) statements, each of a row of the export and in the words of its comparison"

# The index links only to what exists.
grep -o 'href="[^"#]*"' outputs/index.html | sed 's/href="//; s/"$//' | sort -u > links.txt
missing=0
while read -r l; do
	[ -e "outputs/$l" ] || { echo "index: no $l" >&2; missing=$((missing + 1)); }
done < links.txt
[ "$missing" -eq 0 ] || fail "$missing links of the index lead nowhere"
echo "index: $(wc -l < links.txt) links, every one to a file"
