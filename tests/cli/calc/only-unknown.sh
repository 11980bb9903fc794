. "$TOP/tests/cli/lib.sh"
setup_small
jsna-ingest || exit 1
jsna-calc --only nothing
