# ONS MYE2 wide tables (layout mye2, definition ons_mye2): the year and sex
# from the file names (mye22 = mid-2022, _Persons / _Females / _Males), a
# 'Sex' column when the name has none (mye24_MYE2_by_sex.csv, which also
# spells the column Geography1), ONS's capitals recased, levels from the
# Geography column, quoted thousands ("48,594,000"), a Combined Authority
# row skipped.
. "$TOP/tests/cli/lib.sh"
mkdir -p inputs/sources inputs/ons
cp "$TOP"/inputs/sources/*.ini inputs/sources/
cp "$TOP"/tests/data/layouts/mye2/*.csv inputs/ons/
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest -v
echo "exit $?"
echo "-- files"
sql "SELECT path, dataset, rows FROM source_file ORDER BY path"
echo "-- areas"
sql "SELECT code, name, level FROM area ORDER BY code"
echo "-- periods and sexes"
sql "SELECT f.path, o.year, o.kind, substr(o.filters, 1, instr(o.filters, char(31)) - 1), count(*) FROM observation o JOIN source_file f ON f.id = o.file GROUP BY 1, 2, 3, 4 ORDER BY 1, 4"
echo "-- England's 'All ages', age 0 and 90+ in mid-2022 (quoted with commas)"
sql "SELECT replace(filters, char(31), ' | '), value FROM observation WHERE area = 'E92000001' AND year = 2022 AND filters LIKE 'sex=Persons%' AND (filters LIKE '%age=all' OR filters LIKE '%age=0' OR filters LIKE '%age=90+') ORDER BY filters"
echo "-- rows whose ages add up to their 'All ages', of all rows, per file"
sql "SELECT path, sum(ok), count(*) FROM (SELECT f.path, sum(CASE WHEN o.filters LIKE '%age=all' THEN -o.value ELSE o.value END) = 0 AS ok FROM observation o JOIN source_file f ON f.id = o.file GROUP BY f.path, o.area, substr(o.filters, 1, instr(o.filters, char(31)))) GROUP BY path ORDER BY path"
echo "-- children aged 0-17, Cheshire West and Chester, by year and sex"
sql "SELECT year, substr(filters, 1, instr(filters, char(31)) - 1), sum(value) FROM observation WHERE area = 'E06000050' AND measure = 'population' AND CAST(substr(filters, instr(filters, 'age=') + 4) AS INTEGER) < 18 AND filters NOT LIKE '%age=all' AND filters NOT LIKE '%age=90+' GROUP BY 1, 2 ORDER BY 1, 2"
