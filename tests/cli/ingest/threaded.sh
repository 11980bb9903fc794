# Files of a megabyte and more are read by a second thread (csvin.c); the
# same files read by one thread or two give the same values and the same
# messages, in the same order, whatever goes wrong: here every file of
# the small sample, a big generated file, a file in Windows-1252, rows
# that do not fit and a quote left open near the end, each read both ways
# (JSNA_CSV_THREAD=never, =always).
. "$TOP/tests/cli/lib.sh"
setup_small
# A big EES file: 30,000 authorities' rows of the children-in-care layout.
{
	head -1 inputs/dfe/cla.csv
	awk 'BEGIN { for (i = 0; i < 30000; i++)
		printf "2025,Reporting year,Local authority,E92000001,England,E12000002,North West,%d,Area %d,E0%07d,Children looked after on 31 March each year,%d,%d,%d\n",
			100 + i % 800, i, 6000000 + i, 50000 + i, 300 + i % 500, 60 + i % 40 }'
} > inputs/dfe/big.csv
# Windows-1252 in a row's name, and two rows that do not fit, one near the
# end; and another file whose last quote is never closed.
{
	head -3 inputs/dfe/cla.csv
	printf '2025,Reporting year,Local authority,E92000001,England,E12000002,North West,897,Caf\351 Town,E06000051,Children looked after on 31 March each year,100,7,70\n'
	printf '2025,Reporting year,Local authority,E92000001,England,E12000002,North West,898,Bad,E06000052,Children looked after on 31 March each year,100,seven,70\n'
	tail -n +4 inputs/dfe/big.csv | head -2000
	printf '2025,Reporting year,Local authority,E92000001,England,E12000002,North West,899,Short\n'
} > inputs/dfe/mixed.csv
{
	head -2000 inputs/dfe/big.csv
	printf '2025,Reporting year,Local authority,E92000001,England,E12000002,North West,900,"Open quote,E06000053,x,1,2,3\n'
} > inputs/dfe/open.csv
for mode in never always; do
	rm -rf var
	JSNA_CSV_THREAD=$mode jsna-ingest 2> "err.$mode"
	echo "exit $?" >> "err.$mode"
	jsna-check --values > "values.$mode" || fail "jsna-check --values failed"
done
cmp -s err.never err.always || { diff err.never err.always >&2; fail "the messages differ"; }
cmp -s values.never values.always || fail "the values differ"
sed 's/^/  /' err.never
echo "values: $(($(wc -l < values.never) - 1)), the same both ways"
