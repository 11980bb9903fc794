# The council's own extracts (layout table), declared by their
# definitions: referrals by calendar quarter ('2024-Q1', recorded as the
# quarter of January: 2023/24 Q4) with counts written '1,204', a filter
# column and a fixed filter; contacts by financial quarter ('2024/25 Q4':
# January 2025); EHC plans at month ends given as dates (29/02/2024 in a
# leap year) with two fixed filters; and the shipped worked example, the
# monthly NEET extract ('Apr 2024', cohort '7,412'). Areas named by an
# extract are recorded at its level (LA when not said); the contacts name
# none.
. "$TOP/tests/cli/lib.sh"
mkdir -p inputs/sources inputs/local
cp "$TOP"/inputs/sources/*.ini "$TOP"/tests/data/layouts/table/sources/*.ini inputs/sources/
cp "$TOP"/tests/data/layouts/table/*.csv "$TOP"/inputs/local/neet_monthly_example.csv inputs/local/
printf '[area]\ncode = E06000050\n' > jsna.ini
jsna-ingest -v
echo "exit $?"
echo "-- files"
sql "SELECT path, dataset, rows FROM source_file ORDER BY path"
jsna-check --datasets
echo "-- areas"
sql "SELECT code, name, level, coalesce(parent, '-') FROM area ORDER BY code"
echo "-- observations"
sql "SELECT dataset, area, kind, year, month, measure, replace(filters, char(31), '|'), quote(value), quote(symbol) FROM observation WHERE dataset <> 'local_neet_monthly' ORDER BY dataset, area, year, month, filters, measure"
echo "-- the worked example"
sql "SELECT area, kind, year, month, replace(filters, char(31), '|'), group_concat(measure || '=' || value, ' ') FROM observation WHERE dataset = 'local_neet_monthly' GROUP BY area, kind, year, month, filters ORDER BY year, month"
