# ONS subnational population projections (layout snpp, definition
# ons_snpp), a hand-made table in the shape of "2018 SNPP Population
# persons.csv" and one of males: each year column a calendar year, sex
# written as the mye2 layout writes it (persons -> Persons, males -> Male),
# ages 0 .. 89, "90 and over" -> 90+, "All ages" -> all, levels from the
# code as mye2 gives them (E11 Metropolitan County), decimal projections,
# a symbol and an empty cell; a combined authority (E47) and Inner London
# (E13) skipped. Beside it, an MYE2 table: the same measure, period kind
# and filter values for the same area.
. "$TOP/tests/cli/lib.sh"
mkdir -p inputs/sources inputs/ons
cp "$TOP"/inputs/sources/*.ini inputs/sources/
cp "$TOP"/tests/data/layouts/snpp/*Population*.csv inputs/ons/
cp "$TOP"/tests/data/layouts/mye2/mye22final_MYE2_Persons.csv inputs/ons/
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest -v
echo "exit $?"
echo "-- files"
sql "SELECT path, dataset, rows FROM source_file ORDER BY path"
echo "-- areas"
sql "SELECT code, name, level FROM area ORDER BY code"
echo "-- periods"
sql "SELECT DISTINCT dataset, year, kind, month FROM observation ORDER BY 1, 2"
echo "-- filters"
sql "SELECT replace(filters, char(31), ' | '), count(*) FROM observation WHERE dataset = 'ons_snpp' GROUP BY filters ORDER BY filters"
echo "-- the same series in both: Cheshire West and Chester, Persons, age 0"
sql "SELECT dataset, measure, year, kind, replace(filters, char(31), ' | '), value FROM observation WHERE area = 'E06000050' AND filters = 'sex=Persons' || char(31) || 'age=0' ORDER BY year"
echo "-- Cheshire West and Chester's projections"
sql "SELECT year, replace(filters, char(31), ' | '), value FROM observation WHERE area = 'E06000050' AND measure = 'population' AND dataset = 'ons_snpp' ORDER BY filters, year"
echo "-- Isles of Scilly, age 0: empty, symbol, value"
sql "SELECT year, quote(value), quote(symbol) FROM observation WHERE area = 'E06000053' ORDER BY year"
