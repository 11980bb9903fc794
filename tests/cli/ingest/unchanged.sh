# A file whose bytes have not changed since its last good load is skipped.
. "$TOP/tests/cli/lib.sh"
setup_small
jsna-ingest || exit 1
jsna-ingest -v
sql "SELECT count(*) FROM run WHERE command = 'ingest' AND status = 0"
# A changed source definition reads the unchanged file again.
echo '; a comment changes the definition' >> inputs/sources/dfe_population_0_17.ini
jsna-ingest -v
