# Every period_format of the layout table, each by a definition of its own
# (told apart by file name: match), on a good value and on one that is
# not of the format or not a real period. The good files load (kind, year
# and first month recorded as written out in the README's table); each bad
# one is rejected with FILE:LINE:COLUMN and the stage exits 1.
. "$TOP/tests/cli/lib.sh"
mkdir -p inputs/sources inputs/local
printf '[area]\ncode = E06000050\n' > jsna.ini
n=0
while IFS='|' read -r format good bad; do
	n=$((n + 1))
	cat > inputs/sources/f$n.ini <<INI
[source]
id            = format_$n
layout        = table
require       = area, when, count
match         = f$n-*.csv
area          = area
period        = when
period_format = $format
measures      = count
INI
	printf 'area,when,count\nE06000050,%s,%s\n' "$good" "$n" > inputs/local/f$n-good.csv
	printf 'area,when,count\nE06000050,%s,%s\n' "$bad" "$n" > inputs/local/f$n-bad.csv
done <<'LIST'
YYYY|2024|24
YYYYYY|202324|202325
YYYY-YY|2023-24|2023/24
YYYY-Qn|2024-Q3|2024-Q5
YYYY/YY Qn|2024/25 Q4|2024-25 Q1
YYYY-MM|2024-12|2024-13
Mon YYYY|sep 2024|Sept 2024
YYYY Mon|2025 Jan|2025 January
DD/MM/YYYY|29/02/2024|29/02/2025
YYYY-MM-DD|2024-04-30|2024-04-31
LIST
jsna-ingest
echo "exit $?"
sql "SELECT f.path, o.kind, o.year, o.month, o.value FROM observation o JOIN source_file f ON f.id = o.file ORDER BY o.value"
