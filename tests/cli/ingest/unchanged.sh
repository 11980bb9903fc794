# A file whose bytes have not changed since its last good load is skipped.
. "$TOP/tests/cli/lib.sh"
setup_small
jsna-ingest || exit 1
jsna-ingest -v
sql "SELECT count(*) FROM run WHERE command = 'ingest' AND status = 0"
