# Next year's publication under a new name is recognised by its header and
# loads as the same dataset; the old name's load is dropped with it gone.
. "$TOP/tests/cli/lib.sh"
setup_small
jsna-ingest || exit 1
mv inputs/ons/population.csv inputs/ons/ons_mid-year_population_estimates_2013_to_2026.csv
jsna-ingest -v
sql "SELECT path, dataset, rows FROM source_file ORDER BY path"
