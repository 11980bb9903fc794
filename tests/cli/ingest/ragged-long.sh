# A row with more fields than the header.
. "$TOP/tests/cli/lib.sh"
setup_small
sed '3s/$/,extra/' "$TOP/tests/data/small/inputs/ons/population.csv" > long.csv
rm -rf inputs var
ingest_bad long.csv
