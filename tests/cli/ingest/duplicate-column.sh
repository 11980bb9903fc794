# A column the layout reads by name, given twice: which to read is unclear.
. "$TOP/tests/cli/lib.sh"
sed '1s/,population_estimate$/,population_estimate,population_estimate/; 2,$s/$/,1/' "$TOP/tests/data/small/inputs/ons/population.csv" > dup.csv
ingest_bad dup.csv
