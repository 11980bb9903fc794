# What a refresh redoes. Nothing changed: nothing is recomputed or
# redrawn, every published file stays the very same file, and changes.md
# says so. Then one thing at a time: a definition (the title), jsna.ini
# (the palette) and the neighbour list (Cheshire West and Chester's
# nearest neighbour, Halton, replaced by Cheshire East): each is
# recomputed and shows where it should, and changes.md names it. Charts
# whose data and words did not change are kept, not drawn again: a second
# indicator, t_other, untouched by the title, keeps its two charts.
. "$TOP/tests/data/types/lib.sh"
setup_types
{
	echo "area,time_period,group,cases,population"
	for y in 2023 2024; do
		echo "E92000001,$y,Total,9000,15000"
		echo "E06000006,$y,Total,50,100"
		echo "E06000007,$y,Total,90,200"
		echo "E06000049,$y,Total,80,100"
		echo "E06000050,$y,Total,100,200"
	done
} | ees "Reporting year" inputs/dfe/cases.csv
cat > indicators/t_pass.ini <<'INI'
[indicator]
id       = t_pass
title    = Test pass rate
type     = proportion
polarity = high_is_good
decimals = 1

[numerator]
dataset  = t_cases
measure  = cases
where    = group = Total

[denominator]
dataset  = t_cases
measure  = population
where    = group = Total
INI
sed -e 's/^id       = t_pass$/id       = t_other/' \
    -e 's/^title    = Test pass rate$/title    = Other pass rate/' \
    -e 's/^polarity = high_is_good$/polarity = none/' \
    indicators/t_pass.ini > indicators/t_other.ini
calcs() { sql "SELECT count(*) FROM run WHERE command = 'calc'"; }
charts() { grep -o '[0-9]* charts\{0,1\} drawn, [0-9]* kept' "$1"; }
files() {	# every published file with its inode and hash
	(cd outputs && find -L indicators.csv index.html charts tables report \
		-type f | sort | while read -r f; do
		echo "$f $(stat -L -c %i "$f") $(sha256sum < "$f")"
	done)
}
col() {	# col NAME: that column of the export's 2024 row for the area
	awk -F, -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
		$1 == "t_pass" && $5 == "E06000050" && $12 == "2024" && $10 == "" { print $c }' outputs/indicators.csv
}

jsna refresh -q || fail "first refresh exited $?"
echo "first: $(calcs) calculation"
files > before
jsna refresh -v 2> second.err || fail "second refresh exited $?"
grep -o 'nothing changed since refresh [0-9]*' second.err
echo "no change: $(calcs) calculation"
files > after
cmp -s before after || fail "a refresh with nothing new changed published files"
echo "no change: $(wc -l < after) published files, the very same files"
grep -c '^Nothing changed' outputs/changes.md

jsna refresh -v --force 2> forced.err || fail "forced refresh exited $?"
echo "forced: $(calcs) calculations, $(charts forced.err)"

sed -i 's/^title    = Test pass rate$/title    = Pupils passing the test/' indicators/t_pass.ini
jsna refresh -v 2> definition.err || fail "refresh after the definition exited $?"
echo "definition: $(calcs) calculations, $(charts definition.err)"
grep -c '^t_pass,Pupils passing the test,' outputs/indicators.csv
grep -c '<title>Pupils passing the test</title>' outputs/charts/t_pass_trend.svg
grep '^- ' outputs/changes.md

cp outputs/indicators.csv export.before
sum_png=$(sha256sum < outputs/charts/t_pass_compare.png)
sed -i 's/^formats .*/&\npalette        = fingertips/' jsna.ini
jsna refresh -v 2> config.err || fail "refresh after jsna.ini exited $?"
echo "configuration: $(calcs) calculations, $(charts config.err)"
[ "$(sha256sum < outputs/charts/t_pass_compare.png)" != "$sum_png" ] || fail "the palette did not redraw the compare chart"
cmp -s export.before outputs/indicators.csv || fail "the palette changed the export"
echo "configuration: compare chart redrawn, export the same"
grep '^- ' outputs/changes.md

# Neighbours of Cheshire West and Chester in 2024: Halton 50.0% and
# Warrington 45.0%, average 47.5; then Cheshire East 80.0% and
# Warrington 45.0%, average 62.5.
echo "neighbour average before: $(col 'Neighbour average')"
sed -i 's/^896,Cheshire West and Chester,896,5,North West,876,/896,Cheshire West and Chester,896,5,North West,895,/' reference/neighbours.csv
jsna refresh -v 2> neighbours.err || fail "refresh after the neighbour list exited $?"
echo "neighbours: $(calcs) calculations, $(charts neighbours.err)"
echo "neighbour average after: $(col 'Neighbour average')"
grep '^- ' outputs/changes.md

# Signing off an edition republishes the same outputs with a new index: the
# next night, with nothing new, still has nothing to do.
jsna publish -q --edition signed-off || fail "publish exited $?"
jsna refresh -v 2> edition.err || fail "refresh after the edition exited $?"
grep -o 'nothing changed since refresh [0-9]*' edition.err
grep -c 'editions/signed-off/' outputs/index.html
chmod -R u+w outputs/editions
