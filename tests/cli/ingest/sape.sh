# The ONS small-area estimates (layout sape): each LSOA's Total and its
# 182 single years of age by sex as observations of 'population', with
# the mye2 layout's filters; the mid-year from the file's name; the LSOA
# recorded inside its district; and the IMD and locality lookups beside
# them (tests/data/smallarea/lib.sh).
. "$TOP/tests/data/smallarea/lib.sh"
setup_smallarea
jsna-ingest
echo "exit $?"
jsna-check --datasets | grep -A3 '^ons_sape'
echo "-- LSOA E01000003: Total, F0, M0, F30, M90+"
sql "SELECT replace(filters, char(31), ' | '), year, value FROM observation
     WHERE area = 'E01000003' AND (filters LIKE '%age=all' OR filters LIKE '%age=0'
       OR filters LIKE 'sex=Female%age=30' OR filters LIKE 'sex=Male%age=90+')
     ORDER BY filters"
echo "-- values by file, and areas"
sql "SELECT count(*), sum(value) FROM observation WHERE dataset = 'ons_sape'"
sql "SELECT code, level, parent FROM area WHERE level IN ('LSOA', 'Locality')
     OR code IN ('E06000050', 'E06000006') ORDER BY code"
sql "SELECT kind, count(*), min(rank), max(rank) FROM lookup GROUP BY kind ORDER BY kind"
